// Planned changes of columns: added, dropped, and modified (type, default, nullability,
// comment, primary key).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "evolve/planner.hpp"
#include "evolve/target_forms.hpp"
#include "schemagen/naming.hpp"

namespace schemagen::evolve::planning {

void Planner::PlanPart(const ir::Table&, const ir::Table& to, const diff::AddColumn& change) {
  const ir::Column& column = change.object;
  const std::string table = QuoteIdent(to.name);
  Step step;
  step.subject = Subject(to, &column);
  step.table = to.name;
  step.span = column.span;
  step.summary = fmt::format("add column {}.{} {}", to.name, column.name, diff::ColumnText(column));
  const std::string add =
      fmt::format("ALTER TABLE {} ADD COLUMN {};", table, sql::ColumnDefinition(column));
  step.down.push_back(
      S(fmt::format("ALTER TABLE {} DROP COLUMN {};", table, QuoteIdent(column.name))));
  if (column.nullable || (HasDefault(column) && !VolatileDefault(column))) {
    step.up.push_back(S(add));
    if (VolatileDefault(column)) {
      step.safety = Safety::kLock;
      step.reason = column.default_value->kind == ir::Default::Kind::kSql
                        ? fmt::format(
                              "a SQL default ({}), if volatile, is computed for every existing "
                              "row: the table is then rewritten under an exclusive lock",
                              sql::DefaultExpression(column))
                        : fmt::format(
                              "a volatile default ({}) is computed for every existing row: the "
                              "table is rewritten under an exclusive lock",
                              sql::DefaultExpression(column));
    } else if (HasDefault(column)) {
      step.reason =
          "PostgreSQL 11+ adds a column with a constant default without rewriting "
          "the table";
    } else {
      step.reason = "a nullable column without a default changes only the catalog";
    }
    CommentNewColumn(to, column, step);
    Add(kColumns, std::move(step));
    return;
  }
  // NOT NULL: add it nullable, fill the existing rows, then make it NOT NULL online.
  std::string fill;
  if (column.backfill) {
    fill = BackfillSql(column, *column.backfill);
  } else if (HasDefault(column)) {
    fill = sql::DefaultExpression(column);
  } else {
    Diagnostic& d = diag_.Error(
        "E0903", column.span,
        fmt::format("new field {}.{} is NOT NULL without a default: adding it fails on a "
                    "table that has rows",
                    to.model, column.attribute));
    d.notes.push_back({fmt::format("give it a default (`{} ... = value`), make it optional "
                                   "(`?`), or say what existing rows get with `backfill "
                                   "value`",
                                   column.attribute),
                       std::nullopt});
    return;
  }
  ir::Column nullable = column;
  nullable.nullable = true;
  nullable.default_value.reset();
  step.up.push_back(
      S(fmt::format("ALTER TABLE {} ADD COLUMN {};", table, sql::ColumnDefinition(nullable)),
        "Added nullable, filled, then made NOT NULL without a long lock."));
  if (HasDefault(column)) {
    step.up.push_back(S(fmt::format("ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {};", table,
                                    QuoteIdent(column.name), sql::DefaultExpression(column))));
  }
  step.up.push_back(S(fmt::format("UPDATE {} SET {} = {} WHERE {} IS NULL;", table,
                                  QuoteIdent(column.name), fill, QuoteIdent(column.name))));
  SetNotNullOnline(to, column, step);
  step.reason = fmt::format(
      "existing rows get {} in one UPDATE (row locks only); NOT NULL is proven by a CHECK "
      "validated without blocking writes",
      fill);
  CommentNewColumn(to, column, step);
  Add(kColumns, std::move(step));
}

void Planner::CommentNewColumn(const ir::Table& to, const ir::Column& column, Step& step) {
  if (column.doc.empty()) return;
  step.up.push_back(S(fmt::format("COMMENT ON COLUMN {}.{} IS {};", QuoteIdent(to.name),
                                  QuoteIdent(column.name), QuoteLiteral(column.doc))));
}

void Planner::SetNotNullOnline(const ir::Table& to, const ir::Column& column, Step& step) {
  const std::string table = QuoteIdent(to.name);
  const std::string check = naming::FitIdentifier(to.name + "_" + column.name + "_not_null_check");
  step.up_online.push_back(S(fmt::format("ALTER TABLE {} ADD CONSTRAINT {} CHECK ({} IS NOT "
                                         "NULL) NOT VALID;",
                                         table, QuoteIdent(check), QuoteIdent(column.name)),
                             fmt::format("{}.{} becomes NOT NULL.", to.name, column.name)));
  step.up_online.push_back(
      S(fmt::format("ALTER TABLE {} VALIDATE CONSTRAINT {};", table, QuoteIdent(check))));
  step.up_online.push_back(S(
      fmt::format("ALTER TABLE {} ALTER COLUMN {} SET NOT NULL;", table, QuoteIdent(column.name))));
  step.up_online.push_back(
      S(fmt::format("ALTER TABLE {} DROP CONSTRAINT {};", table, QuoteIdent(check))));
  step.down_online.push_back(S(fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP NOT NULL;", table,
                                           QuoteIdent(column.name))));
}

