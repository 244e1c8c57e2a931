#include "verify/isolation.hpp"
#include "verify/isolation_checker.hpp"
#include "verify/set_null_check.hpp"
#include "verify/tenancy.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "pg/interrupt.hpp"
#include "schemagen/naming.hpp"
#include "verify/rows.hpp"
#include "verify/values.hpp"

namespace schemagen::verify {
namespace detail {

using naming::QuoteIdent;
using naming::QuoteLiteral;

bool DeleteVerdict(const std::string& left, const std::string& kept, TableIsolation& out) {
  if (left != "0") {
    out.problems.push_back("deleting a company left " + left + " of its rows");
    return false;
  }
  if (kept != "1") {
    out.problems.push_back("deleting one company deleted another company's rows");
    return false;
  }
  out.passed.push_back("deleting a company deleted its rows, and only its rows");
  return true;
}

const ir::Table* Checker::ModelTable(const std::string& name) const {
  const auto it = model_tables_.find(name);
  return it == model_tables_.end() ? nullptr : it->second;
}

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
        "SELECT current_user, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user");
    if (me.Text(0, 1) != "f") {
      out.skipped = "can't create an unprivileged role to write the rows as: " + why_not;
      return false;
    }
    // Not a superuser itself: the current role is unprivileged enough, unless it bypasses
    // row-level security, whose checks then can't tell anything.
    out.role = me.Text(0, 0) + " (the current role: it may not create roles)";
    bypasses_rls_ = me.Text(0, 2) == "t";
  }
  std::string error = Exec("BEGIN");
  if (error.empty() && role) error = Exec("SET LOCAL ROLE " + QuoteIdent(*role));
  if (!error.empty()) out.skipped = "can't start the check: " + error;
  return error.empty();
}

IsolationCheck Checker::Run() {
  IsolationCheck out;
  out.tenant_table = tenancy_.tenant_table;
  out.setting = tenancy_.setting;
  if (tenancy_.tables.empty()) {
    out.skipped = tenancy_.tenant_table.empty()
                      ? "no tenant: the schema declares none and no table has a company_id key"
                      : "no table references the tenant " + tenancy_.tenant_table;
    return out;
  }
  if (!Prepare(out)) return out;
  out.checked = true;
  for (const ir::Table& table : model_.tables) model_tables_.emplace(table.name, &table);
  for (const TenantTable& tenant : tenancy_.tables) tenant_tables_.insert(tenant.table);
  if (!Exec("SAVEPOINT schemagen_companies").empty() ||
      !(companies_error_ = MakeCompanies(a_, b_, 1)).empty()) {
    if (companies_error_.empty()) companies_error_ = "can't create a company";
    (void)Exec("ROLLBACK TO SAVEPOINT schemagen_companies");
  }
  (void)Exec("RELEASE SAVEPOINT schemagen_companies");
  std::vector<std::size_t> deletes;  // the tables whose rows are ready for the delete check
  for (const TenantTable& tenant : tenancy_.tables) {
    if (pg::InterruptGuard::Interrupted()) break;
    bool delete_pending = false;
    out.tables.push_back(CheckTable(tenant, delete_pending));
    if (delete_pending && tenant.declared) {
      out.tables.back().passed.push_back(
          "deleting a company not tried: the schema declares what it does to these rows");
    } else if (delete_pending) {
      deletes.push_back(out.tables.size() - 1);
    }
  }
  if (!pg::InterruptGuard::Interrupted()) CheckDeletes(out, deletes);
  (void)Exec("ROLLBACK");
  for (TableIsolation& table : out.tables) {
    if (!table.problems.empty()) {
      table.status = Status::kFailed;
    } else if (!table.skipped.empty()) {
      table.status = Status::kSkipped;
    }
  }
  return out;
}

