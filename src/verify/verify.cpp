// The verify run: find a server, make the scratch, normalize the DSL's schema and every
// recorded state in shadow schemas, then for each migration: write rows, snapshot, UP, inspect,
// compare with the recorded state and the rows, DOWN, compare, UP again, count the rows; then
// the tenant isolation check; then remove everything, whatever happened.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "pg/inspect.hpp"
#include "pg/interrupt.hpp"
#include "pg/local_server.hpp"
#include "pg/scratch.hpp"
#include "schemagen/diff.hpp"
#include "schemagen/evolve.hpp"
#include "schemagen/naming.hpp"
#include "schemagen/sql.hpp"
#include "schemagen/state.hpp"
#include "schemagen/text.hpp"
#include "schemagen/verify.hpp"
#include "verify/data.hpp"
#include "verify/isolation.hpp"
#include "verify/migrations.hpp"
#include "verify/run_file.hpp"
#include "verify/server_target.hpp"
#include "verify/statements.hpp"
#include "verify/values.hpp"

namespace schemagen::verify {
namespace {

using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

bool EnvSet(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0';
}

// Where to connect, and the server verify started when no database was named.
struct Target {
  pg::ConnInfo info;
  std::string what;  ///< for messages: "--database", "DATABASE_URL"...
  std::unique_ptr<pg::LocalServer> server;
};

bool ResolveTarget(const Options& options, Target& target, Diagnostics& diagnostics) {
  std::string url = options.database;
  target.what = "--database";
  // --postgres-bin asks for a throwaway server of that major, whatever the environment says.
  const bool throwaway = !options.postgres_bin.empty();
  if (url.empty() && !throwaway && EnvSet("DATABASE_URL")) {
    url = std::getenv("DATABASE_URL");
    target.what = "DATABASE_URL";
  }
  target.info.connect_timeout = options.connect_timeout;
  target.info.statement_timeout = options.statement_timeout;
  if (!url.empty()) {
    std::optional<pg::ConnInfo> info = pg::ParseConnInfo(url, diagnostics);
    if (!info) return false;
    info->connect_timeout = options.connect_timeout;
    info->statement_timeout = options.statement_timeout;
    target.info = std::move(*info);
    return true;
  }
  if (!throwaway && (EnvSet("PGHOST") || EnvSet("PGDATABASE") || EnvSet("PGSERVICE"))) {
    target.what = "the server the PG* environment variables name";
    return true;  // libpq reads them itself
  }
  target.server = pg::LocalServer::Start(diagnostics, options.postgres_bin);
  if (!target.server) return false;
  target.info = target.server->Connection();
  target.info.connect_timeout = options.connect_timeout;
  target.info.statement_timeout = options.statement_timeout;
  target.what = "the throwaway server in " + target.server->directory();
  return true;
}

// The recorded steps that may fail on rows or lose them, by migration: the steps of a run's
// transactional migration are those with statements in a transaction, those of its online
// migration those with statements outside one.
std::map<std::string, std::vector<DataHazard>> Hazards(const std::vector<RecordedState>& states) {
  std::map<std::string, std::vector<DataHazard>> out;
  for (const RecordedState& recorded : states) {
    const std::vector<std::string>& names = recorded.snapshot.migrations;
    for (std::size_t i = 0; i < names.size(); ++i) {
      std::vector<DataHazard>& hazards = out[names[i]];
      for (const evolve::Step& step : recorded.snapshot.steps) {
        const bool here =
            names.size() == 1 || (i == 0 ? !step.up.empty() || !step.down.empty()
                                         : !step.up_online.empty() || !step.down_online.empty());
        const bool risky =
            evolve::IsHazard(step.safety) || step.safety == evolve::Safety::kDataLossDown;
        if (!here || !risky || step.table.empty()) continue;
        hazards.push_back({step.table,
                           fmt::format("{} step {} ({})", evolve::SafetyName(step.safety),
                                       step.subject, step.summary),
                           evolve::IsHazard(step.safety)});
      }
    }
  }
  return out;
}

// The tables of `schema` the hazards touch, each with the hazard's reason. A hazard names its
// table as after the UP; `renames` leads there from the names before it.
std::vector<std::pair<std::string, std::string>> HazardTables(
    const std::vector<DataHazard>& hazards, const ir::Schema& schema, const Renames& renames) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const DataHazard& h : hazards) {
    for (const ir::Table& table : schema.tables) {
      if (table.name == h.table || renames.Table(table.name) == h.table ||
          table.name == renames.Table(h.table)) {
        out.emplace_back(table.name, h.reason);
      }
    }
  }
  return out;
}

