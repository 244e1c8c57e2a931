// Planned changes of constraints: foreign keys, uniques and checks.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "evolve/planner.hpp"
#include "evolve/target_forms.hpp"
#include "schemagen/naming.hpp"

namespace schemagen::evolve::planning {

bool Planner::Existing(const ir::Table& table) const {
  return base_.FindTableByName(table.name) != nullptr;
}

void Planner::AddForeignKey(const ir::Table& to, const ir::ForeignKey& fk, bool existing) {
  Step step;
  step.subject = PartSubject(to, fk.columns);
  step.table = to.name;
  step.span = fk.span;
  step.summary = fmt::format("add foreign key {} on {}", fk.name, to.name);
  const std::string add = fmt::format("{} ADD CONSTRAINT {} {}", Alter(to.name),
                                      QuoteIdent(fk.name), sql::ForeignKeyClause(fk, To()));
  if (existing) {
    step.up.push_back(S(add + " NOT VALID;",
                        "NOT VALID: checked for new rows now, for existing "
                        "rows by VALIDATE without blocking writes."));
    step.up_online.push_back(ValidateConstraint(to.name, fk.name));
    step.reason =
        "added NOT VALID, then validated without blocking writes; fails if a row "
        "points at a missing row";
  } else {
    step.up.push_back(S(add + ";", fmt::format("{} and {} reference each other: this key is "
                                               "added once both exist.",
                                               to.name, fk.ref_table)));
    step.reason = "on a new table";
  }
  step.down.push_back(DropConstraint(to.name, fk.name));
  Add(kAddKeys, std::move(step));
}

void Planner::DropForeignKey(const ir::Table& from, const ir::ForeignKey& fk) {
  Step step;
  step.subject = PartSubject(from, fk.columns);
  step.table = from.name;
  step.summary = fmt::format("drop foreign key {} on {}", fk.name, from.name);
  step.reason = "dropping a constraint changes only the catalog";
  step.up.push_back(DropConstraint(from.name, fk.name));
  step.down.push_back(S(fmt::format("{} ADD CONSTRAINT {} {};", Alter(from.name),
                                    QuoteIdent(fk.name), sql::ForeignKeyClause(fk, From()))));
  Add(kDropKeys, std::move(step));
}

void Planner::PlanPart(const ir::Table&, const ir::Table& to, const diff::AddForeignKey& change) {
  if (AwaitsUnique(change.object)) {
    // The plain key now (NOT VALID, validated online), the same-tenant one once its
    // UNIQUE (company_id, id) is built.
    const ir::ForeignKey plain = PlainKey(to, change.object);
    AddForeignKey(to, plain, Existing(to));
    return ReplaceForeignKey(to, to, plain, change.object);
  }
  AddForeignKey(to, change.object, Existing(to));
}

void Planner::PlanPart(const ir::Table& from, const ir::Table&,
                       const diff::DropForeignKey& change) {
  DropForeignKey(from, change.object);
}

void Planner::PlanPart(const ir::Table&, const ir::Table& to,
                       const diff::ModifyForeignKey& change) {
  const ir::ForeignKey& a = change.from;
  const ir::ForeignKey& b = change.to;
  Step step;
  step.subject = PartSubject(to, b.columns);
  step.table = to.name;
  step.span = b.span;
  step.summary = fmt::format("change foreign key {} on {}: {} -> {}", b.name, to.name,
                             diff::ForeignKeyText(a), diff::ForeignKeyText(b));
  step.up.push_back(DropConstraint(to.name, a.name));
  step.up.push_back(S(fmt::format("{} ADD CONSTRAINT {} {} NOT VALID;", Alter(to.name),
                                  QuoteIdent(b.name), sql::ForeignKeyClause(b, To()))));
  step.up_online.push_back(ValidateConstraint(to.name, b.name));
  step.down.push_back(DropConstraint(to.name, b.name));
  step.down.push_back(S(fmt::format("{} ADD CONSTRAINT {} {};", Alter(to.name), QuoteIdent(a.name),
                                    sql::ForeignKeyClause(a, From()))));
  step.reason = "the key is replaced NOT VALID and validated without blocking writes";
  Add(kAddKeys, std::move(step));
}

bool Planner::HoldsPrimaryKey(const ir::Table& table, const std::vector<std::string>& columns) {
  return std::any_of(columns.begin(), columns.end(), [&](const std::string& c) {
    const ir::Column* column = table.FindColumn(c);
    return column != nullptr && column->primary_key;
  });
}

void Planner::PlanPart(const ir::Table&, const ir::Table& to, const diff::AddUnique& change) {
  const ir::UniqueConstraint& u = change.object;
  Step step;
  step.subject = PartSubject(to, u.columns);
  step.table = to.name;
  step.span = u.span;
  step.summary = fmt::format("add unique constraint {} on {} ({})", u.name, to.name,
                             fmt::join(u.columns, ", "));
  if (Existing(to)) {
    step.up_online.push_back(
        S(fmt::format("DROP INDEX CONCURRENTLY IF EXISTS {};", QuoteIdent(u.name)),
          "Built without blocking writes, then attached as the "
          "constraint (a failed build leaves an invalid index: dropped "
          "first on a retry)."));
    step.up_online.push_back(
        S(fmt::format("CREATE UNIQUE INDEX CONCURRENTLY {} ON {} ({});", QuoteIdent(u.name),
                      QuoteIdent(to.name), sql::QuoteList(u.columns))));
    step.up_online.push_back(
        S(fmt::format("{} ADD CONSTRAINT {} UNIQUE USING INDEX {};", Alter(to.name),
                      QuoteIdent(u.name), QuoteIdent(u.name))));
    step.down_online.push_back(
        S(fmt::format("{} DROP CONSTRAINT IF EXISTS {};", Alter(to.name), QuoteIdent(u.name))));
    step.reason = HoldsPrimaryKey(to, u.columns)
                      ? "the index is built CONCURRENTLY, without blocking writes; it holds "
                        "the primary key, so no rows can repeat its values"
                      : "the index is built CONCURRENTLY, without blocking writes; fails if "
                        "rows already repeat the values";
  } else {
    step.up.push_back(S(fmt::format("{} ADD CONSTRAINT {} UNIQUE ({});", Alter(to.name),
                                    QuoteIdent(u.name), sql::QuoteList(u.columns))));
    step.down.push_back(DropConstraint(to.name, u.name));
    step.reason = "on a new table";
  }
  Add(kAddObjects, std::move(step));
}

void Planner::PlanPart(const ir::Table& from, const ir::Table&, const diff::DropUnique& change) {
  const ir::UniqueConstraint& u = change.object;
  Step step;
  step.subject = PartSubject(from, u.columns);
  step.table = from.name;
  step.summary = fmt::format("drop unique constraint {} on {}", u.name, from.name);
  const Statement add = S(fmt::format("{} ADD CONSTRAINT {} UNIQUE ({});", Alter(from.name),
                                      QuoteIdent(u.name), sql::QuoteList(u.columns)));
  // Foreign keys of the previous state reference it: it goes once they are replaced, online.
  const bool referenced = std::any_of(base_.tables.begin(), base_.tables.end(), [&](const auto& t) {
    return std::any_of(t.foreign_keys.begin(), t.foreign_keys.end(), [&](const auto& fk) {
      return fk.ref_table == from.name && fk.ref_columns == u.columns;
    });
  });
  (referenced ? step.up_online : step.up).push_back(DropConstraint(from.name, u.name));
  (referenced ? step.down_online : step.down).push_back(add);
  if (HoldsPrimaryKey(from, u.columns)) {
    step.reason = "it holds the primary key, so the DOWN can't fail on the rows";
  } else {
    step.safety = Safety::kDataLossDown;
    step.reason = "the DOWN fails once two rows repeat the values";
  }
  Add(referenced ? kReferencedUniques : kDropObjects, std::move(step));
}

void Planner::PlanPart(const ir::Table& from, const ir::Table& to,
                       const diff::ModifyUnique& change) {
  PlanPart(from, to, diff::DropUnique{change.from});
  PlanPart(from, to, diff::AddUnique{change.to});
}

void Planner::PlanPart(const ir::Table&, const ir::Table& to, const diff::AddCheck& change) {
  const ir::Check& c = change.object;
  Step step;
  step.subject = c.column.empty() ? to.model : PartSubject(to, {c.column});
  step.table = to.name;
  step.span = c.span;
  step.summary = fmt::format("add check {} on {}: {}", c.name, to.name, diff::CheckText(c));
  AddCheckStatements(to, c, step);
  step.down.push_back(DropConstraint(to.name, c.name));
  Add(kAddObjects, std::move(step));
}

void Planner::AddCheckStatements(const ir::Table& to, const ir::Check& c, Step& step) {
  if (Existing(to)) {
    step.up.push_back(S(fmt::format("{} ADD CONSTRAINT {} CHECK ({}) NOT VALID;", Alter(to.name),
                                    QuoteIdent(c.name), c.expression)));
    step.up_online.push_back(ValidateConstraint(to.name, c.name));
    if (step.reason.empty()) {
      step.reason =
          "added NOT VALID, then validated without blocking writes; fails if a row "
          "breaks it";
    }
  } else {
    step.up.push_back(S(fmt::format("{} ADD CONSTRAINT {} CHECK ({});", Alter(to.name),
                                    QuoteIdent(c.name), c.expression)));
    if (step.reason.empty()) step.reason = "on a new table";
  }
}

void Planner::PlanPart(const ir::Table& from, const ir::Table&, const diff::DropCheck& change) {
  const ir::Check& c = change.object;
  Step step;
  step.subject = c.column.empty() ? from.model : PartSubject(from, {c.column});
  step.table = from.name;
  step.summary = fmt::format("drop check {} on {}", c.name, from.name);
  step.up.push_back(DropConstraint(from.name, c.name));
  step.down.push_back(S(fmt::format("{} ADD CONSTRAINT {} CHECK ({});", Alter(from.name),
                                    QuoteIdent(c.name), c.expression)));
  step.safety = Safety::kDataLossDown;
  step.reason = "the DOWN fails once a row breaks the check again";
  Add(kDropObjects, std::move(step));
}

std::vector<std::string> Planner::EnumValues(const ir::Schema& schema, const ir::Table& table,
                                             const ir::Check& check) {
  const ir::Column* column = table.FindColumn(check.column);
  if (check.kind != ir::Check::Kind::kEnum || column == nullptr) return {};
  const ir::Enum* e = schema.FindEnum(column->type.enum_name);
  return e == nullptr ? std::vector<std::string>{} : e->values;
}

void Planner::PlanPart(const ir::Table& from, const ir::Table& to,
                       const diff::ModifyCheck& change) {
  const ir::Check& a = change.from;
  const ir::Check& b = change.to;
  Step step;
  step.subject = b.column.empty() ? to.model : PartSubject(to, {b.column});
  step.table = to.name;
  step.span = b.span;
  step.summary = fmt::format("change check {} on {}: {} -> {}", b.name, to.name, diff::CheckText(a),
                             diff::CheckText(b));
  const std::vector<std::string> old_values = EnumValues(base_, from, a);
  const std::vector<std::string> new_values = EnumValues(next_, to, b);
  std::vector<std::string> removed;
  std::vector<std::string> added;
  for (const std::string& v : old_values) {
    if (std::find(new_values.begin(), new_values.end(), v) == new_values.end())
      removed.push_back(QuoteLiteral(v));
  }
  for (const std::string& v : new_values) {
    if (std::find(old_values.begin(), old_values.end(), v) == old_values.end())
      added.push_back(QuoteLiteral(v));
  }
  const bool is_enum = b.kind == ir::Check::Kind::kEnum && !old_values.empty();
  if (is_enum && !removed.empty()) {
    step.safety = Safety::kDataLossUp;
    step.reason =
        fmt::format("rows holding {} make the UP's validation fail", fmt::join(removed, ", "));
    step.advice = fmt::format(
        "move the rows to another value first (UPDATE {} SET {} = ... WHERE {} IN ({})) in a "
        "migration of your own; then allow it with --allow data-loss:{}",
        to.name, QuoteIdent(b.column), QuoteIdent(b.column), fmt::join(removed, ", "),
        step.subject);
  } else if (is_enum) {
    step.safety = Safety::kDataLossDown;
    step.reason = fmt::format("the DOWN's check fails once a row holds {}", fmt::join(added, ", "));
  } else {
    step.safety = Safety::kDataLossDown;
    step.reason = "the DOWN's check fails once a row breaks the old one";
  }
  if (is_enum && !added.empty() && !removed.empty()) {
    step.summary = fmt::format("change values of {}.{}: add {}; remove {}", to.name, b.column,
                               fmt::join(added, ", "), fmt::join(removed, ", "));
  } else if (is_enum && !added.empty()) {
    step.summary =
        fmt::format("add values to {}.{}: {}", to.name, b.column, fmt::join(added, ", "));
  } else if (is_enum) {
    step.summary =
        fmt::format("remove values from {}.{}: {}", to.name, b.column, fmt::join(removed, ", "));
  }
  step.up.push_back(DropConstraint(to.name, a.name));
  std::string reason = step.reason;
  step.reason.clear();
  AddCheckStatements(to, b, step);
  step.reason = reason +
                "; the new check is added NOT VALID, then validated without "
                "blocking writes";
  step.down.push_back(DropConstraint(to.name, b.name));
  step.down.push_back(S(fmt::format("{} ADD CONSTRAINT {} CHECK ({});", Alter(to.name),
                                    QuoteIdent(a.name), a.expression)));
  Add(kAddObjects, std::move(step));
}

}  // namespace schemagen::evolve::planning
