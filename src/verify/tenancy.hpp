// Which tables are a tenant's and what their catalog must show: shared by the isolation check
// and its structure checks.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "schemagen/ir.hpp"

namespace schemagen::verify {

bool Contains(const std::vector<std::string>& names, const std::string& name);
// Every unique key of a table but its primary key: ("unique constraint x", its columns).
std::vector<std::pair<std::string, std::vector<std::string>>> UniqueKeys(const ir::Table& table);
// The foreign key of `column` alone to the tenant table, or null.
const ir::ForeignKey* TenantKey(const ir::Table& table, const std::string& column,
                                const std::string& tenant_table);

}  // namespace schemagen::verify
