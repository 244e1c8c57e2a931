#include "verify/set_null_check.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "schemagen/naming.hpp"

namespace schemagen::verify {
namespace {

using naming::QuoteIdent;
using naming::QuoteLiteral;

bool Partial(const ir::ForeignKey& fk) {
  return fk.on_delete == ir::Action::kSetNull && !fk.set_null_columns.empty() &&
         fk.set_null_columns.size() < fk.columns.size();
}

// "a = $1 AND b = $2" over `columns`, the parameters from `row`'s `sources`.
std::string Match(const std::vector<std::string>& columns, const std::vector<std::string>& sources,
                  const RowValues& row, std::vector<std::string>& params) {
  std::vector<std::string> terms;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    params.push_back(Field(row, sources[i]));
    terms.push_back(fmt::format("{} = ${}", QuoteIdent(columns[i]), params.size()));
  }
  return fmt::format("{}", fmt::join(terms, " AND "));
}

// One key's check, inside the caller's savepoint: "" when it held, else the problem. `skipped`
// says why it could not be tried, when it could not.
std::string CheckKey(pg::Session& session, RowMaker& rows, const ir::Schema& model,
                     const ir::Table& table, const ir::ForeignKey& fk, const TenantTable& tenant,
                     const Tenancy& tenancy, const RowMaker::Company& company,
                     std::string& skipped) {
  // A row of its own to point at: a shared parent may be what another key of the row
  // cascades from (a message's ticket belongs to the same contact).
  const ir::Table* target = TableNamed(model, fk.ref_table);
  if (target == nullptr) {
    skipped = "no model of " + fk.ref_table;
    return "";
  }
  const std::optional<RowValues> parent = rows.Insert(*target, &company, 6, {});
  if (!parent) {
    skipped = "can't make a row of " + fk.ref_table + " to point at: " + rows.error();
    return "";
  }
  std::map<std::string, std::string> preset;
  for (std::size_t i = 0; i < fk.columns.size(); ++i)
    preset[fk.columns[i]] = QuoteLiteral(Field(*parent, fk.ref_columns[i]));
  const std::optional<RowValues> row = rows.Insert(table, &company, 5, {}, preset);
  if (!row) {
    skipped = "can't write a row of " + table.name + " pointing at it: " + rows.error();
    return "";
  }
  if (!tenancy.setting.empty() && !rows.SetTenant(Field(company.row, tenant.ref_column))) {
    skipped = rows.error();
    return "";
  }
  std::vector<std::string> params;
  const std::string which = Match(fk.ref_columns, fk.ref_columns, *parent, params);
  const pg::Result deleted =
      session.Exec(fmt::format("DELETE FROM {} WHERE {}", QuoteIdent(fk.ref_table), which), params);
  if (!deleted.ok()) {
    return fmt::format("deleting the {} row it references failed: {}", fk.ref_table, deleted.error);
  }
  std::vector<std::string> key;
  for (const ir::Column& c : table.columns) {
    if (c.primary_key) key.push_back(c.name);
  }
  params.clear();
  const std::string self = Match(key, key, *row, params);
  std::vector<std::string> shown;
  for (const std::string& c : fk.columns) shown.push_back(QuoteIdent(c));
  const pg::Result after =
      session.Exec(fmt::format("SELECT {} FROM {} WHERE {}", fmt::join(shown, ", "),
                               QuoteIdent(table.name), self),
                   params);
  if (!after.ok()) return "can't read the row back: " + after.error;
  if (after.rows.empty()) return "the row was deleted, not kept with its reference NULL";
  std::vector<std::string> wrong;
  for (std::size_t i = 0; i < fk.columns.size(); ++i) {
    const std::string& column = fk.columns[i];
    const std::optional<std::string>& value = after.rows[0][i];
    const bool nulled = std::find(fk.set_null_columns.begin(), fk.set_null_columns.end(), column) !=
                        fk.set_null_columns.end();
    if (nulled && value) wrong.push_back(column + " kept its value");
    if (!nulled && value != Field(*row, column))
      wrong.push_back(fmt::format("{} became {}", column, value.value_or("NULL")));
  }
  if (!wrong.empty()) return fmt::format("{}", fmt::join(wrong, ", "));
  return "";
}

}  // namespace

void CheckSetNull(pg::Session& session, RowMaker& rows, const ir::Schema& model,
                  const ir::Table& table, const TenantTable& tenant, const Tenancy& tenancy,
                  const RowMaker::Company& company, TableIsolation& out) {
  for (const ir::ForeignKey& fk : table.foreign_keys) {
    if (!Partial(fk)) continue;
    const std::size_t mark = rows.Mark();
    if (!session.Exec("SAVEPOINT schemagen_set_null").ok()) return;
    std::string skipped;
    const std::string problem =
        CheckKey(session, rows, model, table, fk, tenant, tenancy, company, skipped);
    (void)session.Exec("ROLLBACK TO SAVEPOINT schemagen_set_null");
    (void)session.Exec("RELEASE SAVEPOINT schemagen_set_null");
    rows.ForgetSince(mark);
    const std::string what =
        fmt::format("ON DELETE SET NULL ({}) of {}", fmt::join(fk.set_null_columns, ", "), fk.name);
    if (!skipped.empty()) {
      out.notes.push_back(what + " not tried: " + skipped);
    } else if (!problem.empty()) {
      out.problems.push_back(what + ": " + problem);
    } else {
      std::vector<std::string> kept;
      for (const std::string& c : fk.columns) {
        if (std::find(fk.set_null_columns.begin(), fk.set_null_columns.end(), c) ==
            fk.set_null_columns.end())
          kept.push_back(c);
      }
      out.passed.push_back(fmt::format("{}: a delete of the {} row nulled {} and kept {}", what,
                                       fk.ref_table, fmt::join(fk.set_null_columns, ", "),
                                       fmt::join(kept, ", ")));
    }
  }
}

}  // namespace schemagen::verify