// `before` as a DOWN can give it back: a DOWN has no way to undo VALIDATE CONSTRAINT (an
// online migration's DOWN leaves the validated check), so a check that was NOT VALID before
// the UP and is the same check, validated, after the DOWN counts as given back.
inspect::Catalog AsDownRestores(inspect::Catalog before, const inspect::Catalog& after_down) {
  constexpr std::string_view kNotValid = " NOT VALID";
  for (ir::Table& table : before.schema.tables) {
    const ir::Table* now = after_down.schema.FindTableByName(table.name);
    if (now == nullptr) continue;
    for (ir::Check& check : table.checks) {
      const std::string& e = check.expression;
      if (e.size() <= kNotValid.size() ||
          e.compare(e.size() - kNotValid.size(), kNotValid.size(), kNotValid) != 0) {
        continue;
      }
      const std::string validated = e.substr(0, e.size() - kNotValid.size());
      for (const ir::Check& c : now->checks) {
        if (c.name == check.name && c.expression == validated) check.expression = validated;
      }
    }
  }
  return before;
}

class Verifier {
 public:
  Verifier(const Options& options, const std::vector<RecordedState>& states, pg::Scratch& scratch,
           Report& report, Diagnostics& diagnostics)
      : options_(options),
        states_(states),
        scratch_(scratch),
        report_(report),
        diagnostics_(diagnostics),
        rows_(scratch.session()),
        files_(scratch),
        errors_(diagnostics.error_count()) {}

  void Run(const std::vector<MigrationFiles>& files);

 private:
  std::optional<inspect::Catalog> Inspect(const std::string& schema);
  std::optional<inspect::Catalog> Inspect() { return Inspect(scratch_.schema()); }
  std::optional<inspect::Catalog> Shadow(const ir::Schema& schema, const std::string& suffix,
                                         std::string& error);
  void Normalize();
  void NormalizeStates(const std::vector<MigrationFiles>& files);
  FileRun RunFile(const std::string& text, bool transactional, std::size_t first = 0) {
    return files_.Run(text, transactional, first);
  }
  void RetryOnEmptyTables(const MigrationFiles& m, const ir::Schema& live, const Renames& renames,
                          bool up, FileRun& run, MigrationResult& result);
  void CheckState(const MigrationFiles& m, const inspect::Catalog& after_up,
                  MigrationResult& result);
  bool Apply(const MigrationFiles& m, MigrationResult& result);
  bool RoundTrip(const MigrationFiles& m, const Renames& renames, const inspect::Catalog& before,
                 const inspect::Catalog& after_up, MigrationResult& result);
  void Compare(const inspect::Catalog& expected, const inspect::Catalog& found,
               const std::string& file, const std::string& step, const std::string& lead,
               MigrationResult& result);
  void Isolation();
  void Progress(const std::string& name, const char* step) const;

  const Options& options_;
  const std::vector<RecordedState>& states_;
  pg::Scratch& scratch_;
  Report& report_;
  Diagnostics& diagnostics_;
  RowsTracker rows_;
  FileRunner files_;       ///< every migration and shadow runs through it, contained
  std::size_t errors_;     ///< errors reported before the run (a snapshot that can't be read)
  std::size_t index_ = 0;  ///< of the migration being verified
  std::optional<inspect::Catalog> normalized_;  ///< the DSL's schema as PostgreSQL stores it
  std::optional<inspect::Catalog> final_;       ///< after the last migration
  /// By the name of a run's last migration: its recorded state and that state as PostgreSQL
  /// stores it (nullopt, with the reason, when schemagen's SQL for it did not apply).
  struct State {
    const RecordedState* recorded = nullptr;
    std::optional<inspect::Catalog> normalized;
    std::string error;
  };
  std::map<std::string, State> states_by_last_;
  std::map<std::string, std::vector<DataHazard>> hazards_;
};

std::optional<inspect::Catalog> Verifier::Inspect(const std::string& schema) {
  // A scratch database is all ours, so its other schemas and extensions are compared too.
  const bool database_wide = scratch_.is_database() && schema == scratch_.schema();
  return pg::Inspect(scratch_.session(), {schema, database_wide}, diagnostics_);
}

