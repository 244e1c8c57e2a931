// The migration directory verify reads: `<name>.up.sql` files, each with its `<name>.down.sql`,
// applied in byte order of their names (their timestamps).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "schemagen/diagnostics.hpp"

namespace schemagen::verify {

/// One migration: its name and the text of both files.
struct MigrationFiles {
  std::string name;  ///< "20260115090000-create-atendimento"
  std::string up;    ///< the SQL of <name>.up.sql
  std::string down;  ///< the SQL of <name>.down.sql
};

/// Every migration in `dir`, in name order. nullopt with an error when the directory can't be
/// read (E0801), holds no *.up.sql (E0801, with `hint` appended), or a file lacks its pair
/// (E0802, naming every unpaired file).
[[nodiscard]] std::optional<std::vector<MigrationFiles>> ReadMigrations(const std::string& dir,
                                                                        const std::string& hint,
                                                                        Diagnostics& diagnostics);

}  // namespace schemagen::verify