TableIsolation Checker::CheckTable(const TenantTable& tenant, bool& delete_pending) {
  TableIsolation out;
  out.table = tenant.table;
  const ir::Table* actual = TableNamed(actual_, tenant.table);
  if (actual == nullptr) {
    out.problems.push_back("the table does not exist after the last migration");
    return out;
  }
  out.problems = CheckStructure(*actual, tenant, tenancy_, out.passed);
  const ir::Table* model = ModelTable(tenant.table);
  if (model != nullptr && companies_error_.empty()) KeepParents(*model);
  const std::size_t mark = rows_.Mark();
  const std::string error = Exec("SAVEPOINT schemagen_table");
  if (model == nullptr || !error.empty()) {
    out.skipped = "rows not checked: " + (error.empty() ? "no model of the table" : error);
  } else {
    delete_pending = CheckRows(*model, tenant, out);
    (void)Exec("ROLLBACK TO SAVEPOINT schemagen_table");
  }
  rows_.ForgetSince(mark);
  checked_.insert(tenant.table);
  return out;
}

// Two companies, slots `first_slot` and the next (rows of the tenant table, outside any
// company). "" on success, else why not.
std::string Checker::MakeCompanies(RowMaker::Company& a, RowMaker::Company& b, int first_slot) {
  rows_.set_acting(std::nullopt);
  const ir::Table* root = ModelTable(tenancy_.tenant_table);
  if (root == nullptr) return "the tenant table " + tenancy_.tenant_table + " is missing";
  a = {first_slot, {}};
  b = {first_slot + 1, {}};
  for (RowMaker::Company* company : {&a, &b}) {
    const auto row = rows_.Insert(*root, nullptr, company->slot, {});
    if (!row) return "can't create a company: " + rows_.error();
    company->row = *row;
  }
  return "";
}

// The parent rows of `table`'s rows for both companies, made before its savepoint so that
// they stay for the tables after it: a chain of parents is made once, not once per table. Only
// when every tenant table they would go into has had its own check already (the IR's order,
// parents first, makes that the rule): a row there before its check would change what the
// check sees. Otherwise they are made inside the table's savepoint, as the rest of its rows.
void Checker::KeepParents(const ir::Table& table) {
  std::vector<std::string> pending = rows_.ParentTables(table);
  std::set<std::string> seen;
  while (!pending.empty()) {
    const std::string name = std::move(pending.back());
    pending.pop_back();
    if (name == tenancy_.tenant_table || !seen.insert(name).second) continue;
    if (name == table.name || (tenant_tables_.count(name) > 0 && checked_.count(name) == 0)) return;
    const ir::Table* parent = ModelTable(name);
    if (parent == nullptr) return;
    for (std::string& grandparent : rows_.ParentTables(*parent))
      pending.push_back(std::move(grandparent));
  }
  if (seen.empty()) return;  // no parent but the company
  const std::size_t mark = rows_.Mark();
  if (!Exec("SAVEPOINT schemagen_parents").empty()) return;
  rows_.set_acting(std::nullopt);
  if (!rows_.MakeParents(table, &a_) || !rows_.MakeParents(table, &b_)) {
    // Left to the table's own check, which reports why.
    (void)Exec("ROLLBACK TO SAVEPOINT schemagen_parents");
    rows_.ForgetSince(mark);
  }
  (void)Exec("RELEASE SAVEPOINT schemagen_parents");
}

