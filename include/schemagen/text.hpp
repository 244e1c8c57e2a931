// Text that goes into a comment of generated code (SQL `--`, TypeScript `//` and `/** */`,
// Markdown, Mermaid, Python `#`) must stay inside it: every line terminator any consumer of
// that code honours ends a comment line, so user text (doc comments, file names, values) is
// split at all of them here, in one place, and never at '\n' alone.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace schemagen::text {

/// The length in bytes of the line terminator that starts at `text[at]`, 0 when none: LF, CR,
/// CRLF (PostgreSQL's and psql's lexers, Markdown, Python), U+2028 LINE SEPARATOR and U+2029
/// PARAGRAPH SEPARATOR (JavaScript and TypeScript), U+0085 NEXT LINE (Unicode's and some
/// editors' line end), each as UTF-8.
std::size_t LineBreakAt(std::string_view text, std::size_t at);

/// The lines of `text`, split at every terminator LineBreakAt knows ("a\rb" -> {a, b};
/// "" -> {""}; a terminator at the end gives a last, empty line).
std::vector<std::string_view> Lines(std::string_view text);

/// `text` with every terminator LineBreakAt knows written as one '\n'.
std::string NormalizeLineBreaks(std::string_view text);

/// `text` for quoting on one line of a message, a comment or a terminal: control characters
/// (C0, DEL, C1) and U+2028/U+2029 written as escapes (\n, \r, \t, \x1b, \u0085, \u2028).
/// Text with none comes back unchanged; in text with any, a backslash is doubled too, so the
/// escapes can't be confused with what was written.
std::string EscapeControls(std::string_view text);

/// Whether EscapeControls would change `text`.
bool HasControls(std::string_view text);

}  // namespace schemagen::text
