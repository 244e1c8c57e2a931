// Text -> AST. The parser only builds data with spans; it resolves nothing.
#pragma once

#include <optional>

#include "schemagen/ast.hpp"
#include "schemagen/diagnostics.hpp"
#include "schemagen/source.hpp"

namespace schemagen {

/// Parses file `file_index` of `sources`. On a syntax error, reports it (with a position and a
/// message in words) and returns nullopt: the grammar stops at the first syntax error.
[[nodiscard]] std::optional<ast::File> Parse(const SourceManager& sources, std::uint32_t file_index,
                                             Diagnostics& diagnostics);

}  // namespace schemagen
