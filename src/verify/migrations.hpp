// The migration directory verify reads: `<name>.up.sql` files, each with its `<name>.down.sql`,
// applied in byte order of their names (their timestamps), and the states schemagen recorded
// next to them (schemagen-state/*.json, issue 6).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "schemagen/diagnostics.hpp"
#include "schemagen/state.hpp"

namespace schemagen::verify {

/// One migration: its name and the text of both files.
struct MigrationFiles {
  std::string name;  ///< "20260115090000-create-atendimento"
  std::string up;    ///< the SQL of <name>.up.sql
  std::string down;  ///< the SQL of <name>.down.sql
  /// False for a file with the line `-- schemagen:no-transaction`: its statements run one by
  /// one in autocommit mode.
  bool up_transactional = true;
  bool down_transactional = true;
};

/// A state schemagen recorded: the schema after the migrations of one generation run.
struct RecordedState {
  std::string file;  ///< "schemagen-state/20260301120000-add-ticket-sla.json"
  state::Snapshot snapshot;
};

/// Every migration in `dir`, in name order. nullopt with an error when the directory can't be
/// read (E0801), holds no *.up.sql (E0801, with `hint` appended), or a file lacks its pair
/// (E0802, naming every unpaired file).
[[nodiscard]] std::optional<std::vector<MigrationFiles>> ReadMigrations(const std::string& dir,
                                                                        const std::string& hint,
                                                                        Diagnostics& diagnostics);

/// The snapshots in `dir`/schemagen-state, in name order; none when there is no such
/// directory (outputs of schemagen before issue 6). A snapshot that can't be read is reported
/// (state::FromJson's errors, E0950-E0953) and left out.
std::vector<RecordedState> ReadStates(const std::string& dir, Diagnostics& diagnostics);

}  // namespace schemagen::verify
