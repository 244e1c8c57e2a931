// Schema evolution (issue 6): the previous state's IR and the new IR in, a classified plan of
// ALTER statements out. The changes come from diff::Diff (the same typed changes verify
// reports); this module decides renames (only the ones the DSL declares with `was`), the SQL
// of each change and of its exact reversal, the safe forms (CONCURRENTLY, NOT VALID then
// VALIDATE, add nullable + backfill + SET NOT NULL), and which changes are hazards.
// Pure C++: no database, no files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "schemagen/diagnostics.hpp"
#include "schemagen/ir.hpp"
#include "schemagen/sql.hpp"

namespace schemagen::evolve {

/// What a change costs. kDataLossUp and kIrreversible are refused unless allowed; kLock and
/// kDataLossDown are reported (plan, document, warnings) and generated.
enum class Safety {
  kSafe,          ///< no data at risk, no long lock
  kLock,          ///< holds a lock that blocks writes for a time that grows with the table
  kDataLossDown,  ///< the UP keeps every value, but its DOWN may fail or lose data
  kDataLossUp,    ///< the UP loses data, or fails on rows it can't convert
  kIrreversible,  ///< the DOWN can't bring the previous schema back on a table with rows
};

/// "safe", "lock", "data-loss-down", "data-loss", "irreversible": also the names `--allow`
/// takes.
const char* SafetyName(Safety safety);
/// True for the classes refused unless allowed.
bool IsHazard(Safety safety);

/// One change of the plan with every statement it needs. The migration runs every step's
/// `up` in one transaction, then every step's `up_online` outside any transaction (a second
/// migration); reverting runs `down_online` of each step in reverse order, then `down` of each
/// step in reverse order.
struct Step {
  std::string subject;  ///< what changes, as the DSL names it: "Ticket.priority", "Ticket"
  std::string table;    ///< the table it touches (its new name), "" for none
  std::string summary;  ///< "add column tickets.priority integer NOT NULL DEFAULT 0"
  Safety safety = Safety::kSafe;
  std::string reason;  ///< why that class, in one sentence
  std::string advice;  ///< for a hazard: what is lost and how to do it safely instead
  std::vector<sql::Statement> up;
  std::vector<sql::Statement> down;
  std::vector<sql::Statement> up_online;
  std::vector<sql::Statement> down_online;
  Span span;  ///< where the DSL declares the change (the new field or entity), if anywhere
  /// Part of other steps' changes in the target's form (a pre-15 SET NULL trigger, pgcrypto
  /// before 13): not what names the migration. Not recorded in the snapshot.
  bool supporting = false;
};

struct Plan {
  std::vector<Step> steps;
  bool empty() const { return steps.empty(); }
};

/// A hazard accepted by the user: `--allow data-loss` (every data-loss step) or
/// `--allow data-loss:Ticket.legacyCode` (the steps whose subject is Ticket.legacyCode or
/// starts with "Ticket.legacyCode").
struct Allowance {
  Safety safety = Safety::kDataLossUp;
  std::string subject;  ///< empty: every step of that class
};
/// Parses "data-loss", "irreversible:Ticket", "lock:Ticket.priority"; nullopt if malformed.
std::optional<Allowance> ParseAllowance(const std::string& text);

struct PlanOptions {
  std::vector<Allowance> allow;
};

/// The plan that turns `previous` (the last snapshot) into `next` (the DSL now). Renames come
/// only from `was` hints in `next`; a `was` naming something `previous` lacks is an error.
/// Hazards not allowed, type changes without a cast, NOT NULL columns without a default or
/// backfill are errors (E09xx) at the DSL position when there is one. nullopt on any error;
/// warnings (kLock, kDataLossDown) are added to `diagnostics` too.
[[nodiscard]] std::optional<Plan> MakePlan(const ir::Schema& previous, const ir::Schema& next,
                                           const PlanOptions& options, Diagnostics& diagnostics);

/// A short kebab-case description of the plan for migration names: "add-ticket-priority",
/// "change-tickets-and-2-more".
std::string Description(const Plan& plan);

/// The plan's migrations: `<timestamp>-<description>` with every up/down, then, when a step
/// has online statements, `<timestamp + 1 s>-<description>-online` (transactional = false).
std::vector<sql::Migration> Migrations(const Plan& plan, const std::string& timestamp);

/// A YYYYMMDDHHMMSS timestamp plus `seconds`, with the calendar carried.
std::string AddSeconds(const std::string& timestamp, int seconds);

}  // namespace schemagen::evolve
