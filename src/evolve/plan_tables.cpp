// Planned changes of whole tables: created, dropped, and the parts a rename renamed or a new
// same-tenant key replaces.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "evolve/planner.hpp"
#include "evolve/target_forms.hpp"
#include "schemagen/naming.hpp"

namespace schemagen::evolve::planning {

void Planner::OnChange(const diff::AddTable& change) {
  const ir::Table& table = change.object;
  Step step;
  step.subject = table.model;
  step.table = table.name;
  step.summary = fmt::format("create table {}", table.name);
  step.reason = "a new table: nothing existing is locked or rewritten";
  step.span = table.span;
  // A same-tenant key into an existing table that gets its UNIQUE (company_id, id) in this
  // plan can only be added once that is built, online: until then the table has the plain
  // key on the reference column, so no row can point at a missing row in between.
  ir::Table created = table;
  std::vector<std::pair<ir::ForeignKey, const ir::ForeignKey*>> later;
  for (std::size_t i = 0; i < table.foreign_keys.size(); ++i) {
    if (table.foreign_keys[i].deferred || !AwaitsUnique(table.foreign_keys[i])) continue;
    created.foreign_keys[i] = PlainKey(table, table.foreign_keys[i]);
    later.emplace_back(created.foreign_keys[i], &table.foreign_keys[i]);
  }
  step.up = sql::CreateTableStatements(created, To(), /*set_null_triggers=*/false);
  step.down.push_back(S(fmt::format("DROP TABLE {};", QuoteIdent(table.name))));
  Add(kCreateTables, std::move(step));
  for (const ir::ForeignKey& fk : table.foreign_keys) {
    if (fk.deferred) AddForeignKey(table, fk, /*existing=*/false);
  }
  for (const auto& [plain, fk] : later) ReplaceForeignKey(created, table, plain, *fk);
}

ir::ForeignKey Planner::PlainKey(const ir::Table& table, const ir::ForeignKey& fk) {
  ir::ForeignKey plain = fk;
  plain.columns = {ir::ReferenceColumn(fk)};
  plain.ref_columns = {fk.ref_columns.back()};
  plain.set_null_columns.clear();
  plain.name = table.name + "_" + plain.columns[0] + "_fkey";
  if (plain.name.size() > kMaxIdentifier) plain.name = plain.name.substr(0, kMaxIdentifier);
  return plain;
}

bool Planner::AwaitsUnique(const ir::ForeignKey& fk) const {
  const ir::Table* target = base_.FindTableByName(fk.ref_table);
  if (target == nullptr || fk.ref_columns.size() < 2) return false;
  return std::none_of(target->uniques.begin(), target->uniques.end(),
                      [&](const ir::UniqueConstraint& u) { return u.columns == fk.ref_columns; });
}

void Planner::OnChange(const diff::DropTable& change) {
  const ir::Table& table = change.object;
  for (const ir::ForeignKey& fk : table.foreign_keys) {
    if (fk.deferred) DropForeignKey(table, fk);
  }
  Step step;
  step.subject = table.model;
  step.table = table.name;
  step.summary = fmt::format("drop table {}", table.name);
  step.safety = Safety::kDataLossUp;
  step.reason =
      fmt::format("every row of {} is deleted; the DOWN recreates the table empty", table.name);
  step.advice = fmt::format(
      "to keep the rows, copy them elsewhere first (or keep the entity); when they are no "
      "longer needed, allow it with --allow data-loss:{}",
      table.model);
  step.up.push_back(
      S(fmt::format("DROP TABLE {};", QuoteIdent(table.name)),
        fmt::format("{} is no longer in the schema: its rows are lost.", table.model)));
  step.down = sql::CreateTableStatements(table, From(), /*set_null_triggers=*/false);
  Add(kDropTables, std::move(step));
}

void Planner::OnChange(const diff::ModifyTable& change) {
  const ir::Table* from = base_.FindTableByName(change.table);
  const ir::Table* to = next_.FindTableByName(change.table);
  if (from == nullptr || to == nullptr) return;
  std::vector<diff::TableChange> changes = change.changes;
  MatchRenamedParts(*from, *to, changes);
  MatchReplacedKeys(*from, *to, changes);
  for (const diff::TableChange& c : changes) {
    std::visit([&](const auto& part) { PlanPart(*from, *to, part); }, c);
  }
}

void Planner::MatchRenamedParts(const ir::Table& from, const ir::Table& to,
                                std::vector<diff::TableChange>& changes) {
  std::vector<bool> used(changes.size(), false);
  auto pair = [&](auto same, auto emit) {
    for (std::size_t i = 0; i < changes.size(); ++i) {
      if (used[i]) continue;
      for (std::size_t j = 0; j < changes.size(); ++j) {
        if (used[j] || i == j) continue;
        if (same(changes[i], changes[j])) {
          emit(changes[i], changes[j]);
          used[i] = used[j] = true;
          break;
        }
      }
    }
  };
  auto rename = [&](const std::string& kind, const std::string& old_name,
                    const std::string& new_name, const std::string& subject, bool index) {
    Step step;
    step.subject = subject;
    step.table = to.name;
    step.summary = fmt::format("rename {} {} to {}", kind, old_name, new_name);
    const bool moved = std::any_of(table_renames_.begin(), table_renames_.end(),
                                   [&](const TableRename& r) { return r.new_name == to.name; }) ||
                       std::any_of(column_renames_.begin(), column_renames_.end(),
                                   [&](const ColumnRename& r) { return r.table == to.name; });
    step.reason = moved ? "its name follows the renamed table or column; the definition is "
                          "unchanged"
                        : "its name changed (name \"...\"); the definition is unchanged, so "
                          "only the catalog changes";
    const std::string up = index ? fmt::format("ALTER INDEX {} RENAME TO {};", QuoteIdent(old_name),
                                               QuoteIdent(new_name))
                                 : fmt::format("{} RENAME CONSTRAINT {} TO {};", Alter(to.name),
                                               QuoteIdent(old_name), QuoteIdent(new_name));
    const std::string down = index ? fmt::format("ALTER INDEX {} RENAME TO {};",
                                                 QuoteIdent(new_name), QuoteIdent(old_name))
                                   : fmt::format("{} RENAME CONSTRAINT {} TO {};", Alter(to.name),
                                                 QuoteIdent(new_name), QuoteIdent(old_name));
    step.up.push_back(S(up));
    step.down.push_back(S(down));
    Add(kRenameObjects, std::move(step));
  };
  auto matcher = [&](auto tag, auto same_def, const char* kind, bool index) {
    using Drop = diff::Drop<decltype(tag)>;
    using AddT = diff::Add<decltype(tag)>;
    pair(
        [&](const diff::TableChange& a, const diff::TableChange& b) {
          const auto* d = std::get_if<Drop>(&a);
          const auto* n = std::get_if<AddT>(&b);
          return d != nullptr && n != nullptr && same_def(d->object, n->object);
        },
        [&](const diff::TableChange& a, const diff::TableChange& b) {
          const auto& d = std::get<Drop>(a).object;
          const auto& n = std::get<AddT>(b).object;
          rename(kind, d.name, n.name, to.model, index);
        });
  };
  matcher(
      ir::Index{},
      [](const ir::Index& a, const ir::Index& b) {
        return IndexColumnNames(a) == IndexColumnNames(b) && a.unique == b.unique &&
               a.method == b.method && a.where == b.where;
      },
      "index", true);
  matcher(
      ir::ForeignKey{},
      [](const ir::ForeignKey& a, const ir::ForeignKey& b) {
        return a.columns == b.columns && a.ref_table == b.ref_table &&
               a.ref_columns == b.ref_columns && a.on_delete == b.on_delete &&
               a.on_update == b.on_update;
      },
      "foreign key", false);
  matcher(
      ir::UniqueConstraint{},
      [](const ir::UniqueConstraint& a, const ir::UniqueConstraint& b) {
        return a.columns == b.columns;
      },
      "unique constraint", false);
  matcher(
      ir::Check{},
      [](const ir::Check& a, const ir::Check& b) { return a.expression == b.expression; },
      "check constraint", false);
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const auto* key = std::get_if<diff::ModifyPrimaryKey>(&changes[i]);
    if (key != nullptr && key->from.columns == key->to.columns && !key->from.name.empty()) {
      rename("primary key", key->from.name, key->to.name, to.model, false);
      used[i] = true;
    }
  }
  (void)from;
  std::vector<diff::TableChange> rest;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    if (!used[i]) rest.push_back(std::move(changes[i]));
  }
  changes = std::move(rest);
}

