#include "verify/isolation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "pg/interrupt.hpp"
#include "schemagen/naming.hpp"
#include "verify/rows.hpp"

namespace schemagen::verify {
namespace {

using naming::QuoteIdent;
using naming::QuoteLiteral;

constexpr const char* kUniqueViolation = "23505";

std::string Field(const RowValues& row, const std::string& name) {
  const auto it = row.find(name);
  return it == row.end() ? "" : it->second.value_or("");
}

bool Contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Every unique key of a table but its primary key: ("unique constraint x", its columns).
std::vector<std::pair<std::string, std::vector<std::string>>> UniqueKeys(const ir::Table& table) {
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  for (const ir::UniqueConstraint& u : table.uniques) {
    out.emplace_back("unique constraint " + u.name, u.columns);
  }
  for (const ir::Index& index : table.indexes) {
    if (!index.unique) continue;
    std::vector<std::string> columns;
    for (const ir::IndexColumn& c : index.columns) columns.push_back(c.name);
    out.emplace_back("unique index " + index.name, columns);
  }
  return out;
}

const ir::ForeignKey* TenantKey(const ir::Table& table, const std::string& column,
                                const std::string& tenant_table) {
  for (const ir::ForeignKey& fk : table.foreign_keys) {
    if (fk.columns == std::vector<std::string>{column} && fk.ref_table == tenant_table) return &fk;
  }
  return nullptr;
}

// Tenancy of a schema read back from a database: company_id / companyId foreign keys.
Tenancy TenancyByColumnName(const ir::Schema& actual) {
  std::map<std::string, int> targets;
  for (const ir::Table& table : actual.tables) {
    for (const ir::ForeignKey& fk : table.foreign_keys) {
      if (fk.columns.size() == 1 && (fk.columns[0] == "company_id" || fk.columns[0] == "companyId"))
        ++targets[fk.ref_table];
    }
  }
  Tenancy out;
  int best = 0;
  for (const auto& [table, count] : targets) {
    if (count > best) std::tie(out.tenant_table, best) = std::tie(table, count);
  }
  for (const ir::Table& table : actual.tables) {
    for (const char* column : {"company_id", "companyId"}) {
      if (const ir::ForeignKey* fk = TenantKey(table, column, out.tenant_table)) {
        out.tables.push_back({table.name, column, fk->ref_columns.at(0)});
      }
    }
  }
  return out;
}

// The per-table checks, in one transaction as the unprivileged role.
class Checker {
 public:
  Checker(pg::Scratch& scratch, const ir::Schema& model, const ir::Schema& actual,
          const Tenancy& tenancy)
      : scratch_(scratch),
        model_(model),
        actual_(actual),
        tenancy_(tenancy),
        rows_(scratch.session(), model, tenancy) {}

  IsolationCheck Run();

 private:
  bool Prepare(IsolationCheck& out);
  std::string Exec(const std::string& sql, const std::vector<std::string>& params = {});
  TableIsolation CheckTable(const TenantTable& tenant);
  void CheckRows(const ir::Table& table, const TenantTable& tenant, TableIsolation& out);
  bool CheckDelete(const ir::Table& table, const TenantTable& tenant, const RowMaker::Company& a,
                   const RowMaker::Company& b, TableIsolation& out);

