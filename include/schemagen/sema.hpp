// AST -> IR: resolves every name, injects the team's standard columns, indexes and constraints,
// and rejects what would break tenant isolation. All errors are collected, not just the first.
#pragma once

#include <optional>
#include <string>

#include "schemagen/ast.hpp"
#include "schemagen/diagnostics.hpp"
#include "schemagen/ir.hpp"

namespace schemagen {

struct AnalyzeOptions {
  /// Migration timestamp from the command line (--timestamp): wins over the schema header.
  std::optional<std::string> timestamp_override;
  /// Used when neither the command line nor the schema header pins one (SOURCE_DATE_EPOCH).
  std::optional<std::string> timestamp_fallback;
  /// PostgreSQL target from the command line (--postgres): wins over the header's `postgres`.
  /// 0: none. Without either, the target is the history's, else ir::kOldestPostgres.
  int postgres_override = 0;
};

/// Builds the IR of `file`. Returns nullopt when any error was reported.
[[nodiscard]] std::optional<ir::Schema> Analyze(const ast::File& file,
                                                const AnalyzeOptions& options,
                                                Diagnostics& diagnostics);

}  // namespace schemagen
