#include "evolve/target_forms.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string>

#include "schemagen/naming.hpp"
#include "schemagen/sql.hpp"

namespace schemagen::evolve {
namespace {

using naming::QuoteIdent;

struct Form {
  const ir::Table* table;
  const ir::ForeignKey* fk;
  std::string text;  // the statements that create it, to tell a changed form
};

// The pre-15 SET NULL forms of `schema` under its target, by key name.
std::map<std::string, Form> SetNullForms(const ir::Schema& schema) {
  std::map<std::string, Form> out;
  const int postgres = ir::PostgresTarget(schema);
  for (const ir::Table& table : schema.tables) {
    for (const ir::ForeignKey& fk : table.foreign_keys) {
      std::string text;
      for (const sql::Statement& s : sql::SetNullTrigger(table, fk, postgres)) text += s.text;
      if (!text.empty()) out[table.name + "\n" + fk.name] = {&table, &fk, std::move(text)};
    }
  }
  return out;
}

Step TriggerStep(const Form& form, int postgres, bool create) {
  Step step;
  step.subject = form.table->model;
  step.table = form.table->name;
  step.supporting = true;
  step.summary = fmt::format("{} trigger {} on {} (ON DELETE SET NULL ({}) before PostgreSQL 15)",
                             create ? "create" : "drop", sql::SetNullTriggerName(*form.fk),
                             form.table->name, fmt::join(form.fk->set_null_columns, ", "));
  step.reason = "a trigger and its function: nothing is locked or rewritten";
  std::vector<sql::Statement> made = sql::SetNullTrigger(*form.table, *form.fk, postgres);
  std::vector<sql::Statement> gone =
      sql::DropSetNullTrigger(*form.table, *form.fk, postgres, /*table_dropped=*/false);
  step.up = create ? made : gone;
  step.down = create ? gone : made;
  return step;
}

}  // namespace

TargetForms PlanTargetForms(const ir::Schema& previous, const ir::Schema& renamed,
                            const ir::Schema& next) {
  TargetForms out;
  const int from = ir::PostgresTarget(previous);
  const int to = ir::PostgresTarget(next);
  const std::map<std::string, Form> had = SetNullForms(previous);
  const std::map<std::string, Form> has = SetNullForms(next);
  for (const auto& [key, form] : had) {
    const auto now = has.find(key);
    if (now == has.end() || now->second.text != form.text)
      out.before.push_back(TriggerStep(form, from, /*create=*/false));
  }
  for (const auto& [key, form] : has) {
    const auto then = had.find(key);
    if (then == had.end() || then->second.text != form.text)
      out.after.push_back(TriggerStep(form, to, /*create=*/true));
  }
  // A key the plan leaves alone whose clause differs between the two targets (SET NULL
  // (columns) on 15, SET NULL with the trigger before): replaced like a changed key. Matched by
  // definition, not name: a rename of its table renames it (kRenameObjects) before this runs.
  for (const ir::Table& table : next.tables) {
    const ir::Table* old = renamed.FindTableByName(table.name);
    if (old == nullptr) continue;
    for (const ir::ForeignKey& fk : table.foreign_keys) {
      const std::string clause = sql::ForeignKeyClause(fk, to);
      const std::string was = sql::ForeignKeyClause(fk, from);
      if (clause == was) continue;
      const bool kept = std::any_of(
          old->foreign_keys.begin(), old->foreign_keys.end(),
          [&](const ir::ForeignKey& k) { return sql::ForeignKeyClause(k, to) == clause; });
      if (!kept) continue;  // a changed key: its own step writes it for the new target
      Step step;
      step.subject = table.model;
      step.table = table.name;
      step.span = fk.span;
      step.summary =
          fmt::format("write foreign key {} on {} for PostgreSQL {}", fk.name, table.name, to);
      step.reason = "the key is replaced NOT VALID and validated without blocking writes";
      const std::string alter = "ALTER TABLE " + QuoteIdent(table.name);
      const std::string name = QuoteIdent(fk.name);
      const sql::Statement drop{"", fmt::format("{} DROP CONSTRAINT {};", alter, name)};
      step.up = {drop,
                 {"", fmt::format("{} ADD CONSTRAINT {} {} NOT VALID;", alter, name, clause)}};
      step.up_online.push_back({"", fmt::format("{} VALIDATE CONSTRAINT {};", alter, name)});
      step.down = {drop, {"", fmt::format("{} ADD CONSTRAINT {} {};", alter, name, was)}};
      out.keys.push_back(std::move(step));
    }
  }
  const bool needed = sql::NeedsPgcrypto(previous);
  const bool needs = sql::NeedsPgcrypto(next);
  if (needed != needs) {
    Step step;
    step.subject = "pgcrypto";
    step.supporting = true;
    step.summary = needs ? "create extension pgcrypto unless present (gen_random_uuid() before "
                           "PostgreSQL 13)"
                         : "drop extension pgcrypto if schemagen created it and nothing uses it";
    step.reason = "an extension: nothing is locked or rewritten";
    step.up.push_back(needs ? sql::EnsurePgcrypto() : sql::DropPgcryptoIfCreated());
    step.down.push_back(needs ? sql::DropPgcryptoIfCreated() : sql::EnsurePgcrypto());
    (needs ? out.before : out.after).push_back(std::move(step));
  }
  return out;
}

}  // namespace schemagen::evolve
