// Escaping for the Markdown documents: every user string (doc comments, defaults, raw SQL)
// goes through one of these before it reaches a table cell, a code span or a diagram.
#pragma once

#include <string>
#include <string_view>

namespace schemagen::markdown {

/// Text for a table cell: pipes escaped, '<' and '>' as entities, newlines as <br>.
std::string Cell(std::string_view text);
/// An inline code span that survives backticks in `text`, safe inside a table cell.
std::string Code(std::string_view text);
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

}  // namespace schemagen::markdown