// Atlas's dev-database trick: PostgreSQL rewrites defaults and CHECKs into its own form, so
// a schema is applied to a shadow schema of the scratch and read back before anything is
// compared with it. nullopt with the server's reason in `error` when schemagen's SQL for it
// does not apply (an empty `error`: the diagnostics say why).
std::optional<inspect::Catalog> Verifier::Shadow(const ir::Schema& schema,
                                                 const std::string& suffix, std::string& error) {
  const std::optional<std::string> shadow = scratch_.CreateSchema(suffix, diagnostics_);
  if (!shadow) return std::nullopt;
  // The schema comes from a recorded state, which nobody vouches for (its CHECKs are SQL):
  // contained like a migration.
  std::vector<std::string> statements;
  for (sql::Statement& s : sql::CreateMigration(schema).up) statements.push_back(std::move(s.text));
  std::size_t failed = 0;
  const pg::Result applied = files_.containment().Run(statements, *shadow, failed);
  std::optional<inspect::Catalog> out;
  if (applied.ok()) {
    out = Inspect(*shadow);
  } else {
    error = applied.error;
  }
  // A scratch database goes with DROP DATABASE at the end, which needs no lock per object;
  // dropping a shadow of thousands of tables in one transaction can exhaust the server's lock
  // table (max_locks_per_transaction). A scratch schema in the user's database must go now.
  if (!scratch_.is_database()) {
    (void)scratch_.DropSchema(*shadow, diagnostics_);
  } else {
    // An extension the SQL created (pgcrypto before PostgreSQL 13) is the database's: left in
    // the shadow, the migrations would find it there, off their search_path.
    (void)scratch_.DropExtensionsIn(*shadow, diagnostics_);
  }
  return out;
}

void Verifier::Normalize() {
  const ir::Schema& expected = *options_.expected;
  const std::string& dsl = options_.expected_name;
  report_.schema.tables = expected.tables.size();
  std::string error;
  // In the forms of the migrations' target, which the server runs (a DSL that asks for newer
  // ones describes the same schema: the inspector reads both forms back alike).
  ir::Schema in_target = expected;
  in_target.postgres = report_.target;
  normalized_ = Shadow(in_target, "shadow", error);
  if (!error.empty()) {
    report_.schema.problems.push_back(
        {dsl, "generator", "the SQL schemagen generates does not apply: " + error});
  }
  report_.schema.checked = normalized_ || !report_.schema.problems.empty();
  if (!normalized_) return;
  // The IR against its own SQL on what needs no normalizing: a generator bug can't hide.
  for (const std::string& m :
       diff::Describe(diff::Diff(expected, normalized_->schema, {.expressions = false}))) {
    report_.schema.problems.push_back(
        {dsl, "generator", "the SQL schemagen generates differs from the schema: " + m});
  }
}

// Every recorded state, as PostgreSQL stores it, before the first migration runs: a shadow made
// later would show in the database-wide comparisons of a round trip. The state the DSL
// describes is normalized once.
void Verifier::NormalizeStates(const std::vector<MigrationFiles>& files) {
  std::set<std::string> names;
  for (const MigrationFiles& m : files) names.insert(m.name);
  // A snapshot records its run's timestamp; the DSL's header says when the schema began.
  auto same_schema = [](ir::Schema schema) {
    schema.timestamp.clear();
    return state::SchemaJson(schema);
  };
  const std::string dsl = options_.expected ? same_schema(*options_.expected) : "";
  std::size_t n = 0;
  for (const RecordedState& recorded : states_) {
    const std::vector<std::string>& migrations = recorded.snapshot.migrations;
    std::vector<std::string> missing;
    for (const std::string& name : migrations) {
      if (names.count(name) == 0) missing.push_back(name);
    }
    if (migrations.empty() || !missing.empty()) {
      report_.history.problems.push_back(
          {recorded.file, "state",
           migrations.empty() ? std::string("names no migration: its state can't be checked")
                              : fmt::format("names {} not in {}: its state can't be checked",
                                            fmt::join(missing, ", "), options_.migrations_dir)});
      continue;
    }
    State& state = states_by_last_[migrations.back()];
    state.recorded = &recorded;
    if (normalized_ && same_schema(recorded.snapshot.schema) == dsl) {
      state.normalized = normalized_;
    } else {
      state.normalized =
          Shadow(recorded.snapshot.schema, fmt::format("state_{}", ++n), state.error);
    }
    if (diagnostics_.error_count() != errors_ || pg::InterruptGuard::Interrupted()) return;
  }
}

