// The recorded history of a schema (issue 6). Every generation run that writes migrations also
// writes a snapshot of the schema it generated them for, next to the migrations, and an
// integrity file with a SHA-256 per migration file:
//
//   <migrations>/20260115090000-create-atendimento.{ts,up.sql,down.sql}
//   <migrations>/20260301120000-add-ticket-priority.{ts,up.sql,down.sql}
//   <migrations>/schemagen-state/20260115090000-create-atendimento.json   snapshot after it
//   <migrations>/schemagen-state/20260301120000-add-ticket-priority.json  parent: the one above
//   <migrations>/schemagen.sum                                            SHA-256 per file
//
// Snapshots are never rewritten: each names its parent (the hash of the snapshot before it),
// so two branches that each generated a migration from the same state leave two snapshots
// with the same parent, which the next run detects whatever git did with the files.
// The JSON is deterministic (keys sorted, two-space indent) and meant to be read in reviews.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "schemagen/diagnostics.hpp"
#include "schemagen/evolve.hpp"
#include "schemagen/ir.hpp"

namespace schemagen::state {

/// The snapshot format this build writes and reads.
inline constexpr int kFormat = 1;
/// Directory of the snapshots, inside the migrations directory.
inline constexpr const char* kStateDir = "schemagen-state";
/// The integrity file, inside the migrations directory.
inline constexpr const char* kSumFile = "schemagen.sum";

/// The state after one generation run.
struct Snapshot {
  /// The migrations that run wrote, in order (one, or two when some statements must run
  /// outside a transaction): "20260301120000-add-ticket-priority". The snapshot file is named
  /// after the first.
  std::vector<std::string> migrations;
  /// SchemaHash of the previous snapshot's schema; empty for the first.
  std::string parent;
  /// What the run planned: one step per change, as the schema-change document shows it.
  std::vector<evolve::Step> steps;
  /// The schema after the migrations. Evolution hints (`was`, `using`, `backfill`) and spans
  /// are not recorded.
  ir::Schema schema;
  /// SchemaHash(schema), as FromJson read and checked it; empty in a snapshot not yet written
  /// (HashOf computes it then).
  std::string schema_hash;
};

/// "sha256:" + 64 lowercase hex digits of `content`.
std::string Sha256(std::string_view content);
/// The hash that identifies a schema state: Sha256 of its canonical JSON (SchemaJson).
std::string SchemaHash(const ir::Schema& schema);
/// The canonical JSON text of a schema alone (what SchemaHash hashes).
std::string SchemaJson(const ir::Schema& schema);

/// The snapshot's SchemaHash, without recomputing it when FromJson already checked it.
inline std::string HashOf(const Snapshot& snapshot) {
  return snapshot.schema_hash.empty() ? SchemaHash(snapshot.schema) : snapshot.schema_hash;
}

/// The snapshot as written to disk: deterministic JSON ending in a newline. It also records
/// the schema's hash, so a snapshot changed by hand or by a merge is detected when read.
std::string ToJson(const Snapshot& snapshot);
/// ToJson of the snapshot with these members, without copying `schema` into a Snapshot.
std::string ToJson(const std::vector<std::string>& migrations, const std::string& parent,
                   const std::vector<evolve::Step>& steps, const ir::Schema& schema);
/// Reads a snapshot written by ToJson. Errors (not JSON, another format, a missing or
/// ill-typed member, a hash that does not match the schema) are reported against `path`;
/// nullopt then.
/// `trusted`: the caller checked that the text is byte for byte what schemagen wrote (its
/// SHA-256 is the one schemagen.sum records), so the schema's hash and canonical form are not
/// checked again (a second and third pass over a large schema).
std::optional<Snapshot> FromJson(std::string_view text, const std::string& path,
                                 Diagnostics& diagnostics, bool trusted = false);

/// The integrity file: every migration file of the history with its Sha256, by file name.
struct Sum {
  std::vector<std::pair<std::string, std::string>> files;  ///< sorted by name
};
/// The text of schemagen.sum: a comment, a `total` line hashing every entry (so two branches
/// that each added a migration conflict in git on that line), then one `name hash` a line.
std::string RenderSum(const Sum& sum);
/// Reads schemagen.sum; a malformed line or a total that does not match is an error.
std::optional<Sum> ParseSum(std::string_view text, const std::string& path,
                            Diagnostics& diagnostics);

}  // namespace schemagen::state
