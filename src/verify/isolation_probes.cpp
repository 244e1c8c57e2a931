// The isolation check's probes: what company 2 can reach of company 1's rows (references,
// rows without a company, row-level security, deletes), each a write that must be rejected.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "pg/interrupt.hpp"
#include "schemagen/naming.hpp"
#include "verify/isolation_checker.hpp"
#include "verify/set_null_check.hpp"
#include "verify/tenancy.hpp"
#include "verify/values.hpp"

namespace schemagen::verify::detail {

using naming::QuoteIdent;
using naming::QuoteLiteral;

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

}  // namespace schemagen::verify::detail
