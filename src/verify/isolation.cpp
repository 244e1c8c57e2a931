#include "verify/isolation.hpp"
#include "verify/set_null_check.hpp"

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
namespace {

using naming::QuoteIdent;
using naming::QuoteLiteral;

constexpr const char* kUniqueViolation = "23505";
constexpr const char* kNotNullViolation = "23502";
constexpr const char* kForeignKeyViolation = "23503";
constexpr const char* kPolicyViolation = "42501";  // insufficient_privilege: WITH CHECK

// After company 1 was deleted: `left` of its rows in the table (must be "0") and `kept` of
// company 2's (must be "1"). True when both hold.
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
        out.tables.push_back({table.name, column, fk->ref_columns.at(0), false, false, {}});
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
  TableIsolation CheckTable(const TenantTable& tenant, bool& delete_pending);
  bool CheckRows(const ir::Table& table, const TenantTable& tenant, TableIsolation& out);
  void CheckDeletes(IsolationCheck& out, const std::vector<std::size_t>& pending);
  bool DeleteOnce(IsolationCheck& out, const std::vector<std::size_t>& pending,
                  std::vector<std::size_t>& alone);
  void DeleteAlone(const TenantTable& tenant, TableIsolation& out);
  pg::Result Probe(const std::function<pg::Result()>& run);
  pg::Result ProbeInsert(const ir::Table& table, const RowMaker::Company& company, int variant,
                         const std::map<std::string, std::string>& preset);
  long Count(const std::string& sql, const std::vector<std::string>& params);
  bool ActAs(const std::string& tenant);
  void CheckReferences(const ir::Table& table, const TenantTable& tenant,
                       const RowMaker::Company& a, const RowMaker::Company& b, TableIsolation& out);
  void CheckWithoutTenant(const ir::Table& table, const TenantTable& tenant,
                          const RowMaker::Company& b, TableIsolation& out);
  void CheckRowSecurity(const ir::Table& table, const TenantTable& tenant,
                        const RowMaker::Company& a, const RowMaker::Company& b,
                        const RowValues& b_row, TableIsolation& out);
  bool CheckDelete(const ir::Table& table, const TenantTable& tenant, const RowMaker::Company& a,
                   const RowMaker::Company& b, TableIsolation& out);
  std::string MakeCompanies(RowMaker::Company& a, RowMaker::Company& b, int first_slot);
  void KeepParents(const ir::Table& table);
  const ir::Table* ModelTable(const std::string& name) const;

  pg::Scratch& scratch_;
  const ir::Schema& model_;
  const ir::Schema& actual_;
  const Tenancy& tenancy_;
  RowMaker rows_;
  bool bypasses_rls_ = false;  // the role the rows are written as has BYPASSRLS
  // Companies 1 and 2, made once for every table (companies_error_ says why not).
  RowMaker::Company a_;
  RowMaker::Company b_;
  std::string companies_error_;
  std::map<std::string, const ir::Table*> model_tables_;
  std::set<std::string> tenant_tables_;
  std::set<std::string> checked_;  // the tenant tables whose row checks are done
};

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

// Runs `run` in a savepoint and rolls back whatever it did: the probes write rows that must not
// stay, and an error would abort the transaction.
pg::Result Checker::Probe(const std::function<pg::Result()>& run) {
  if (const std::string error = Exec("SAVEPOINT schemagen_probe"); !error.empty()) {
    return pg::Result{{}, error, ""};
  }
  pg::Result result = run();
  (void)Exec("ROLLBACK TO SAVEPOINT schemagen_probe");
  return result;
}

// A row of `table` for `company`, some columns preset, written and rolled back.
pg::Result Checker::ProbeInsert(const ir::Table& table, const RowMaker::Company& company,
                                int variant, const std::map<std::string, std::string>& preset) {
  return Probe([&] {
    const bool ok = rows_.Insert(table, &company, variant, {}, preset).has_value();
    return pg::Result{{}, ok ? "" : rows_.error(), ok ? "" : rows_.sqlstate()};
  });
}

// The count a `SELECT count(*) ...` returns; -1 when it fails.
long Checker::Count(const std::string& sql, const std::vector<std::string>& params) {
  const pg::Result result = scratch_.session().Exec(sql, params);
  return result.ok() ? std::stol(result.Text(0, 0)) : -1;
}

bool Checker::ActAs(const std::string& tenant) { return rows_.SetTenant(tenant); }