// A step classified data-loss-down, data-loss or irreversible may fail on rows by design (a
// USING conversion of made-up values, a validation, a NOT NULL the DOWN brings back): when the
// UP (or DOWN) failed and the migration has such steps, their tables are emptied and the file
// runs again (a file run statement by statement resumes at the statement that failed).
void Verifier::RetryOnEmptyTables(const MigrationFiles& m, const ir::Schema& live,
                                  const Renames& renames, bool up, FileRun& run,
                                  MigrationResult& result) {
  if (run.result.ok() || !result.rows.checked || pg::InterruptGuard::Interrupted()) return;
  std::vector<std::pair<std::string, std::string>> hazards =
      HazardTables(hazards_[m.name], live, renames);
  // PostgreSQL names the relation a row failed in ("column "body" of relation "messages"
  // contains null values"): then only that table is emptied.
  std::vector<std::pair<std::string, std::string>> named;
  for (const auto& hazard : hazards) {
    if (run.result.error.find('"' + hazard.first + '"') != std::string::npos) {
      named.push_back(hazard);
    }
  }
  if (!named.empty()) hazards = std::move(named);
  std::vector<std::string> tables;
  std::vector<std::string> reasons;
  for (const auto& [table, why] : hazards) {
    if (std::find(tables.begin(), tables.end(), table) == tables.end()) tables.push_back(table);
    if (std::find(reasons.begin(), reasons.end(), why) == reasons.end()) reasons.push_back(why);
  }
  if (tables.empty()) return;
  const std::string reason =
      fmt::format("the {} failed on its rows ({}), which {} may do: it ran again without them",
                  up ? "UP" : "DOWN", run.result.error, fmt::join(reasons, " or "));
  std::vector<std::string> problems;
  const bool emptied = rows_.Empty(tables, reason, live, up, result.rows, problems);
  const std::string file = m.name + (up ? ".up.sql" : ".down.sql");
  for (const std::string& p : problems) result.problems.push_back({file, "rows", p});
  if (!emptied) return;
  const std::string& text = up ? m.up : m.down;
  const bool transactional = up ? m.up_transactional : m.down_transactional;
  run = RunFile(text, transactional, transactional ? 0 : run.applied);
}

void Verifier::CheckState(const MigrationFiles& m, const inspect::Catalog& after_up,
                          MigrationResult& result) {
  const auto it = states_by_last_.find(m.name);
  if (it == states_by_last_.end()) return;
  const State& state = it->second;
  const std::string up_file = m.name + ".up.sql";
  if (!state.normalized) {
    result.problems.push_back({up_file, "state",
                               "the state recorded in " + state.recorded->file +
                                   " can't be rebuilt from schemagen's SQL" +
                                   (state.error.empty() ? "" : ": " + state.error)});
    return;
  }
  result.state = state.recorded->file;
  ++report_.history.compared;
  const inspect::Catalog expected{state.normalized->schema_name, state.normalized->schema, {}};
  const inspect::Catalog found{after_up.schema_name, after_up.schema, {}};
  Compare(expected, found, up_file, "state",
          "differs from the state recorded in " + state.recorded->file + ": ", result);
}

void Verifier::Compare(const inspect::Catalog& expected, const inspect::Catalog& found,
                       const std::string& file, const std::string& step, const std::string& lead,
                       MigrationResult& result) {
  for (const std::string& m : diff::Describe(diff::Diff(expected, found))) {
    result.problems.push_back({file, step, lead + m});
  }
}

