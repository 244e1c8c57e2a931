// Doc comments (`///`) are layout, not grammar: the parser records every line comment by offset
// and this pass attaches each block of `///` lines to the declaration that follows it (or a
// trailing `///` to the member on the same line).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "schemagen/ast.hpp"
#include "schemagen/source.hpp"

namespace schemagen {

/// True for a `///` doc comment (not `////`).
bool IsDocComment(std::string_view comment);
/// The documentation a `///` comment gives: the text after `///` and one space, right-trimmed.
std::string DocText(std::string_view comment);

/// Fills the `doc` of every schema, enum, enum value, entity and field in `file`.
void AttachDocComments(const SourceFile& source,
                       const std::map<std::uint32_t, std::string>& comments, ast::File& file);

}  // namespace schemagen
