// The isolation check's test of ON DELETE SET NULL (columns) on a same-tenant key: deleting
// the row a row references nulls only the reference, never the tenant column. PostgreSQL 15
// does it natively; before 15 schemagen writes it as SET NULL plus a trigger
// (sql::SetNullByTrigger), and this is what proves the two mean the same.
#pragma once

#include "pg/session.hpp"
#include "schemagen/ir.hpp"
#include "schemagen/verify.hpp"
#include "verify/isolation.hpp"
#include "verify/rows.hpp"

namespace schemagen::verify {

/// For every key of `table` whose ON DELETE SET NULL names some of its columns: a row of
/// `company` points at a new row of the key's table (made from `model`), that row is deleted (as
/// the company, under row-level security), and the row must remain with its tenant column and the
/// other kept columns as they were and the named columns NULL. Each key adds a passed check or a
/// problem to `out`; everything is rolled back.
void CheckSetNull(pg::Session& session, RowMaker& rows, const ir::Schema& model,
                  const ir::Table& table, const TenantTable& tenant, const Tenancy& tenancy,
                  const RowMaker::Company& company, TableIsolation& out);

}  // namespace schemagen::verify