void Planner::PlanPart(const ir::Table& from, const ir::Table&, const diff::DropColumn& change) {
  const ir::Column& column = change.object;
  const std::string table = QuoteIdent(from.name);
  Step step;
  step.subject = Subject(from, &column);
  step.table = from.name;
  step.summary = fmt::format("drop column {}.{}", from.name, column.name);
  step.up.push_back(
      S(fmt::format("ALTER TABLE {} DROP COLUMN {};", table, QuoteIdent(column.name)),
        fmt::format("{} is no longer in the schema: its values are lost.", step.subject)));
  if (!column.nullable && !HasDefault(column)) {
    ir::Column nullable = column;
    nullable.nullable = true;
    step.down.push_back(
        S(fmt::format("ALTER TABLE {} ADD COLUMN {};", table, sql::ColumnDefinition(nullable)),
          "The values were dropped by the UP: on a table with rows, SET NOT "
          "NULL below fails."));
    step.down.push_back(S(fmt::format("ALTER TABLE {} ALTER COLUMN {} SET NOT NULL;", table,
                                      QuoteIdent(column.name))));
    step.safety = Safety::kIrreversible;
    step.reason = fmt::format(
        "the values of {}.{} are lost, and the DOWN can't make the column NOT NULL again on "
        "a table with rows (there is no value to give them)",
        from.name, column.name);
  } else {
    step.down.push_back(
        S(fmt::format("ALTER TABLE {} ADD COLUMN {};", table, sql::ColumnDefinition(column))));
    step.safety = Safety::kDataLossUp;
    step.reason = fmt::format(
        "the values of {}.{} are lost; the DOWN adds the column back "
        "{}",
        from.name, column.name, HasDefault(column) ? "with its default" : "empty");
  }
  step.advice = fmt::format(
      "to keep the values, copy them first in a migration of your own, or keep the field; "
      "if a rename was meant, declare it on the new field (`newName ... was {}`); when the "
      "data is no longer needed, allow it with --allow {}:{}",
      column.attribute, SafetyName(step.safety), step.subject);
  Add(kDropColumns, std::move(step));
}