// A row of company 2 that points at company 1's row must be rejected, for every reference to
// another tenant table: a same-tenant key rejects it (23503); a plain key lets it through.
void Checker::CheckReferences(const ir::Table& table, const TenantTable& tenant,
                              const RowMaker::Company& a, const RowMaker::Company& b,
                              TableIsolation& out) {
  std::vector<std::string> leaks;
  for (const ir::ForeignKey& fk : table.foreign_keys) {
    const std::string& column = ir::ReferenceColumn(fk);
    if (column == tenant.column) continue;
    const bool tenant_target =
        std::any_of(tenancy_.tables.begin(), tenancy_.tables.end(),
                    [&](const TenantTable& t) { return t.table == fk.ref_table; });
    if (!tenant_target) continue;
    // A key that is also the primary key (a one-to-one extension table) points at a row of its
    // own: company 1's row already holds the parent rows_ keeps for it.
    const ir::Column* held = table.FindColumn(column);
    const ir::Table* parent = model_.FindTableByName(fk.ref_table);
    const std::optional<RowValues> target =
        held != nullptr && held->primary_key && parent != nullptr
            ? rows_.Insert(*parent, &a, 6, {})
            : rows_.ParentRow(fk.ref_table, &a);
    const std::string key = target ? Field(*target, fk.ref_columns.back()) : "";
    if (key.empty()) {
      out.problems.push_back(
          fmt::format("can't make a row of {} to point at: {}", fk.ref_table, rows_.error()));
      continue;
    }
    ++out.counts.references;
    const pg::Result result = ProbeInsert(table, b, 3, {{column, QuoteLiteral(key)}});
    if (result.sqlstate == kForeignKeyViolation) {
      ++out.counts.references_rejected;
    } else if (result.ok()) {
      leaks.push_back(fmt::format("{} -> {} ({})", column, fk.ref_table, fk.name));
    } else {
      out.problems.push_back(
          fmt::format("a row pointing at another company's {} failed for "
                      "another reason: {}",
                      fk.ref_table, result.error));
    }
  }
  if (!leaks.empty()) {
    // A failure when the schema asks for same-tenant keys; a note when it opted out.
    (tenancy_.same_tenant_references ? out.problems : out.notes)
        .push_back(fmt::format("a row of company 2 could point at company 1's row through {}: only "
                               "same_tenant_references true prevents it",
                               fmt::join(leaks, ", ")));
  } else if (out.counts.references > 0 && out.counts.references_rejected == out.counts.references) {
    out.passed.push_back(fmt::format("{} of {} references to another company's row rejected",
                                     out.counts.references_rejected, out.counts.references));
  }
}

// A row with no company must be rejected: NOT NULL (23502), or the policy (42501).
void Checker::CheckWithoutTenant(const ir::Table& table, const TenantTable& tenant,
                                 const RowMaker::Company& b, TableIsolation& out) {
  if (tenant.nullable) {
    out.passed.push_back(
        fmt::format("rows without a company not tried: {} is nullable, as the "
                    "schema declares it",
                    tenant.column));
    return;
  }
  ++out.counts.without_tenant;
  const pg::Result result = ProbeInsert(table, b, 4, {{tenant.column, "NULL"}});
  if (result.sqlstate == kNotNullViolation || result.sqlstate == kPolicyViolation) {
    ++out.counts.without_tenant_rejected;
    out.passed.push_back("a row without a company rejected");
  } else if (result.ok()) {
    out.problems.push_back(fmt::format("a row with {} NULL was accepted", tenant.column));
  } else {
    out.problems.push_back("a row without a company failed for another reason: " + result.error);
  }
}