void Planner::MatchReplacedKeys(const ir::Table& from, const ir::Table& to,
                                std::vector<diff::TableChange>& changes) {
  std::vector<bool> used(changes.size(), false);
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const auto* drop = std::get_if<diff::DropForeignKey>(&changes[i]);
    if (drop == nullptr) continue;
    for (std::size_t j = 0; j < changes.size(); ++j) {
      const auto* add = std::get_if<diff::AddForeignKey>(&changes[j]);
      if (add == nullptr || used[j]) continue;
      const ir::ForeignKey& a = drop->object;
      const ir::ForeignKey& b = add->object;
      if (a.ref_table != b.ref_table || a.columns.size() == b.columns.size() ||
          ir::ReferenceColumn(a) != ir::ReferenceColumn(b) || a.deferred || b.deferred)
        continue;
      ReplaceForeignKey(from, to, a, b);
      used[i] = used[j] = true;
      break;
    }
  }
  std::vector<diff::TableChange> rest;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    if (!used[i]) rest.push_back(std::move(changes[i]));
  }
  changes = std::move(rest);
}

void Planner::ReplaceForeignKey(const ir::Table& from, const ir::Table& to, const ir::ForeignKey& a,
                                const ir::ForeignKey& b) {
  const bool protect = b.columns.size() > a.columns.size();
  Step step;
  step.subject = PartSubject(to, {ir::ReferenceColumn(b)});
  step.table = to.name;
  step.span = b.span;
  step.summary = fmt::format(
      "{} {}.{}: {} -> {}", protect ? "make same-tenant the reference" : "make plain the reference",
      to.name, ir::ReferenceColumn(b), a.name, b.name);
  auto add = [](const ir::Table& t, const ir::ForeignKey& fk, int postgres, const char* suffix) {
    return fmt::format("{} ADD CONSTRAINT {} {}{};", Alter(t.name), QuoteIdent(fk.name),
                       sql::ForeignKeyClause(fk, postgres), suffix);
  };
  step.up_online.push_back(
      S(add(to, b, To(), " NOT VALID"),
        protect ? "The new key is checked for new rows now, for existing rows by VALIDATE "
                  "(without blocking writes);\nthe old key stays until then."
                : "The old key stays until the new one is validated."));
  step.up_online.push_back(ValidateConstraint(to.name, b.name));
  step.up_online.push_back(DropConstraint(to.name, a.name));
  step.down_online.push_back(S(add(from, a, From(), " NOT VALID")));
  step.down_online.push_back(ValidateConstraint(from.name, a.name));
  step.down_online.push_back(DropConstraint(from.name, b.name));
  if (protect) {
    const std::string& tenant = b.columns.front();
    const std::string& column = ir::ReferenceColumn(b);
    step.reason = fmt::format(
        "added NOT VALID, validated without blocking writes, then the old key is dropped; "
        "VALIDATE fails if a row points at another company's row. Find them first with: "
        "SELECT t.id FROM {} t JOIN {} r ON r.id = t.{} WHERE r.{} <> t.{}",
        QuoteIdent(to.name), QuoteIdent(b.ref_table), QuoteIdent(column), QuoteIdent(tenant),
        QuoteIdent(tenant));
  } else {
    step.reason = "the reference is no longer checked to stay within one company";
  }
  Add(kSameTenantKeys, std::move(step));
}

}  // namespace schemagen::evolve::planning
