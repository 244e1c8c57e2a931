// Escaping for the Markdown documents: every user string (doc comments, defaults, raw SQL)
// goes through one of these before it reaches a table cell, a code span or a diagram.
#pragma once

#include <string>
#include <string_view>

namespace schemagen::markdown {

/// Plain text (a doc comment, a reason, a name) as inline Markdown that renders as exactly
/// these characters: whatever CommonMark, GFM or GitHub would read as markup (backslashes,
/// backticks, emphasis, links, HTML and entities, `$` math, strikethrough, and block
/// markers such as `#`, `>`, `-` or `1.` at a line's start) is backslash-escaped. Lines stay
/// lines (soft breaks in a paragraph; InCell turns them into <br>); the blanks around each
/// line, which Markdown drops anyway, are dropped, so no line becomes code or a hard break.
std::string Text(std::string_view text);
/// An inline code span of `text`, verbatim: fenced by more backticks than `text` holds,
/// padded when it starts or ends with a backtick or a blank; newlines become spaces.
std::string Code(std::string_view text);
/// Inline Markdown (Text, Code, or a sentence of them) made a GFM table cell: each '|' as
/// "\|" (GFM splits cells before it reads code spans, so also inside them), newlines as <br>.
std::string InCell(std::string_view markdown);
/// A fenced code block of `text` (which ends in a newline) in `language`, with a fence that no
/// line of `text` can close early.
std::string CodeBlock(std::string_view language, std::string_view text);
/// A quoted Mermaid label: Mermaid has no escape for '"', so it becomes '\''; newlines become
/// spaces.
std::string MermaidLabel(std::string_view text);
/// A name as a Mermaid erDiagram identifier (entity or attribute): itself when it is letters,
/// digits and '_' starting with a letter or '_', else those characters kept, the others as
/// '_', and a short hash of the whole name so two names stay two identifiers.
std::string MermaidId(std::string_view name);
/// The first line (sentence of a doc comment) for summaries.
std::string FirstLine(std::string_view text);
/// `text` inside an HTML comment (`<!-- ... -->`): control characters escaped, every "--"
/// broken, so it can't end the comment.
std::string InHtmlComment(std::string_view text);

}  // namespace schemagen::markdown
