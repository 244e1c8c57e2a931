// `schemagen fmt`: the canonical text of a schema file. The formatter prints the AST (plus the
// comments, verbatim) in one fixed layout, so two files that mean the same thing and carry the
// same comments format to the same text. The layout is described at the top of
// src/format/format.cpp and in docs/dsl.md ("Formatting").
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "schemagen/ast.hpp"
#include "schemagen/diagnostics.hpp"
#include "schemagen/source.hpp"

namespace schemagen {

/// Returns the canonical text of a parsed file: `file` must be the result of parsing `source`
/// (its spans and comments point into `source`'s text). Idempotent: formatting the result again
/// gives the same text, and the result parses to the same schema (same SQL, same docs).
[[nodiscard]] std::string Format(const ast::File& file, const SourceFile& source);

/// Parses file `file_index` of `sources` and formats it. On a syntax error, reports it and
/// returns nullopt. Only the syntax is checked: a file with semantic errors still formats.
[[nodiscard]] std::optional<std::string> FormatFile(const SourceManager& sources,
                                                    std::uint32_t file_index,
                                                    Diagnostics& diagnostics);

}  // namespace schemagen