// The row checks of one table; true when they all ran and the delete check is left to do
// (CheckDeletes, for every table at once).
bool Checker::CheckRows(const ir::Table& table, const TenantTable& tenant, TableIsolation& out) {
  auto skip = [&](const std::string& why) {
    out.skipped = "rows not checked: " + why;
    return false;
  };
  if (!companies_error_.empty()) return skip(companies_error_);
  rows_.set_acting(std::nullopt);
  const RowMaker::Company& a = a_;
  const RowMaker::Company& b = b_;
  // The table's own row gets explicit, equal values in every unique column for both (the
  // primary key aside: its keys are unique across companies by design).
  std::set<std::string> forced;
  bool uniques = false;
  for (const auto& [name, columns] : UniqueKeys(table)) {
    if (Contains(tenant.global_uniques, name)) continue;  // one value per database, by design
    if (std::any_of(columns.begin(), columns.end(), [&](const std::string& c) {
          const ir::Column* column = table.FindColumn(c);
          return column != nullptr && column->primary_key;
        }))
      continue;
    uniques = true;
    forced.insert(columns.begin(), columns.end());
  }
  // A unique across every company (declared `global`) gets another value for the second.
  std::map<std::string, std::string> other;
  for (const auto& [name, columns] : UniqueKeys(table)) {
    if (!Contains(tenant.global_uniques, name)) continue;
    for (const std::string& c : columns) {
      const ir::Column* column = table.FindColumn(c);
      if (column == nullptr || column->origin == ir::ColumnOrigin::kReference) continue;
      std::string why_not;
      if (auto value = SynthesizeValue(model_, table, *column, 1, why_not)) other[c] = *value;
    }
  }
  if (!rows_.Insert(table, &a, 0, forced)) return skip(rows_.error());
  const std::optional<RowValues> b_row = rows_.Insert(table, &b, 0, forced, other);
  if (!b_row) {
    if (rows_.sqlstate() != kUniqueViolation) return skip(rows_.error());
    out.problems.push_back("the same values were rejected for a second company: " + rows_.error());
    return false;
  }
  if (uniques)
    out.passed.push_back("rows with the same unique values were accepted for two companies");
  CheckReferences(table, tenant, a, b, out);
  CheckSetNull(scratch_.session(), rows_, model_, table, tenant, tenancy_, a, out);
  rows_.set_acting(std::nullopt);
  CheckWithoutTenant(table, tenant, b, out);
  if (!tenancy_.setting.empty() && bypasses_rls_) {
    out.notes.push_back(
        "row-level security not tried: the current role has BYPASSRLS and may not create a "
        "role without it");
  } else if (!tenancy_.setting.empty()) {
    CheckRowSecurity(table, tenant, a, b, *b_row, out);
  }
  return out.skipped.empty();
}

// Deleting a company must delete its rows in every tenant table, and only its rows. One DELETE
// of a company visits every tenant table through its cascade, so deleting one per table costs
// time in the square of the tables (at 1,000 tables, most of verify's time: bench/FINDINGS.md,
// F10). So every table gets its rows for companies 1 and 2 first, then company 1 is deleted
// once and each company's rows are counted in one query. When that DELETE fails (a key that
// restricts or sets null), each table is tried alone, which tells which tables fail.
void Checker::CheckDeletes(IsolationCheck& out, const std::vector<std::size_t>& pending) {
  if (pending.empty()) return;
  std::vector<std::size_t> alone;
  if (!DeleteOnce(out, pending, alone)) alone = pending;
  for (std::size_t i : alone) {
    if (pg::InterruptGuard::Interrupted()) return;
    DeleteAlone(tenancy_.tables[i], out.tables[i]);
  }
}