void Planner::PlanPart(const ir::Table& from, const ir::Table& to,
                       const diff::ModifyColumn& change) {
  const ir::Column& a = change.from;
  const ir::Column& b = change.to;
  const std::string table = QuoteIdent(to.name);
  const std::string col = QuoteIdent(b.name);
  const std::string subject = Subject(to, &b);
  if (change.facets.auto_increment) {
    diag_
        .Error("E0906", b.span,
               fmt::format("{}.{}: changing whether a column is auto-incremented is not "
                           "supported by evolution",
                           to.model, b.attribute))
        .notes.push_back(
            {"write that migration by hand, or keep the column as it is", std::nullopt});
    return;
  }
  if (change.facets.type) PlanType(from, to, a, b);
  if (change.facets.default_value) {
    Step step;
    step.subject = subject;
    step.table = to.name;
    step.span = b.span;
    step.summary = fmt::format("change default of {}.{}: {} -> {}", to.name, b.name,
                               HasDefault(a) ? sql::DefaultExpression(a) : "none",
                               HasDefault(b) ? sql::DefaultExpression(b) : "none");
    step.reason = "a default changes only the catalog (it applies to new rows)";
    auto set = [&](const ir::Column& c) {
      return HasDefault(c)
                 ? fmt::format("ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {};", table, col,
                               sql::DefaultExpression(c))
                 : fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT;", table, col);
    };
    step.up.push_back(S(set(b)));
    step.down.push_back(S(set(a)));
    Add(kColumns, std::move(step));
  }
  if (change.facets.nullable) {
    Step step;
    step.subject = subject;
    step.table = to.name;
    step.span = b.span;
    if (b.nullable) {
      step.summary = fmt::format("make {}.{} nullable", to.name, b.name);
      step.up.push_back(
          S(fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP NOT NULL;", table, col)));
      step.down.push_back(
          S(fmt::format("ALTER TABLE {} ALTER COLUMN {} SET NOT NULL;", table, col)));
      step.safety = Safety::kDataLossDown;
      step.reason = "the DOWN's SET NOT NULL fails once a row holds NULL";
    } else {
      step.summary = fmt::format("make {}.{} NOT NULL", to.name, b.name);
      if (b.backfill) {
        const std::string fill = BackfillSql(b, *b.backfill);
        step.up.push_back(
            S(fmt::format("UPDATE {} SET {} = {} WHERE {} IS NULL;", table, col, fill, col),
              "Rows without a value get the backfill value."));
        step.safety = Safety::kDataLossDown;
        step.reason = fmt::format(
            "rows holding NULL get {}; the DOWN allows NULL again but can't tell which rows "
            "were filled",
            fill);
      } else {
        step.reason =
            "validated online by a NOT VALID check; fails if a row holds NULL "
            "(add `backfill value` to fill them)";
      }
      SetNotNullOnline(to, b, step);
    }
    Add(kColumns, std::move(step));
  }
  if (change.facets.comment) {
    Step step;
    step.subject = subject;
    step.table = to.name;
    step.span = b.span;
    step.summary = fmt::format("change comment of {}.{}", to.name, b.name);
    step.reason = "a comment changes only the catalog";
    auto comment = [&](const ir::Column& c) {
      return fmt::format("COMMENT ON COLUMN {}.{} IS {};", table, col,
                         c.doc.empty() ? "NULL" : QuoteLiteral(c.doc));
    };
    step.up.push_back(S(comment(b)));
    step.down.push_back(S(comment(a)));
    Add(kComments, std::move(step));
  }
}

void Planner::PlanType(const ir::Table&, const ir::Table& to, const ir::Column& a,
                       const ir::Column& b) {
  const std::string table = QuoteIdent(to.name);
  const std::string col = QuoteIdent(b.name);
  Step step;
  step.subject = Subject(to, &b);
  step.table = to.name;
  step.span = b.span;
  step.summary =
      fmt::format("change type of {}.{}: {} -> {}", to.name, b.name, TypeSql(a), TypeSql(b));
  const bool automatic = AssignmentCast(a.type, b.type);
  if (!automatic && b.using_sql.empty()) {
    Diagnostic& d =
        diag_.Error("E0904", b.span,
                    fmt::format("{}.{} changes from {} to {}, and PostgreSQL has no automatic cast "
                                "between them",
                                to.model, b.attribute, TypeSql(a), TypeSql(b)));
    d.notes.push_back(
        {fmt::format("say how each value converts: `using sql \"{}::{}\"` (it fails on "
                     "values that don't convert; NULLIF or CASE can map them first)",
                     b.name, TypeSql(b)),
         std::nullopt});
    return;
  }
  const bool back_automatic = AssignmentCast(b.type, a.type);
  const bool drop_default = HasDefault(a) && !automatic;
  const std::string up_using = automatic ? "" : " USING (" + b.using_sql + ")";
  const std::string down_using =
      back_automatic ? "" : fmt::format(" USING {}::{}", col, TypeSql(a));
  if (drop_default) {
    step.up.push_back(S(fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT;", table, col)));
  }
  step.up.push_back(
      S(fmt::format("ALTER TABLE {} ALTER COLUMN {} TYPE {}{};", table, col, TypeSql(b), up_using),
        b.using_sql.empty() || automatic ? std::string()
                                         : "USING is the DSL's `using sql`, verbatim."));
  if (drop_default && HasDefault(b)) {
    step.up.push_back(S(fmt::format("ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {};", table, col,
                                    sql::DefaultExpression(b))));
  }
  const bool drop_default_down = HasDefault(b) && !back_automatic;
  if (drop_default_down) {
    step.down.push_back(S(fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT;", table, col)));
  }
  step.down.push_back(S(fmt::format("ALTER TABLE {} ALTER COLUMN {} TYPE {}{};", table, col,
                                    TypeSql(a), down_using)));
  if (drop_default_down && HasDefault(a)) {
    step.down.push_back(S(fmt::format("ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {};", table, col,
                                      sql::DefaultExpression(a))));
  }
  const bool rewrite = !NoRewrite(a.type, b.type);
  std::vector<std::string> why;
  if (automatic && Rounds(a.type, b.type)) {
    step.safety = Safety::kDataLossUp;
    why.push_back(FitReason("the UP", b.type, a.type));
    step.advice = fmt::format(
        "keep the values exact with a wider type, or convert them yourself with `using sql "
        "\"...\"`; to accept the change, allow it with --allow data-loss:{}",
        step.subject);
  } else if (!automatic) {
    why.push_back(
        "the UP stops (and is rolled back) on a value the USING expression can't "
        "convert");
  } else if (MayFail(a.type, b.type)) {
    why.push_back(FitReason("the UP", b.type, a.type) + " (and is rolled back)");
  }
  if (step.safety == Safety::kSafe) {
    if (Rounds(b.type, a.type) || MayFail(b.type, a.type)) {
      step.safety = Safety::kDataLossDown;
      why.push_back(FitReason("the DOWN", a.type, b.type));
    } else if (!automatic) {
      step.safety = Safety::kDataLossDown;
      why.push_back(
          fmt::format("the DOWN converts back with a cast, so values come back in "
                      "{}'s canonical form",
                      TypeSql(b)));
    }
  }
  if (rewrite) {
    if (step.safety == Safety::kSafe) step.safety = Safety::kLock;
    why.push_back("the table is rewritten under an exclusive lock");
  } else {
    why.push_back("no rewrite: PostgreSQL only updates the catalog");
  }
  step.reason = fmt::format("{}", fmt::join(why, "; "));
  Add(kColumns, std::move(step));
}

void Planner::PlanPart(const ir::Table&, const ir::Table& to,
                       const diff::ModifyPrimaryKey& change) {
  const std::string table = QuoteIdent(to.name);
  auto add_key = [&](const diff::PrimaryKey& key) {
    std::vector<std::string> columns;
    for (const std::string& c : key.columns) columns.push_back(QuoteIdent(c));
    return S(fmt::format("ALTER TABLE {} ADD CONSTRAINT {} PRIMARY KEY ({});", table,
                         QuoteIdent(key.name), fmt::join(columns, ", ")));
  };
  if (change.from.columns == change.to.columns && !change.from.columns.empty()) {
    // Only the name (`primary(...) name "..."`): the catalog.
    Step step;
    step.subject = to.model;
    step.table = to.name;
    step.span = to.span;
    step.summary = fmt::format("rename primary key {} to {}", change.from.name, change.to.name);
    step.reason =
        "its name changed (name \"...\"); the definition is unchanged, so only the "
        "catalog changes";
    step.up.push_back(S(fmt::format("ALTER TABLE {} RENAME CONSTRAINT {} TO {};", table,
                                    QuoteIdent(change.from.name), QuoteIdent(change.to.name))));
    step.down.push_back(S(fmt::format("ALTER TABLE {} RENAME CONSTRAINT {} TO {};", table,
                                      QuoteIdent(change.to.name), QuoteIdent(change.from.name))));
    Add(kRenameObjects, std::move(step));
    return;
  }
  // Another key: foreign keys that reference this table depend on its key's index.
  for (const ir::Schema* schema : std::initializer_list<const ir::Schema*>{&base_, &next_}) {
    for (const ir::Table& t : schema->tables) {
      for (const ir::ForeignKey& fk : t.foreign_keys) {
        if (fk.ref_table != to.name) continue;
        diag_
            .Error("E0906", to.span,
                   fmt::format("{}: changing the primary key ({} -> {}) is not supported while "
                               "{} references it ({})",
                               to.model, fmt::join(change.from.columns, ", "),
                               fmt::join(change.to.columns, ", "), t.name, fk.name))
            .notes.push_back({"change the key in one migration and the references in another, "
                              "or recreate the table",
                              std::nullopt});
        return;
      }
    }
  }
  if (!change.from.columns.empty()) {
    Step drop;
    drop.subject = to.model;
    drop.table = to.name;
    drop.span = to.span;
    drop.summary = fmt::format("drop primary key {} ({})", change.from.name,
                               fmt::join(change.from.columns, ", "));
    drop.reason =
        "the key is replaced; the DOWN adds it back, building its index under an "
        "exclusive lock";
    drop.safety = Safety::kLock;
    drop.up.push_back(DropConstraint(to.name, change.from.name));
    drop.down.push_back(add_key(change.from));
    // A dropped key column takes its key with it: the DOWN restores the column first.
    const bool column_stays =
        std::all_of(change.from.columns.begin(), change.from.columns.end(),
                    [&](const std::string& c) { return to.FindColumn(c) != nullptr; });
    if (!column_stays) {
      drop.up.clear();  // DROP COLUMN drops it
      drop.reason = "the key's column is dropped, and the key with it; the DOWN adds it back";
    }
    Add(kDropKeys, std::move(drop));
  }
  if (!change.to.columns.empty()) {
    Step add;
    add.subject = to.model;
    add.table = to.name;
    add.span = to.span;
    add.summary =
        fmt::format("add primary key {} ({})", change.to.name, fmt::join(change.to.columns, ", "));
    add.safety = Safety::kLock;
    add.reason =
        "builds the key's unique index under an exclusive lock; the UP stops (and is "
        "rolled back) on duplicate or null values";
    add.up.push_back(add_key(change.to));
    add.down.push_back(DropConstraint(to.name, change.to.name));
    Add(kAddKeys, std::move(add));
  }
}

}  // namespace schemagen::evolve::planning
