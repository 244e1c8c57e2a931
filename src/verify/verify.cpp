// The verify run: find a server, make the scratch, normalize the DSL's schema in a shadow
// schema, then for each migration snapshot, UP, inspect, DOWN, compare, UP again; then the
// tenant isolation check; then remove everything, whatever happened.
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>

#include "pg/inspect.hpp"
#include "pg/interrupt.hpp"
#include "pg/local_server.hpp"
#include "pg/scratch.hpp"
#include "schemagen/diff.hpp"
#include "schemagen/naming.hpp"
#include "schemagen/sql.hpp"
#include "schemagen/verify.hpp"
#include "verify/isolation.hpp"
#include "verify/migrations.hpp"
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
  if (url.empty() && EnvSet("DATABASE_URL")) {
    url = std::getenv("DATABASE_URL");
    target.what = "DATABASE_URL";
  }
  if (!url.empty()) {
    std::optional<pg::ConnInfo> info = pg::ParseConnInfo(url, diagnostics);
    if (info) target.info = std::move(*info);
    return info.has_value();
  }
  if (EnvSet("PGHOST") || EnvSet("PGDATABASE") || EnvSet("PGSERVICE")) {
    target.what = "the server the PG* environment variables name";
    return true;  // libpq reads them itself
  }
  target.server = pg::LocalServer::Start(diagnostics);
  if (!target.server) return false;
  target.info = target.server->Connection();
  target.what = "the throwaway server in " + target.server->directory();
  return true;
}

class Verifier {
 public:
  Verifier(const Options& options, pg::Scratch& scratch, Report& report, Diagnostics& diagnostics)
      : options_(options), scratch_(scratch), report_(report), diagnostics_(diagnostics) {}

  void Run(const std::vector<MigrationFiles>& files);

 private:
  std::optional<inspect::Catalog> Inspect(const std::string& schema);
  std::optional<inspect::Catalog> Inspect() { return Inspect(scratch_.schema()); }
  void Normalize();
  bool Apply(const MigrationFiles& m, MigrationResult& result);
  bool RoundTrip(const MigrationFiles& m, const inspect::Catalog& before,
                 const inspect::Catalog& after_up, MigrationResult& result);
  void Compare(const inspect::Catalog& expected, const inspect::Catalog& found,
               const std::string& file, const std::string& step, const std::string& lead,
               MigrationResult& result);
  void Isolation();
  void Progress(const std::string& name, const char* step) const;

  const Options& options_;
  pg::Scratch& scratch_;
  Report& report_;
  Diagnostics& diagnostics_;
  std::size_t index_ = 0;                       ///< of the migration being verified
  std::optional<inspect::Catalog> normalized_;  ///< the DSL's schema as PostgreSQL stores it
  std::optional<inspect::Catalog> final_;       ///< after the last migration
};

std::optional<inspect::Catalog> Verifier::Inspect(const std::string& schema) {
  // A scratch database is all ours, so its other schemas and extensions are compared too.
  const bool database_wide = scratch_.is_database() && schema == scratch_.schema();
  return pg::Inspect(scratch_.session(), {schema, database_wide}, diagnostics_);
}

// Atlas's dev-database trick: PostgreSQL rewrites defaults and CHECKs into its own form, so
// the DSL's schema is applied to a shadow schema and read back before anything is compared.
void Verifier::Normalize() {
  const ir::Schema& expected = *options_.expected;
  const std::string& dsl = options_.expected_name;
  report_.schema.tables = expected.tables.size();
  const std::optional<std::string> shadow = scratch_.CreateSchema("shadow", diagnostics_);
  if (!shadow) return;
  std::string script = "SET LOCAL search_path TO " + naming::QuoteIdent(*shadow) + ";\n";
  for (const sql::Statement& s : sql::CreateMigration(expected).up) script += s.text + "\n";
  const pg::Result applied = scratch_.session().ExecInTransaction(script);
  if (applied.ok()) {
    normalized_ = Inspect(*shadow);
  } else {
    report_.schema.problems.push_back(
        {dsl, "generator", "the SQL schemagen generates does not apply: " + applied.error});
  }
  // A scratch database goes with DROP DATABASE at the end, which needs no lock per object;
  // dropping a shadow of thousands of tables in one transaction can exhaust the server's lock
  // table (max_locks_per_transaction). A scratch schema in the user's database must go now.
  if (!scratch_.is_database()) (void)scratch_.DropSchema(*shadow, diagnostics_);
  report_.schema.checked = normalized_ || !report_.schema.problems.empty();
  if (!normalized_) return;
  // The IR against its own SQL on what needs no normalizing: a generator bug can't hide.
  for (const std::string& m :
       diff::Describe(diff::Diff(expected, normalized_->schema, {.expressions = false}))) {
    report_.schema.problems.push_back(
        {dsl, "generator", "the SQL schemagen generates differs from the schema: " + m});
  }
}

