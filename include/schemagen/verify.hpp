// `schemagen verify`: proves on a real PostgreSQL that every migration applies, that DOWN
// returns the schema exactly to where it was, that UP applies again, that the result is the
// schema the DSL describes, and that tenant tables keep companies apart. With the states
// schemagen records next to the migrations (issue 6) it replays the whole history: after the
// last migration of each generation run the schema must be that run's recorded state, and
// rows written before every UP must survive it unless a recorded step says it loses them.
// It works only inside a scratch database (or schema) it creates and drops; see
// docs/architecture.md.
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
  /// Seconds to wait for a connection (libpq's connect_timeout, unless the URL sets one).
  int connect_timeout = 10;
  /// Seconds one statement may run: the server's statement_timeout, and, for a server that
  /// stopped answering (stopped, or the network gone), the moment verify drops the connection
  /// (a few seconds later). 0: no limit.
  int statement_timeout = 300;
  /// The bin/ directory of the throwaway server's initdb and pg_ctl (--postgres-bin); empty:
  /// $SCHEMAGEN_PG_BINDIR, pg_config, the newest /usr/lib/postgresql/<major>/bin, the PATH.
  std::string postgres_bin;
  bool isolation = true;  ///< run the tenant isolation check
  bool rows = true;       ///< write rows before each UP and check that they survive
  bool progress = false;  ///< show progress on stderr (a terminal)
};

/// One difference or failure, naming the file it concerns.
struct Problem {
  std::string file;  ///< "20260115090000-create-atendimento.down.sql", or the DSL file
  /// "up", "down", "up again", "schema", "generator", "state" (the recorded state of the
  /// history) or "rows" (rows written before the UP)
  std::string step;
  std::string message;  ///< "table tickets: missing index tickets_status_idx btree (status)"
};

enum class Status { kOk, kFailed, kSkipped };

/// A table a check left out, and why.
struct TableNote {
  std::string table;
  std::string reason;
};

/// Rows written into every table before a migration's UP, and what became of them: after the
/// UP every table still there holds the rows it had, with the same values in the columns it
/// kept (renames in the UP followed); after the DOWN and the UP again, as many rows.
/// Failures are problems with step "rows".
struct RowsCheck {
  bool checked = false;     ///< the schema had tables before the UP: rows were written
  std::size_t written = 0;  ///< rows written before this UP
  std::size_t tables = 0;   ///< tables whose rows were compared after the UP
  std::size_t kept = 0;     ///< rows of those tables (all written so far) found unchanged
  std::vector<TableNote> not_written;   ///< no row could be made (not a failure)
  std::vector<TableNote> not_compared;  ///< a recorded data-loss or irreversible step, or gone
  /// Emptied so that a risky step's UP or DOWN could run again: it failed on the rows (a
  /// USING conversion of made-up values, a validation, a NOT NULL the DOWN brings back).
  std::vector<TableNote> emptied;
};

struct MigrationResult {
  std::string name;
  Status status = Status::kSkipped;  ///< kSkipped: not run, an earlier migration failed
  double up_ms = -1;                 ///< each step's time; -1 when the step did not run
  double down_ms = -1;
  double up_again_ms = -1;
  double total_ms = 0;  ///< with the inspections between the steps
  RowsCheck rows;
  /// The recorded state compared after this UP ("schemagen-state/x.json"): this migration is
  /// the last of a generation run. Empty when there is none, or the UP failed.
  std::string state;
  std::vector<Problem> problems;
};

/// The recorded history (schemagen-state/*.json) as a whole.
struct HistoryCheck {
  std::size_t states = 0;         ///< snapshots read
  std::size_t compared = 0;       ///< ...compared with the database after their last migration
  std::vector<Problem> problems;  ///< step "state": a snapshot that names a missing migration
};

/// The DSL's schema, applied to a shadow schema and read back, against the IR it came from.
struct SchemaCheck {
  bool checked = false;   ///< the DSL's schema was applied to a shadow schema and read back
  bool compared = false;  ///< ...and compared with the schema after the last migration
  std::size_t tables = 0;
  std::vector<Problem> problems;  ///< step "generator": schemagen's own SQL is wrong
};

/// What the data checks of one tenant table counted, acting as company 2 against the rows of
/// company 1. -1: not measured (row-level security is off, or the check did not get there).
struct CrossTenantCounts {
  long rows = -1;     ///< rows of company 1, as company 1 sees them
  long visible = -1;  ///< of those, how many company 2 sees
  long updated = -1;  ///< how many company 2's UPDATE ... WHERE company_id = <1> changed
  long deleted = -1;  ///< how many company 2's DELETE ... WHERE company_id = <1> removed
  long unset = -1;    ///< rows visible to a transaction that set no company
  int writes = 0;     ///< rows written for company 1 while acting as company 2 (insert, move)
  int writes_rejected = 0;
  int references = 0;  ///< rows of company 2 pointing at company 1's rows, one per reference
  int references_rejected = 0;
  int without_tenant = 0;  ///< rows without a company
  int without_tenant_rejected = 0;
};

struct TableIsolation {
  std::string table;
  Status status = Status::kOk;
  CrossTenantCounts counts;
  std::vector<std::string> passed;    ///< the checks that held
  std::vector<std::string> problems;  ///< what failed
  /// What the schema deliberately leaves to the application (same_tenant_references false):
  /// reported, not failed.
  std::vector<std::string> notes;
  std::string skipped;  ///< why the rows were not written (the catalog was checked)
};

struct IsolationCheck {
  bool checked = false;
  std::string setting;  ///< row-level security's tenant setting; empty when it is off
  std::string skipped;  ///< why it did not run, when it did not
  std::string role;     ///< the role the rows were written as
  std::string tenant_table;
  std::vector<TableIsolation> tables;
};

struct Report {
  std::string server;   ///< "postgres@/tmp/schemagen-verify-x:5432/postgres (throwaway server)"
  std::string scratch;  ///< "scratch database schemagen_verify_..."
  std::string server_version;  ///< "PostgreSQL 12.22": what the server says it is
  int target = 0;  ///< the PostgreSQL major the migrations are written for (their target)
  std::string migrations_dir;
  std::vector<MigrationResult> migrations;
  HistoryCheck history;
  SchemaCheck schema;
  IsolationCheck isolation;
  double seconds = 0;
  int signal = 0;  ///< the signal that interrupted the run, 0 if none

  /// Every migration held (rows and recorded states included), the history is whole, the
  /// schema matched, and no tenant table failed.
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
