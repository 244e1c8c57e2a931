// The evolution planner: previous IR x new IR -> classified steps with their SQL.
//
// 1. Renames declared with `was` are applied to a copy of the previous schema (tables, columns,
//    and every reference to them), each becoming a RENAME statement.
// 2. diff::Diff compares that copy with the new schema; constraints and indexes whose name
//    changed with a rename but whose definition did not become RENAMEs too.
// 3. Every other change becomes a step: its UP and exact DOWN, in the transaction or, for
//    what would lock a populated table, online (CONCURRENTLY, NOT VALID + VALIDATE).
// 4. Steps are ordered by phase (renames, drops of keys, objects, columns, tables, then
//    creations) and hazards not allowed are reported.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "evolve/planner.hpp"
#include "schemagen/evolve.hpp"
#include "schemagen/naming.hpp"

namespace schemagen::evolve {

const char* SafetyName(Safety safety) {
  switch (safety) {
    case Safety::kSafe:
      return "safe";
    case Safety::kLock:
      return "lock";
    case Safety::kDataLossDown:
      return "data-loss-down";
    case Safety::kDataLossUp:
      return "data-loss";
    case Safety::kIrreversible:
      return "irreversible";
  }
  return "safe";
}

bool IsHazard(Safety safety) {
  return safety == Safety::kDataLossUp || safety == Safety::kIrreversible;
}

std::optional<Allowance> ParseAllowance(const std::string& text) {
  const std::size_t colon = text.find(':');
  const std::string kind = text.substr(0, colon);
  Allowance allowance;
  bool found = false;
  for (Safety s : {Safety::kSafe, Safety::kLock, Safety::kDataLossDown, Safety::kDataLossUp,
                   Safety::kIrreversible}) {
    if (kind == SafetyName(s)) {
      allowance.safety = s;
      found = true;
    }
  }
  if (!found || allowance.safety == Safety::kSafe) return std::nullopt;
  if (colon != std::string::npos) {
    allowance.subject = text.substr(colon + 1);
    if (allowance.subject.empty()) return std::nullopt;
  }
  return allowance;
}

std::optional<Plan> MakePlan(const ir::Schema& previous, const ir::Schema& next,
                             const PlanOptions& options, Diagnostics& diagnostics) {
  return planning::Planner(previous, next, options, diagnostics).Run();
}

std::string Description(const Plan& plan) {
  // Adopting PostgreSQL-enforced isolation touches every tenant table: name what it does.
  auto all = [&](const char* topic) {
    return !plan.steps.empty() &&
           std::all_of(plan.steps.begin(), plan.steps.end(), [&](const Step& step) {
             return step.summary.find(topic) != std::string::npos;
           });
  };
  if (all("row-level security")) return "enable-row-level-security";
  std::vector<std::string> subjects;
  std::string first;
  const bool only_supporting = std::all_of(plan.steps.begin(), plan.steps.end(),
                                           [](const Step& step) { return step.supporting; });
  for (const Step& step : plan.steps) {
    if (step.supporting && !only_supporting) continue;
    if (std::find(subjects.begin(), subjects.end(), step.subject) != subjects.end()) continue;
    if (subjects.empty()) {
      const std::string verb = step.summary.substr(0, step.summary.find(' '));
      first = verb + "-" + step.subject;
    }
    subjects.push_back(step.subject);
  }
  if (subjects.empty()) return "no-change";
  std::string out = sql::Slug(naming::ToSnakeCase(first));
  if (subjects.size() > 1) out += fmt::format("-and-{}-more", subjects.size() - 1);
  return out;
}

namespace {

bool LeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysIn(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && LeapYear(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

}  // namespace

std::string AddSeconds(const std::string& timestamp, int seconds) {
  if (timestamp.size() != 14) return timestamp;
  int year = std::stoi(timestamp.substr(0, 4));
  int month = std::stoi(timestamp.substr(4, 2));
  int day = std::stoi(timestamp.substr(6, 2));
  long long rest = std::stoll(timestamp.substr(8, 2)) * 3600 +
                   std::stoll(timestamp.substr(10, 2)) * 60 + std::stoll(timestamp.substr(12, 2)) +
                   seconds;
  while (rest >= 86400) {
    rest -= 86400;
    if (++day > DaysIn(year, month)) {
      day = 1;
      if (++month > 12) {
        month = 1;
        ++year;
      }
    }
  }
  return fmt::format("{:04}{:02}{:02}{:02}{:02}{:02}", year, month, day, rest / 3600,
                     rest / 60 % 60, rest % 60);
}

std::vector<sql::Migration> Migrations(const Plan& plan, const std::string& timestamp) {
  const std::string description = Description(plan);
  sql::Migration main;
  main.name = timestamp + "-" + description;
  sql::Migration online;
  online.name = AddSeconds(timestamp, 1) + "-" + description + "-online";
  online.transactional = false;
  std::vector<std::string> summaries;
  std::vector<std::string> online_summaries;
  // Each step's statements, the first one headed by what the step does.
  auto append = [](std::vector<sql::Statement>& to, const std::vector<sql::Statement>& from,
                   const std::string& title) {
    for (std::size_t i = 0; i < from.size(); ++i) {
      sql::Statement s = from[i];
      if (i == 0) s.comment = s.comment.empty() ? title : title + "\n" + s.comment;
      to.push_back(std::move(s));
    }
  };
  for (const Step& step : plan.steps) {
    const std::string title = fmt::format("{} [{}]", step.summary, SafetyName(step.safety));
    append(main.up, step.up, title);
    append(online.up, step.up_online, title);
    if (!step.up.empty() || !step.down.empty()) summaries.push_back(step.summary);
    if (!step.up_online.empty()) online_summaries.push_back(step.summary);
  }
  for (auto it = plan.steps.rbegin(); it != plan.steps.rend(); ++it) {
    append(main.down, it->down, "undo: " + it->summary);
    append(online.down, it->down_online, "undo: " + it->summary);
  }
  auto summary = [](const std::vector<std::string>& items) {
    if (items.size() <= 3) return fmt::format("{}", fmt::join(items, "; "));
    return fmt::format("{}; and {} more changes", fmt::join(items.begin(), items.begin() + 2, "; "),
                       items.size() - 2);
  };
  main.summary = summary(summaries);
  online.summary =
      main.up.empty()
          ? summary(online_summaries) + ", without blocking writes"
          : fmt::format(
                "builds the indexes and validates the constraints of {} without blocking writes",
                main.name);
  std::vector<sql::Migration> out;
  if (!main.up.empty()) out.push_back(std::move(main));
  if (!online.up.empty()) out.push_back(std::move(online));
  return out;
}

}  // namespace schemagen::evolve