// Writes rows, applies UP and checks it against the recorded state (after the last migration
// of a run), the DSL (after the last migration), the rows, and its round trip. False when the
// run can't go on: the database is not where the next migration expects it.
bool Verifier::Apply(const MigrationFiles& m, MigrationResult& result) {
  const std::string up_file = m.name + ".up.sql";
  const std::optional<inspect::Catalog> before = Inspect();
  if (!before) return false;
  if (options_.rows) {
    Progress(m.name, "rows");
    for (const std::string& p :
         rows_.BeforeUp(before->schema, static_cast<int>(index_), result.rows)) {
      result.problems.push_back({up_file, "rows", p});
    }
    if (pg::InterruptGuard::Interrupted()) return false;
  }
  Progress(m.name, "up");
  const Renames renames(SplitStatements(m.up));
  const auto up_start = Clock::now();
  FileRun up = RunFile(m.up, m.up_transactional);
  RetryOnEmptyTables(m, before->schema, renames, true, up, result);
  result.up_ms = MsSince(up_start);
  if (!up.result.ok()) {
    const bool stopped = pg::InterruptGuard::Interrupted();
    result.problems.push_back(
        {up_file, "up", stopped ? "interrupted" : Failure(up, "failed, and was rolled back")});
    return false;
  }
  const std::optional<inspect::Catalog> after_up = Inspect();
  if (!after_up) return false;
  CheckState(m, *after_up, result);
  if (index_ + 1 == report_.migrations.size() && normalized_) {
    report_.schema.compared = true;
    const inspect::Catalog expected{normalized_->schema_name, normalized_->schema, {}};
    const inspect::Catalog found{after_up->schema_name, after_up->schema, {}};
    Compare(expected, found, up_file, "schema", "differs from " + options_.expected_name + ": ",
            result);
  }
  if (result.rows.checked) {
    for (const std::string& p :
         rows_.AfterUp(after_up->schema, renames, hazards_[m.name], result.rows)) {
      result.problems.push_back({up_file, "rows", p});
    }
  }
  return RoundTrip(m, renames, *before, *after_up, result);
}

bool Verifier::RoundTrip(const MigrationFiles& m, const Renames& renames,
                         const inspect::Catalog& before, const inspect::Catalog& after_up,
                         MigrationResult& result) {
  const std::string up_file = m.name + ".up.sql";
  const std::string down_file = m.name + ".down.sql";
  if (pg::InterruptGuard::Interrupted()) return false;
  if (result.rows.checked) {
    for (const std::string& p : rows_.BeforeDown(after_up.schema)) {
      result.problems.push_back({down_file, "rows", p});
    }
  }
  Progress(m.name, "down");
  const auto down_start = Clock::now();
  FileRun down = RunFile(m.down, m.down_transactional);
  RetryOnEmptyTables(m, after_up.schema, renames, false, down, result);
  result.down_ms = MsSince(down_start);
  if (!down.result.ok()) {
    result.problems.push_back({down_file, "down", Failure(down, "failed, and was rolled back")});
    // Rolled back: the schema is as after UP, so the next migration can still run; not so
    // after a file run statement by statement.
    return down.transactional && !pg::InterruptGuard::Interrupted();
  }
  const std::optional<inspect::Catalog> after_down = Inspect();
  if (!after_down) return false;
  Compare(AsDownRestores(before, *after_down), *after_down, down_file, "down",
          "the schema after DOWN differs from before UP: ", result);
  Progress(m.name, "up again");
  const auto again_start = Clock::now();
  const FileRun again = RunFile(m.up, m.up_transactional);
  result.up_again_ms = MsSince(again_start);
  if (!again.result.ok()) {
    result.problems.push_back(
        {up_file, "up again",
         Failure(again, "failed when applied again after DOWN", " when applied again after DOWN")});
    return false;
  }
  const std::optional<inspect::Catalog> after_again = Inspect();
  if (!after_again) return false;
  Compare(after_up, *after_again, up_file, "up again",
          "the schema after UP again differs from after the first UP: ", result);
  if (result.rows.checked) {
    for (const std::string& p : rows_.AfterUpAgain(after_again->schema)) {
      result.problems.push_back({up_file, "rows", p});
    }
  }
  final_ = *after_again;
  return true;
}

void Verifier::Isolation() {
  if (!options_.isolation) {
    report_.isolation.skipped = "--no-isolation";
    return;
  }
  if (!final_) {
    report_.isolation.skipped = "the migrations did not all apply";
    return;
  }
  const ir::Schema* expected = options_.expected ? &*options_.expected : nullptr;
  const ir::Schema model = expected != nullptr ? *expected : LiftChecks(final_->schema);
  if (options_.progress) std::fprintf(stderr, "\r\x1b[Ktenant isolation...");
  // The rows written along the history go first: the check's companies and rows are its own.
  if (options_.rows) rows_.Clear(final_->schema);
  report_.isolation =
      CheckIsolation(scratch_, model, final_->schema, FindTenancy(expected, final_->schema));
}