// Row-level security, acting as company 2: company 1's rows are invisible, untouched by UPDATE
// and DELETE, and no row can be written for company 1 (insert, or move a row there); with no
// company set, nothing is visible.
void Checker::CheckRowSecurity(const ir::Table& table, const TenantTable& tenant,
                               const RowMaker::Company& a, const RowMaker::Company& b,
                               const RowValues& b_row, TableIsolation& out) {
  const std::string one = Field(a.row, tenant.ref_column);
  const std::string two = Field(b.row, tenant.ref_column);
  const std::string name = QuoteIdent(table.name);
  const std::string column = QuoteIdent(tenant.column);
  CrossTenantCounts& n = out.counts;
  const std::string of_one = fmt::format("FROM {} WHERE {} = $1", name, column);
  if (!ActAs(one) || (n.rows = Count("SELECT count(*) " + of_one, {one})) < 1) {
    out.problems.push_back(
        fmt::format("acting as company 1, its own rows are not visible "
                    "(found {})",
                    n.rows));
    return;
  }
  (void)ActAs(two);
  n.visible = Count("SELECT count(*) " + of_one, {one});
  auto changed = [&](const std::string& statement) {
    const pg::Result r = Probe([&] {
      return scratch_.session().Exec(
          fmt::format("WITH changed AS ({} RETURNING 1) SELECT count(*) FROM changed", statement),
          {one});
    });
    return r.ok() ? std::stol(r.Text(0, 0)) : -1;
  };
  n.updated =
      changed(fmt::format("UPDATE {} SET {} = {} WHERE {} = $1", name, column, column, column));
  n.deleted = changed("DELETE " + of_one);
  // Writes for company 1 while acting as company 2: a new row, and moving its own row there.
  rows_.set_acting(two);
  const pg::Result insert = ProbeInsert(table, a, 5, {});
  rows_.set_acting(std::nullopt);
  (void)ActAs(two);
  // The row is found by its primary key, whatever its columns.
  std::vector<std::string> where;
  std::vector<std::string> params = {one};
  for (const ir::Column& c : table.columns) {
    if (!c.primary_key) continue;
    const std::string value = Field(b_row, c.name);
    if (value.empty()) continue;
    params.push_back(value);
    where.push_back(fmt::format("{} = ${}", QuoteIdent(c.name), params.size()));
  }
  const pg::Result move = where.empty() ? pg::Result{{}, "no primary key", ""} : Probe([&] {
    return scratch_.session().Exec(
        fmt::format("UPDATE {} SET {} = $1 WHERE {}", name, column, fmt::join(where, " AND ")),
        params);
  });
  for (const pg::Result* write : {&insert, &move}) {
    ++n.writes;
    n.writes_rejected += write->sqlstate == kPolicyViolation ? 1 : 0;
  }
  (void)ActAs("");
  n.unset = Count("SELECT count(*) FROM " + name, {});
  (void)ActAs(two);
  if (n.visible == 0 && n.updated == 0 && n.deleted == 0 && n.unset == 0 &&
      n.writes_rejected == n.writes) {
    out.passed.push_back(fmt::format(
        "row-level security: acting as company 2, {} of company 1's {} rows visible, {} "
        "updated, {} deleted; {} of {} writes for company 1 rejected; {} rows visible with no "
        "company set",
        n.visible, n.rows, n.updated, n.deleted, n.writes_rejected, n.writes, n.unset));
    return;
  }
  if (n.visible != 0)
    out.problems.push_back(fmt::format("acting as company 2, {} of company 1's {} rows are visible",
                                       n.visible, n.rows));
  if (n.updated != 0)
    out.problems.push_back(
        fmt::format("acting as company 2, an UPDATE of company 1's rows "
                    "changed {}",
                    n.updated));
  if (n.deleted != 0)
    out.problems.push_back(
        fmt::format("acting as company 2, a DELETE of company 1's rows "
                    "removed {}",
                    n.deleted));
  if (n.unset != 0)
    out.problems.push_back(fmt::format("with no company set, {} rows are visible", n.unset));
  if (insert.sqlstate != kPolicyViolation)
    out.problems.push_back(
        "acting as company 2, a row for company 1 was " +
        (insert.ok() ? std::string("accepted") : "rejected by something else: " + insert.error));
  if (move.sqlstate != kPolicyViolation)
    out.problems.push_back(
        "acting as company 2, moving a row to company 1 was " +
        (move.ok() ? std::string("accepted") : "rejected by something else: " + move.error));
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
  // Under row-level security each company counts its own rows.
  const bool rls = !tenancy_.setting.empty();
  if (rls) (void)ActAs(company);
  const pg::Result left = scratch_.session().Exec(count_sql, {company});
  const std::string other = Field(b.row, tenant.ref_column);
  if (rls) (void)ActAs(other);
  const pg::Result kept = scratch_.session().Exec(count_sql, {other});
  return DeleteVerdict(left.Text(0, 0), kept.Text(0, 0), out);
}

}  // namespace

