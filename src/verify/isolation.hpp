// The tenant isolation check: after the last UP, tenant tables must keep companies apart.
// In the catalog, every unique key of a tenant table includes its tenant column and the
// tenant foreign key cascades on delete. In the data, as an unprivileged role, the same
// values are accepted for two companies, and deleting one company deletes its rows and only
// its rows.
#pragma once

#include <string>
#include <vector>

#include "pg/scratch.hpp"
#include "schemagen/ir.hpp"
#include "schemagen/verify.hpp"

namespace schemagen::verify {

/// A tenant table: its tenant column and the tenant table's column that one references.
struct TenantTable {
  std::string table;
  std::string column;      ///< "company_id"
  std::string ref_column;  ///< "id" of the tenant table
  /// The DSL declares the tenant column as the database has it (`company -> Company?`): its
  /// nullability and ON DELETE are what the schema asks for, reported, not failed.
  bool declared = false;
  bool nullable = false;
  /// Unique keys the DSL declares across every tenant (`unique global`), as UniqueKeys names
  /// them ("unique constraint users_email_key"): reported, not failed.
  std::vector<std::string> global_uniques = {};
};

struct Tenancy {
  std::string tenant_table;  ///< "companies"; empty when there is none
  std::vector<TenantTable> tables;
  /// Row-level security's transaction-local tenant setting ("app.current_company_id"): set to
  /// the company's key before writing its rows. Empty when no table has row-level security.
  std::string setting;
  /// What the DSL asks for (with a DSL); without one, what the database shows.
  bool row_level_security = false;
  bool same_tenant_references = false;
};

/// The tenant tables. With the DSL's IR: its tenant and every table with an injected tenant
/// column. Without: the tables with a company_id or companyId foreign key to the table most
/// of those keys reference.
Tenancy FindTenancy(const ir::Schema* expected, const ir::Schema& actual);

/// The catalog checks of one tenant table as it is in the database: problems, and the checks
/// that held in `passed`. With `tenancy.same_tenant_references` every reference to another
/// tenant table must be a same-tenant key; with `tenancy.row_level_security` the table must
/// have row-level security enabled, forced and a policy (the lint for a table without one).
std::vector<std::string> CheckStructure(const ir::Table& actual, const TenantTable& tenant,
                                        const Tenancy& tenancy, std::vector<std::string>& passed);

/// Runs the whole check in `scratch` (whose schema holds the migrated tables, described by
/// `actual`). Rows are made up from `model`: the DSL's IR when there is one (it knows the
/// enums and checks), else `actual`. Every row is rolled back.
IsolationCheck CheckIsolation(pg::Scratch& scratch, const ir::Schema& model,
                              const ir::Schema& actual, const Tenancy& tenancy);

}  // namespace schemagen::verify