void Verifier::Progress(const std::string& name, const char* step) const {
  if (!options_.progress) return;
  std::fprintf(stderr, "\r\x1b[K[%zu/%zu] %s: %s", index_ + 1, report_.migrations.size(),
               text::EscapeControls(name).c_str(), step);
  std::fflush(stderr);
}

void Verifier::Run(const std::vector<MigrationFiles>& files) {
  for (const MigrationFiles& m : files) report_.migrations.emplace_back().name = m.name;
  report_.history.states = states_.size();
  hazards_ = Hazards(states_);
  if (options_.expected) Normalize();
  NormalizeStates(files);
  bool go_on = diagnostics_.error_count() == errors_;
  for (std::size_t i = 0; i < files.size() && go_on; ++i) {
    if (pg::InterruptGuard::Interrupted()) break;
    index_ = i;
    MigrationResult& result = report_.migrations[i];
    const auto start = Clock::now();
    go_on = Apply(files[i], result);
    result.total_ms = MsSince(start);
    result.status = result.problems.empty() && go_on ? Status::kOk : Status::kFailed;
  }
  if (!go_on) {
    report_.isolation.skipped = "the migrations did not all apply";
  } else if (!pg::InterruptGuard::Interrupted()) {
    Isolation();
  }
  if (options_.progress) std::fprintf(stderr, "\r\x1b[K");
}

const char* SignalName(int signal) {
  switch (signal) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    case SIGHUP:
      return "SIGHUP";
    default:
      return "a signal";
  }
}

std::string NoMigrationsHint(const Options& options) {
  if (!options.expected) return "";
  return "; run `schemagen " + options.expected_name +
         "` first (with the same -o) to generate them, or point --migrations at them";
}

}  // namespace

bool Report::ok() const {
  for (const MigrationResult& m : migrations) {
    if (m.status != Status::kOk) return false;
  }
  for (const TableIsolation& t : isolation.tables) {
    if (t.status == Status::kFailed) return false;
  }
  return schema.problems.empty() && history.problems.empty() && signal == 0;
}

std::optional<Report> Run(const Options& options, Diagnostics& diagnostics) {
  const auto start = Clock::now();
  const auto files = ReadMigrations(options.migrations_dir, NoMigrationsHint(options), diagnostics);
  if (!files) return std::nullopt;
  const pg::InterruptGuard guard;
  const std::vector<RecordedState> states = ReadStates(options.migrations_dir, diagnostics);
  Report report;
  report.migrations_dir = options.migrations_dir;
  report.target = MigrationsTarget(options, states);
  Target target;
  std::unique_ptr<pg::Scratch> scratch;
  if (ResolveTarget(options, target, diagnostics)) {
    scratch = pg::Scratch::Create(target.info, target.what, diagnostics);
  }
  if (scratch && !ServerRunsTarget(scratch->session(), report, diagnostics)) {
    (void)scratch->Drop(diagnostics);
    scratch.reset();
  }
  if (scratch) {
    report.server = scratch->server() + (target.server ? " (throwaway server)" : "");
    report.scratch = scratch->Describe();
    // Ctrl-C cancels the statement running in the scratch; the run then stops and cleans up.
    const pg::CancelScope cancel([&scratch] { scratch->session().Cancel(); });
    Verifier(options, states, *scratch, report, diagnostics).Run(*files);
  }
  // From here a second Ctrl-C must not stop the cleanup half way.
  pg::InterruptGuard::Disarm();
  const bool started = scratch != nullptr;
  bool clean = !scratch || scratch->Drop(diagnostics);
  clean = (!target.server || target.server->Stop(diagnostics)) && clean;
  report.signal = pg::InterruptGuard::Signal();
  report.seconds = MsSince(start) / 1000;
  if (report.signal != 0) {
    diagnostics.Error("E0808", std::nullopt,
                      std::string("interrupted by ") + SignalName(report.signal) +
                          (clean ? "; everything verify created was removed" : ""));
    return report;
  }
  if (!started) return std::nullopt;
  return report;
}

}  // namespace schemagen::verify