// The shared delete; false when it could not tell (then every table is tried alone). Tables
// whose rows could not be made go to `alone`.
bool Checker::DeleteOnce(IsolationCheck& out, const std::vector<std::size_t>& pending,
                         std::vector<std::size_t>& alone) {
  const std::string& ref_column = tenancy_.tables[pending.front()].ref_column;
  for (std::size_t i : pending) {
    if (tenancy_.tables[i].ref_column != ref_column) return false;
  }
  const std::size_t start = rows_.Mark();
  if (!Exec("SAVEPOINT schemagen_delete").empty()) return false;
  auto give_up = [&] {
    (void)Exec("ROLLBACK TO SAVEPOINT schemagen_delete");
    (void)Exec("RELEASE SAVEPOINT schemagen_delete");
    rows_.ForgetSince(start);
    alone.clear();
    return false;
  };
  const RowMaker::Company& a = a_;
  const RowMaker::Company& b = b_;
  std::vector<std::size_t> rows;  // the tables with a row of each company
  for (std::size_t i : pending) {
    const std::string& table = tenancy_.tables[i].table;
    const std::size_t mark = rows_.Mark();
    if (!Exec("SAVEPOINT schemagen_delete_rows").empty()) return give_up();
    if (rows_.ParentRow(table, &a) && rows_.ParentRow(table, &b)) {
      (void)Exec("RELEASE SAVEPOINT schemagen_delete_rows");
      rows.push_back(i);
    } else {
      (void)Exec("ROLLBACK TO SAVEPOINT schemagen_delete_rows");
      (void)Exec("RELEASE SAVEPOINT schemagen_delete_rows");
      rows_.ForgetSince(mark);
      alone.push_back(i);
    }
  }
  const std::string one = Field(a.row, ref_column);
  const std::string two = Field(b.row, ref_column);
  const std::string delete_sql = fmt::format(
      "DELETE FROM {} WHERE {} = $1", QuoteIdent(tenancy_.tenant_table), QuoteIdent(ref_column));
  if (!rows.empty() && !Exec(delete_sql, {one}).empty()) return give_up();
  // Each company's rows in every table, counted as that company under row-level security.
  std::vector<std::string> counts;
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const TenantTable& tenant = tenancy_.tables[rows[k]];
    counts.push_back(fmt::format("SELECT {}, count(*) FROM {} WHERE {} = $1", k,
                                 QuoteIdent(tenant.table), QuoteIdent(tenant.column)));
  }
  const std::string count_sql = fmt::format("{}", fmt::join(counts, " UNION ALL "));
  const bool rls = !tenancy_.setting.empty();
  std::vector<std::string> left(rows.size());
  std::vector<std::string> kept(rows.size());
  for (auto [company, into] : {std::pair{&one, &left}, std::pair{&two, &kept}}) {
    if (rows.empty()) break;
    if (rls && !ActAs(*company)) return give_up();
    const pg::Result result = scratch_.session().Exec(count_sql, {*company});
    if (!result.ok() || result.rows.size() != rows.size()) return give_up();
    for (std::size_t r = 0; r < result.rows.size(); ++r) {
      const std::size_t k = std::stoul(result.Text(r, 0));
      if (k < into->size()) (*into)[k] = result.Text(r, 1);
    }
  }
  for (std::size_t k = 0; k < rows.size(); ++k) {
    (void)DeleteVerdict(left[k], kept[k], out.tables[rows[k]]);
  }
  (void)Exec("ROLLBACK TO SAVEPOINT schemagen_delete");
  (void)Exec("RELEASE SAVEPOINT schemagen_delete");
  rows_.ForgetSince(start);
  return true;
}

// The delete check of one table alone, with two new companies (slots 3 and 4) that have rows
// in this table and its parents only, so a failure is this table's.
void Checker::DeleteAlone(const TenantTable& tenant, TableIsolation& out) {
  const ir::Table* model = ModelTable(tenant.table);
  const std::size_t mark = rows_.Mark();
  if (model == nullptr || !Exec("SAVEPOINT schemagen_table").empty()) return;
  RowMaker::Company a;
  RowMaker::Company b;
  std::string error = MakeCompanies(a, b, 3);
  if (error.empty() && (!rows_.ParentRow(tenant.table, &a) || !rows_.ParentRow(tenant.table, &b))) {
    error = rows_.error();
  }
  if (!error.empty()) {
    out.problems.push_back("can't make the rows to delete a company with: " + error);
  } else {
    (void)CheckDelete(*model, tenant, a, b, out);
  }
  (void)Exec("ROLLBACK TO SAVEPOINT schemagen_table");
  rows_.ForgetSince(mark);
}

}  // namespace detail

IsolationCheck CheckIsolation(pg::Scratch& scratch, const ir::Schema& model,
                              const ir::Schema& actual, const Tenancy& tenancy) {
  return detail::Checker(scratch, model, actual, tenancy).Run();
}

}  // namespace schemagen::verify