  pg::Scratch& scratch_;
  const ir::Schema& model_;
  const ir::Schema& actual_;
  const Tenancy& tenancy_;
  RowMaker rows_;
};

// Runs a statement; "" on success, else the error.
std::string Checker::Exec(const std::string& sql, const std::vector<std::string>& params) {
  const pg::Result result = scratch_.session().Exec(sql, params);
  return result.ok() ? "" : result.error;
}

bool Checker::Prepare(IsolationCheck& out) {
  std::string why_not;
  const std::optional<std::string> role = scratch_.CreateRole("app", why_not);
  const std::string schema = QuoteIdent(scratch_.schema());
  if (role) {
    const std::string to = " TO " + QuoteIdent(*role);
    why_not = Exec("GRANT USAGE ON SCHEMA " + schema + to +
                   "; GRANT SELECT, INSERT, UPDATE, "
                   "DELETE ON ALL TABLES IN SCHEMA " +
                   schema + to + "; GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA " +
                   schema + to);
    if (!why_not.empty()) {
      out.skipped = "can't grant the test role access to the scratch tables: " + why_not;
      return false;
    }
    out.role = *role;
  } else {
    const pg::Result me = scratch_.session().Exec(
        "SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user");
    if (me.Text(0, 1) != "f") {
      out.skipped = "can't create an unprivileged role to write the rows as: " + why_not;
      return false;
    }
    // Not a superuser itself: the current role is unprivileged enough.
    out.role = me.Text(0, 0) + " (the current role: it may not create roles)";
  }
  std::string error = Exec("BEGIN");
  if (error.empty() && role) error = Exec("SET LOCAL ROLE " + QuoteIdent(*role));
  if (!error.empty()) out.skipped = "can't start the check: " + error;
  return error.empty();
}

IsolationCheck Checker::Run() {
  IsolationCheck out;
  out.tenant_table = tenancy_.tenant_table;
  if (tenancy_.tables.empty()) {
    out.skipped = tenancy_.tenant_table.empty()
                      ? "no tenant: the schema declares none and no table has a company_id key"
                      : "no table references the tenant " + tenancy_.tenant_table;
    return out;
  }
  if (!Prepare(out)) return out;
  out.checked = true;
  for (const TenantTable& tenant : tenancy_.tables) {
    if (pg::InterruptGuard::Interrupted()) break;
    out.tables.push_back(CheckTable(tenant));
  }
  (void)Exec("ROLLBACK");
  return out;
}

TableIsolation Checker::CheckTable(const TenantTable& tenant) {
  TableIsolation out;
  out.table = tenant.table;
  const ir::Table* actual = TableNamed(actual_, tenant.table);
  if (actual == nullptr) {
    out.status = Status::kFailed;
    out.problems.push_back("the table does not exist after the last migration");
    return out;
  }
  out.problems = CheckStructure(*actual, tenant, tenancy_.tenant_table, out.passed);
  const ir::Table* model = TableNamed(model_, tenant.table);
  const std::string error = Exec("SAVEPOINT schemagen_table");
  if (model == nullptr || !error.empty()) {
    out.skipped = "rows not checked: " + (error.empty() ? "no model of the table" : error);
  } else {
    CheckRows(*model, tenant, out);
    (void)Exec("ROLLBACK TO SAVEPOINT schemagen_table");
  }
  if (!out.problems.empty()) {
    out.status = Status::kFailed;
  } else if (!out.skipped.empty()) {
    out.status = Status::kSkipped;
  }
  return out;
}

void Checker::CheckRows(const ir::Table& table, const TenantTable& tenant, TableIsolation& out) {
  rows_.Forget();
  auto skip = [&](const std::string& why) { out.skipped = "rows not checked: " + why; };
  const ir::Table* root = TableNamed(model_, tenancy_.tenant_table);
  if (root == nullptr) return skip("the tenant table " + tenancy_.tenant_table + " is missing");
  RowMaker::Company a{1, {}};
  RowMaker::Company b{2, {}};
  for (RowMaker::Company* company : {&a, &b}) {
    const auto row = rows_.Insert(*root, nullptr, company->slot, {});
    if (!row) return skip("can't create a company: " + rows_.error());
    company->row = *row;
  }
  // The table's own row gets explicit, equal values in every unique column for both.
  std::set<std::string> forced;
  for (const auto& [name, columns] : UniqueKeys(table))
    forced.insert(columns.begin(), columns.end());
  if (!rows_.Insert(table, &a, 0, forced)) return skip(rows_.error());
  if (!rows_.Insert(table, &b, 0, forced)) {
    if (rows_.sqlstate() != kUniqueViolation) return skip(rows_.error());
    out.problems.push_back("the same values were rejected for a second company: " + rows_.error());
    return;
  }
  if (!UniqueKeys(table).empty())
    out.passed.push_back(
        "rows with the same unique values were "
        "accepted for two companies");
  (void)CheckDelete(table, tenant, a, b, out);
}

bool Checker::CheckDelete(const ir::Table& table, const TenantTable& tenant,
                          const RowMaker::Company& a, const RowMaker::Company& b,
                          TableIsolation& out) {
  const std::string company = Field(a.row, tenant.ref_column);
  std::string error =
      Exec(fmt::format("DELETE FROM {} WHERE {} = $1", QuoteIdent(tenancy_.tenant_table),
                       QuoteIdent(tenant.ref_column)),
           {company});
  if (!error.empty()) {
    out.problems.push_back("deleting a company failed: " + error);
    return false;
  }
  const std::string count_sql = fmt::format("SELECT count(*) FROM {} WHERE {} = $1",
                                            QuoteIdent(table.name), QuoteIdent(tenant.column));
  const pg::Result left = scratch_.session().Exec(count_sql, {company});
  const pg::Result kept = scratch_.session().Exec(count_sql, {Field(b.row, tenant.ref_column)});
  if (left.Text(0, 0) != "0") {
    out.problems.push_back("deleting a company left " + left.Text(0, 0) + " of its rows");
    return false;
  }
  if (kept.Text(0, 0) != "1") {
    out.problems.push_back("deleting one company deleted another company's rows");
    return false;
  }
  out.passed.push_back("deleting a company deleted its rows, and only its rows");
  return true;
}

}  // namespace

Tenancy FindTenancy(const ir::Schema* expected, const ir::Schema& actual) {
  if (expected == nullptr) return TenancyByColumnName(actual);
  Tenancy out;
  out.tenant_table = expected->tenant_table;
  for (const ir::Table& table : expected->tables) {
    for (const ir::Column& column : table.columns) {
      if (column.origin != ir::ColumnOrigin::kTenant) continue;
      const ir::ForeignKey* fk = TenantKey(table, column.name, out.tenant_table);
      out.tables.push_back({table.name, column.name, fk ? fk->ref_columns.at(0) : "id"});
    }
  }
  return out;
}

std::vector<std::string> CheckStructure(const ir::Table& actual, const TenantTable& tenant,
                                        const std::string& tenant_table,
                                        std::vector<std::string>& passed) {
  std::vector<std::string> problems;
  const ir::ForeignKey* fk = TenantKey(actual, tenant.column, tenant_table);
  if (fk == nullptr) {
    problems.push_back(fmt::format("no foreign key from {} to {}", tenant.column, tenant_table));
  } else if (fk->on_delete != ir::Action::kCascade) {
    problems.push_back(
        fmt::format("foreign key {} is ON DELETE {}, not CASCADE: deleting a company {}", fk->name,
                    ir::ActionSql(fk->on_delete),
                    fk->on_delete == ir::Action::kSetNull ? "leaves its rows behind"
                                                          : "fails while it has rows"));
  } else {
    passed.push_back(fmt::format("foreign key {} is ON DELETE CASCADE", fk->name));
  }
  const auto keys = UniqueKeys(actual);
  for (const auto& [name, columns] : keys) {
    if (Contains(columns, tenant.column)) continue;
    problems.push_back(
        fmt::format("{} ({}) does not include {}: one company's value blocks "
                    "every other company",
                    name, fmt::join(columns, ", "), tenant.column));
  }
  if (!keys.empty() && problems.empty()) {
    passed.push_back(fmt::format("every unique key includes {}", tenant.column));
  }
  return problems;
}

IsolationCheck CheckIsolation(pg::Scratch& scratch, const ir::Schema& model,
                              const ir::Schema& actual, const Tenancy& tenancy) {
  return Checker(scratch, model, actual, tenancy).Run();
}

}  // namespace schemagen::verify