Tenancy FindTenancy(const ir::Schema* expected, const ir::Schema& actual) {
  Tenancy out;
  if (expected == nullptr) {
    out = TenancyByColumnName(actual);
  } else {
    out.tenant_table = expected->tenant_table;
    for (const ir::Table& table : expected->tables) {
      for (const ir::Column& column : table.columns) {
        if (column.origin != ir::ColumnOrigin::kTenant) continue;
        const ir::ForeignKey* fk = TenantKey(table, column.name, out.tenant_table);
        // The injected column is NOT NULL and cascades: anything else, the DSL declared.
        const bool declared =
            column.nullable || (fk != nullptr && fk->on_delete != ir::Action::kCascade);
        std::vector<std::string> global_uniques;
        for (const auto& [name, columns] : UniqueKeys(table)) {
          if (!Contains(columns, column.name)) global_uniques.push_back(name);
        }
        out.tables.push_back({table.name, column.name, fk ? fk->ref_columns.at(0) : "id", declared,
                              column.nullable, std::move(global_uniques)});
      }
    }
  }
  // The setting rows are written under: the DSL's, else the one the database's policies read.
  static const std::regex kSetting(R"(current_setting\('([^']+)')");
  std::string from_policies;
  for (const ir::Table& table : actual.tables) {
    for (const ir::Policy& policy : table.policies) {
      std::smatch m;
      if (from_policies.empty() && std::regex_search(policy.using_expr, m, kSetting))
        from_policies = m[1].str();
    }
  }
  if (expected != nullptr) {
    out.row_level_security = expected->row_level_security;
    out.same_tenant_references = expected->same_tenant_references;
    out.setting = expected->row_level_security ? expected->tenant_setting : from_policies;
  } else {
    out.row_level_security = !from_policies.empty();
    out.setting = from_policies;
    for (const ir::Table& table : actual.tables) {
      for (const ir::ForeignKey& fk : table.foreign_keys) {
        for (const TenantTable& t : out.tables) {
          if (t.table == table.name && ir::IsSameTenantKey(fk, t.column))
            out.same_tenant_references = true;
        }
      }
    }
  }
  return out;
}

std::vector<std::string> CheckStructure(const ir::Table& actual, const TenantTable& tenant,
                                        const Tenancy& tenancy, std::vector<std::string>& passed) {
  const std::string& tenant_table = tenancy.tenant_table;
  std::vector<std::string> problems;
  if (tenancy.same_tenant_references) {
    std::size_t references = 0;
    for (const ir::ForeignKey& key : actual.foreign_keys) {
      const bool to_tenant_table =
          std::any_of(tenancy.tables.begin(), tenancy.tables.end(),
                      [&](const TenantTable& t) { return t.table == key.ref_table; });
      if (!to_tenant_table || ir::ReferenceColumn(key) == tenant.column) continue;
      ++references;
      if (!ir::IsSameTenantKey(key, tenant.column)) {
        problems.push_back(fmt::format(
            "foreign key {} ({}) REFERENCES {} does not include {}: a row can point at another "
            "company's row",
            key.name, fmt::join(key.columns, ", "), key.ref_table, tenant.column));
      }
    }
    if (references > 0 && problems.empty())
      passed.push_back(
          fmt::format("every reference to a tenant table is a same-tenant key ({})", references));
  }
  if (tenancy.row_level_security) {
    // The lint: a tenant table without its policy, or one the owner bypasses.
    if (!actual.row_security) {
      problems.push_back(
          "row-level security is not enabled: every company's rows are visible to every "
          "company");
    } else if (!actual.force_row_security) {
      problems.push_back(
          "row-level security is not forced: the table's owner (migrations, jobs) bypasses "
          "it");
    } else if (actual.policies.empty()) {
      problems.push_back("row-level security has no policy: no company sees any row");
    } else {
      passed.push_back(fmt::format("row-level security enabled and forced, policy {}",
                                   actual.policies.front().name));
    }
  }
  const ir::ForeignKey* fk = TenantKey(actual, tenant.column, tenant_table);
  if (fk == nullptr) {
    problems.push_back(fmt::format("no foreign key from {} to {}", tenant.column, tenant_table));
  } else if (fk->on_delete != ir::Action::kCascade && tenant.declared) {
    passed.push_back(
        fmt::format("foreign key {} is ON DELETE {}, as the schema declares it: "
                    "deleting a company {}",
                    fk->name, ir::ActionSql(fk->on_delete),
                    fk->on_delete == ir::Action::kSetNull ? "leaves its rows behind"
                                                          : "fails while it has rows"));
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
    if (Contains(tenant.global_uniques, name)) {
      passed.push_back(
          fmt::format("{} ({}) is unique across every company, as the schema "
                      "declares it",
                      name, fmt::join(columns, ", ")));
      continue;
    }
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
