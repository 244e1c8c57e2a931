// The migration history on disk (issue 6): the snapshots in <migrations>/schemagen-state/, the
// migration files they record, and schemagen.sum. Loading checks that the history is one
// chain (a branch conflict otherwise), that every recorded file is there, and that none was
// edited since it was generated. Then the next run is planned on top of the last snapshot.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "schemagen/diagnostics.hpp"
#include "schemagen/evolve.hpp"
#include "schemagen/file_system.hpp"
#include "schemagen/ir.hpp"
#include "schemagen/output.hpp"
#include "schemagen/sql.hpp"
#include "schemagen/state.hpp"

namespace schemagen::history {

struct History {
  /// The snapshots in order: each one's parent is the previous one's SchemaHash.
  std::vector<state::Snapshot> snapshots;
  /// The files of the history as found on disk, by path relative to the output root: every
  /// recorded migration file and every snapshot. A run writes them back unchanged.
  std::map<std::string, std::string> files;

  bool empty() const { return snapshots.empty(); }
  const state::Snapshot* head() const { return snapshots.empty() ? nullptr : &snapshots.back(); }
};

struct LoadOptions {
  /// Accept migration files whose content no longer matches schemagen.sum (after a
  /// deliberate edit): the run records their new hashes.
  bool rehash = false;
};

/// Reads the history under `root`/`migrations_dir` through `fs`. No snapshot directory is an
/// empty history (the first run). Errors: a snapshot that doesn't load, two snapshots with
/// the same parent (two branches each generated a migration from the same state), a broken
/// chain, a recorded migration file missing, a file edited since generated (unless rehash),
/// a missing or malformed schemagen.sum. nullopt on any error.
[[nodiscard]] std::optional<History> Load(const FileSystem& fs, const std::string& root,
                                          const std::string& migrations_dir,
                                          const LoadOptions& options, Diagnostics& diagnostics);

/// The migration files one migration is written as: `<name>.ts`, `.up.sql`, `.down.sql`.
std::vector<std::string> MigrationFileNames(const std::string& migration);

/// Path of the snapshot of a run whose first migration is `migration`, relative to the root.
std::string SnapshotPath(const std::string& migrations_dir, const std::string& migration);

/// The timestamp (YYYYMMDDHHMMSS) of a migration name, "" if it has none.
std::string TimestampOf(const std::string& migration);

/// What this run writes for the history. `added` are the run's new migrations (the create
/// migration on the first run, or the evolution's); `latest` are the steps of the most recent
/// change (this run's, or the last snapshot's when nothing changed) for the document.
struct Update {
  std::vector<sql::Migration> added;
  std::vector<evolve::Step> latest;
  /// The migrations of the most recent change: `added`, or, when nothing changed, the last
  /// snapshot's migrations rebuilt from its steps (the same statements as its files).
  std::vector<sql::Migration> latest_migrations;
  bool evolution = false;            ///< the latest change is an evolution, not the create
  std::optional<evolve::Plan> plan;  ///< this run's plan, when there is a history
};

struct PlanOptions {
  evolve::PlanOptions plan;
  /// Timestamp for new evolution migrations (YYYYMMDDHHMMSS); bumped past the last migration
  /// of the history when not later.
  std::string timestamp;
};

/// Plans the run: the create migration without a history, else the evolution from the last
/// snapshot to `schema` (nothing when they agree). nullopt on a planning error.
[[nodiscard]] std::optional<Update> PlanRun(const History& history, const ir::Schema& schema,
                                            const PlanOptions& options, Diagnostics& diagnostics);

/// The steps of the create migration, one per table, for the first snapshot and the document.
std::vector<evolve::Step> CreateSteps(const ir::Schema& schema);

/// Writes into `sink` (which holds the generators' output) the history's files unchanged, the
/// new snapshot (when `update` added migrations), and schemagen.sum over every migration file
/// of the history, old and new.
void Record(const History& history, const ir::Schema& schema, const Update& update,
            MemorySink& sink);

/// A file to write: path and content.
using File = std::pair<std::string, std::string>;
/// The snapshot Record writes when `update` added migrations (nullopt when it added none).
/// The costly part of Record, and independent of the generators' output, so the driver
/// computes it beside them.
std::optional<File> NewSnapshot(const History& history, const ir::Schema& schema,
                                const Update& update);
/// Record, given NewSnapshot's result.
void Record(const History& history, const ir::Schema& schema, const Update& update,
            std::optional<File> snapshot, MemorySink& sink);

}  // namespace schemagen::history
