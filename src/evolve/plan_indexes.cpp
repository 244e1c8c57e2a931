// Planned changes of indexes, table comments, row-level security and policies.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "evolve/planner.hpp"
#include "evolve/target_forms.hpp"
#include "schemagen/naming.hpp"

namespace schemagen::evolve::planning {

void Planner::PlanPart(const ir::Table&, const ir::Table& to, const diff::AddIndex& change) {
  const ir::Index& index = change.object;
  Step step;
  step.subject = PartSubject(to, IndexColumnNames(index));
  step.table = to.name;
  step.span = index.span;
  step.summary = fmt::format("add index {} on {}: {}", index.name, to.name, diff::IndexText(index));
  AddIndexStatements(to, index, step);
  Add(kAddObjects, std::move(step));
}

void Planner::AddIndexStatements(const ir::Table& to, const ir::Index& index, Step& step) {
  step.up_online.push_back(
      S(fmt::format("DROP INDEX CONCURRENTLY IF EXISTS {};", QuoteIdent(index.name)),
        "Built without blocking writes (a failed build leaves an invalid "
        "index: dropped first on a retry)."));
  step.up_online.push_back(S(sql::CreateIndexText(to, index, /*concurrently=*/true) + ";"));
  step.down_online.push_back(
      S(fmt::format("DROP INDEX CONCURRENTLY IF EXISTS {};", QuoteIdent(index.name))));
  step.reason = index.unique ? "built CONCURRENTLY, without blocking writes; fails if rows "
                               "already repeat the values"
                             : "built CONCURRENTLY, without blocking writes";
}

void Planner::PlanPart(const ir::Table& from, const ir::Table&, const diff::DropIndex& change) {
  const ir::Index& index = change.object;
  Step step;
  step.subject = PartSubject(from, IndexColumnNames(index));
  step.table = from.name;
  step.summary = fmt::format("drop index {} on {}", index.name, from.name);
  step.up.push_back(S(fmt::format("DROP INDEX {};", QuoteIdent(index.name))));
  step.down.push_back(S(sql::CreateIndexText(from, index) + ";"));
  step.reason = index.unique ? "the DOWN rebuilds it, and fails once two rows repeat the values"
                             : "the DOWN rebuilds it under a lock";
  step.safety = index.unique ? Safety::kDataLossDown : Safety::kSafe;
  Add(kDropObjects, std::move(step));
}

void Planner::PlanPart(const ir::Table& from, const ir::Table& to,
                       const diff::ModifyIndex& change) {
  Step step;
  step.subject = PartSubject(to, IndexColumnNames(change.to));
  step.table = to.name;
  step.span = change.to.span;
  step.summary = fmt::format("change index {} on {}: {} -> {}", change.to.name, to.name,
                             diff::IndexText(change.from), diff::IndexText(change.to));
  AddIndexStatements(to, change.to, step);
  // The DOWN rebuilds the previous definition, also online.
  step.down_online.push_back(S(sql::CreateIndexText(from, change.from, true) + ";"));
  if (change.to.unique) {
    step.reason += "; the previous definition is dropped first";
  }
  Add(kAddObjects, std::move(step));
}

void Planner::PlanPart(const ir::Table& from, const ir::Table& to,
                       const diff::ModifyTableComment& change) {
  (void)from;
  Step step;
  step.subject = to.model;
  step.table = to.name;
  step.span = to.span;
  step.summary = fmt::format("change comment of table {}", to.name);
  step.reason = "a comment changes only the catalog";
  auto comment = [&](const std::string& doc) {
    return fmt::format("COMMENT ON TABLE {} IS {};", QuoteIdent(to.name),
                       doc.empty() ? "NULL" : QuoteLiteral(doc));
  };
  step.up.push_back(S(comment(change.to)));
  step.down.push_back(S(comment(change.from)));
  Add(kComments, std::move(step));
}

void Planner::PlanPart(const ir::Table& from, const ir::Table& to,
                       const diff::ModifyRowSecurity& change) {
  (void)from;
  auto statements = [&](const diff::RowSecurity& a, const diff::RowSecurity& b) {
    std::vector<Statement> out;
    if (a.enabled != b.enabled)
      out.push_back(S(fmt::format("{} {} ROW LEVEL SECURITY;", Alter(to.name),
                                  b.enabled ? "ENABLE" : "DISABLE")));
    if (a.forced != b.forced)
      out.push_back(S(fmt::format("{} {} ROW LEVEL SECURITY;", Alter(to.name),
                                  b.forced ? "FORCE" : "NO FORCE")));
    return out;
  };
  Step step;
  step.subject = to.model;
  step.table = to.name;
  step.span = to.span;
  const bool on = change.to.enabled && !change.from.enabled;
  const bool off = change.from.enabled && !change.to.enabled;
  step.summary = fmt::format("{} row-level security on {}",
                             on    ? "enable"
                             : off ? "disable"
                                   : "change",
                             to.name);
  step.up = statements(change.from, change.to);
  step.down = statements(change.to, change.from);
  step.safety = Safety::kLock;
  step.reason =
      on ? fmt::format(
               "a brief ACCESS EXCLUSIVE lock; from then on a query that does not set {} in its "
               "transaction (withTenant) sees and writes no rows of {}, and migrations and jobs "
               "need a role with BYPASSRLS: deploy that first",
               next_.tenant_setting, to.name)
         : fmt::format("a brief ACCESS EXCLUSIVE lock; {} is then protected by queries alone",
                       to.name);
  Add(kRowSecurity, std::move(step));
}

void Planner::PolicyStep(const ir::Table& table, const ir::Policy* from, const ir::Policy* to) {
  Step step;
  step.subject = table.model;
  step.table = table.name;
  step.span = to != nullptr ? to->span : table.span;
  const std::string& name = to != nullptr ? to->name : from->name;
  auto drop = [&](const ir::Policy& p) {
    return S(fmt::format("DROP POLICY {} ON {};", QuoteIdent(p.name), QuoteIdent(table.name)));
  };
  auto create = [&](const ir::Policy& p) { return S(sql::CreatePolicyText(table, p) + ";"); };
  if (from == nullptr) {
    step.summary = fmt::format("add row-level security policy {} on {}", name, table.name);
    step.up.push_back(create(*to));
    step.down.push_back(drop(*to));
  } else if (to == nullptr) {
    step.summary = fmt::format("drop row-level security policy {} on {}", name, table.name);
    step.up.push_back(drop(*from));
    step.down.push_back(create(*from));
  } else {
    step.summary = fmt::format("change row-level security policy {} on {}", name, table.name);
    step.up = {drop(*from), create(*to)};
    step.down = {drop(*to), create(*from)};
  }
  step.reason = "a policy changes only the catalog; it applies once row-level security is on";
  Add(kPolicies, std::move(step));
}

void Planner::PlanPart(const ir::Table&, const ir::Table& to, const diff::AddPolicy& change) {
  PolicyStep(to, nullptr, &change.object);
}

void Planner::PlanPart(const ir::Table& from, const ir::Table&, const diff::DropPolicy& change) {
  PolicyStep(from, &change.object, nullptr);
}

void Planner::PlanPart(const ir::Table&, const ir::Table& to, const diff::ModifyPolicy& change) {
  PolicyStep(to, &change.from, &change.to);
}

}  // namespace schemagen::evolve::planning