void Verifier::Compare(const inspect::Catalog& expected, const inspect::Catalog& found,
                       const std::string& file, const std::string& step, const std::string& lead,
                       MigrationResult& result) {
  for (const std::string& m : diff::Describe(diff::Diff(expected, found))) {
    result.problems.push_back({file, step, lead + m});
  }
}

// Applies UP and checks it against the DSL (after the last migration) and its round trip.
// False when the run can't go on: the database is not where the next migration expects it.
bool Verifier::Apply(const MigrationFiles& m, MigrationResult& result) {
  const std::string up_file = m.name + ".up.sql";
  const std::optional<inspect::Catalog> before = Inspect();
  if (!before) return false;
  Progress(m.name, "up");
  const auto up_start = Clock::now();
  const pg::Result up = scratch_.session().ExecInTransaction(m.up);
  result.up_ms = MsSince(up_start);
  if (!up.ok()) {
    const bool stopped = pg::InterruptGuard::Interrupted();
    result.problems.push_back(
        {up_file, "up", stopped ? "interrupted" : "failed, and was rolled back: " + up.error});
    return false;
  }
  const std::optional<inspect::Catalog> after_up = Inspect();
  if (!after_up) return false;
  if (index_ + 1 == report_.migrations.size() && normalized_) {
    report_.schema.compared = true;
    const inspect::Catalog expected{normalized_->schema_name, normalized_->schema, {}};
    const inspect::Catalog found{after_up->schema_name, after_up->schema, {}};
    Compare(expected, found, up_file, "schema", "differs from " + options_.expected_name + ": ",
            result);
  }
  return RoundTrip(m, *before, *after_up, result);
}

bool Verifier::RoundTrip(const MigrationFiles& m, const inspect::Catalog& before,
                         const inspect::Catalog& after_up, MigrationResult& result) {
  const std::string up_file = m.name + ".up.sql";
  const std::string down_file = m.name + ".down.sql";
  if (pg::InterruptGuard::Interrupted()) return false;
  Progress(m.name, "down");
  const auto down_start = Clock::now();
  const pg::Result down = scratch_.session().ExecInTransaction(m.down);
  result.down_ms = MsSince(down_start);
  if (!down.ok()) {
    // Rolled back: the schema is as after UP, so the next migration can still run.
    result.problems.push_back({down_file, "down", "failed, and was rolled back: " + down.error});
    return true;
  }
  const std::optional<inspect::Catalog> after_down = Inspect();
  if (!after_down) return false;
  Compare(before, *after_down, down_file, "down",
          "the schema after DOWN differs from before UP: ", result);
  Progress(m.name, "up again");
  const auto again_start = Clock::now();
  const pg::Result again = scratch_.session().ExecInTransaction(m.up);
  result.up_again_ms = MsSince(again_start);
  if (!again.ok()) {
    result.problems.push_back(
        {up_file, "up again", "failed when applied again after DOWN: " + again.error});
    return false;
  }
  const std::optional<inspect::Catalog> after_again = Inspect();
  if (!after_again) return false;
  Compare(after_up, *after_again, up_file, "up again",
          "the schema after UP again differs from after the first UP: ", result);
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
  report_.isolation =
      CheckIsolation(scratch_, model, final_->schema, FindTenancy(expected, final_->schema));
}

void Verifier::Progress(const std::string& name, const char* step) const {
  if (!options_.progress) return;
  std::fprintf(stderr, "\r\x1b[K[%zu/%zu] %s: %s", index_ + 1, report_.migrations.size(),
               name.c_str(), step);
  std::fflush(stderr);
}

void Verifier::Run(const std::vector<MigrationFiles>& files) {
  for (const MigrationFiles& m : files) report_.migrations.emplace_back().name = m.name;
  if (options_.expected) Normalize();
  bool go_on = !diagnostics_.HasErrors();
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
  return schema.problems.empty() && signal == 0;
}

std::optional<Report> Run(const Options& options, Diagnostics& diagnostics) {
  const auto start = Clock::now();
  const auto files = ReadMigrations(options.migrations_dir, NoMigrationsHint(options), diagnostics);
  if (!files) return std::nullopt;
  const pg::InterruptGuard guard;
  Report report;
  report.migrations_dir = options.migrations_dir;
  Target target;
  std::unique_ptr<pg::Scratch> scratch;
  if (ResolveTarget(options, target, diagnostics)) {
    scratch = pg::Scratch::Create(target.info, target.what, diagnostics);
  }
  if (scratch) {
    report.server = scratch->server() + (target.server ? " (throwaway server)" : "");
    report.scratch = scratch->Describe();
    // Ctrl-C cancels the statement running in the scratch; the run then stops and cleans up.
    const pg::CancelScope cancel([&scratch] { scratch->session().Cancel(); });
    Verifier(options, *scratch, report, diagnostics).Run(*files);
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
