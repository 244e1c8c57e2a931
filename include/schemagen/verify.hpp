// `schemagen verify`: proves on a real PostgreSQL that every migration applies, that DOWN
// returns the schema exactly to where it was, that UP applies again, that the result is the
// schema the DSL describes, and that tenant tables keep companies apart. It works only inside
// a scratch database (or schema) it creates and drops; see docs/architecture.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "schemagen/diagnostics.hpp"
#include "schemagen/ir.hpp"

namespace schemagen::verify {

struct Options {
  /// The schema the migrations must produce (the DSL's IR); nullopt: round trips only.
  std::optional<ir::Schema> expected;
  std::string expected_name;   ///< the DSL file, as messages name it ("entities.dsl")
  std::string migrations_dir;  ///< where the *.up.sql / *.down.sql pairs are
  /// libpq URL or key=value string; empty: DATABASE_URL, else the PG* variables when PGHOST,
  /// PGDATABASE or PGSERVICE is set, else a throwaway local server.
  std::string database;
  bool isolation = true;  ///< run the tenant isolation check
  bool progress = false;  ///< show progress on stderr (a terminal)
};

/// One difference or failure, naming the file it concerns.
struct Problem {
  std::string file;     ///< "20260115090000-create-atendimento.down.sql", or the DSL file
  std::string step;     ///< "up", "down", "up again", "schema" or "generator"
  std::string message;  ///< "table tickets: missing index tickets_status_idx btree (status)"
};

enum class Status { kOk, kFailed, kSkipped };

struct MigrationResult {
  std::string name;
  Status status = Status::kSkipped;  ///< kSkipped: not run, an earlier migration failed
  double up_ms = -1;                 ///< each step's time; -1 when the step did not run
  double down_ms = -1;
  double up_again_ms = -1;
  double total_ms = 0;  ///< with the inspections between the steps
  std::vector<Problem> problems;
};

/// The DSL's schema, applied to a shadow schema and read back, against the IR it came from.
struct SchemaCheck {
  bool checked = false;   ///< the DSL's schema was applied to a shadow schema and read back
  bool compared = false;  ///< ...and compared with the schema after the last migration
  std::size_t tables = 0;
  std::vector<Problem> problems;  ///< step "generator": schemagen's own SQL is wrong
};

struct TableIsolation {
  std::string table;
  Status status = Status::kOk;
  std::vector<std::string> passed;    ///< the checks that held
  std::vector<std::string> problems;  ///< what failed
  std::string skipped;                ///< why the rows were not written (the catalog was checked)
};

struct IsolationCheck {
  bool checked = false;
  std::string skipped;  ///< why it did not run, when it did not
  std::string role;     ///< the role the rows were written as
  std::string tenant_table;
  std::vector<TableIsolation> tables;
};

struct Report {
  std::string server;   ///< "postgres@/tmp/schemagen-verify-x:5432/postgres (throwaway server)"
  std::string scratch;  ///< "scratch database schemagen_verify_..."
  std::string migrations_dir;
  std::vector<MigrationResult> migrations;
  SchemaCheck schema;
  IsolationCheck isolation;
  double seconds = 0;
  int signal = 0;  ///< the signal that interrupted the run, 0 if none

  /// Every migration held, the schema matched, and no tenant table failed.
  bool ok() const;
};

/// Runs verify. nullopt with errors when it could not start (no migrations, no server, no
/// scratch: E08xx). Errors may also come with a report (a scratch that could not be removed).
/// Nothing outside the scratch is ever changed, also on an error or a signal.
[[nodiscard]] std::optional<Report> Run(const Options& options, Diagnostics& diagnostics);

/// One line per migration with its times, its problems below it, the schema and isolation
/// results, and a summary line.
std::string RenderText(const Report& report);
/// The report (null when verify could not start) and the errors as one JSON document.
std::string RenderJson(const Report* report, const Diagnostics& diagnostics);

}  // namespace schemagen::verify
