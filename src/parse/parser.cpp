#include "schemagen/parser.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <map>
#include <string>

#include <tao/pegtl.hpp>

#include "parse/actions.hpp"
#include "parse/actions_header.hpp"
#include "parse/actions_members.hpp"
#include "parse/doc_comments.hpp"
#include "schemagen_grammar.hpp"

namespace schemagen {
namespace parsing {

std::string Unescape(std::string_view quoted) {
  std::string out;
  for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
    char c = quoted[i];
    if (c == '\\' && i + 2 < quoted.size()) {
      c = quoted[++i];
      if (c == 'n')
        c = '\n';
      else if (c == 't')
        c = '\t';
      else if (c == 'r')
        c = '\r';
    }
    out += c;
  }
  return out;
}

}  // namespace parsing

namespace {

namespace g = grammar;
namespace pegtl = tao::pegtl;
using parsing::action;
using parsing::State;

// The span of the token at a syntax error: an identifier or number as a whole, else one
// character (a whole UTF-8 sequence), or an empty span at the end of the input.
Span TokenAt(const std::string& text, std::uint32_t file, std::uint32_t offset) {
  auto is_word = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
  };
  std::uint32_t end = offset;
  if (end < text.size() && is_word(text[end])) {
    while (end < text.size() && is_word(text[end])) ++end;
  } else if (end < text.size() && text[end] != '\n' && text[end] != '\r') {
    ++end;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  }
  return Span{file, offset, end};
}

// Whether the text at `offset` (after blanks) could be the type or relation of a field: an
// arrow, a capitalised name (an enum or entity), or a common built-in type. Only then is a
// stray word likely to be the name of a second field on the line.
bool LooksLikeFieldBody(const std::string& text, std::uint32_t offset) {
  static const std::vector<std::string> kTypes = {
      "string",   "varchar", "text", "integer", "int",        "bigint", "smallint",
      "decimal",  "numeric", "real", "double",  "boolean",    "bool",   "date",
      "datetime", "uuid",    "json", "jsonb",   "timestamptz"};
  std::size_t at = text.find_first_not_of(" \t", offset);
  if (at == std::string::npos || at == offset) return false;
  if (text.compare(at, 2, "->") == 0 || text.compare(at, 2, "<-") == 0) return true;
  std::size_t end = at;
  while (end < text.size() &&
         (std::isalnum(static_cast<unsigned char>(text[end])) != 0 || text[end] == '_')) {
    ++end;
  }
  const std::string next = text.substr(at, end - at);
  return !next.empty() && (std::isupper(static_cast<unsigned char>(next[0])) != 0 ||
                           std::find(kTypes.begin(), kTypes.end(), next) != kTypes.end());
}

// After a field, a word that is not an option is either a misspelt option or the start of
// another field on the same line.
void AddMemberEndNote(const std::string& text, Span token, Diagnostic& d) {
  static const std::vector<std::string> kOptions = {"unique", "index", "check", "column",
                                                    "on",     "was",   "using", "backfill"};
  const std::string word = text.substr(token.begin, token.end - token.begin);
  if (auto match = ClosestMatch(word, kOptions); match && word.size() > 2) {
    d.notes.push_back({"did you mean '" + *match + "'?", std::nullopt});
  } else if (std::isalpha(static_cast<unsigned char>(word[0])) != 0 &&
             LooksLikeFieldBody(text, token.end)) {
    d.notes.push_back({"fields on the same line are separated by ';'", std::nullopt});
  }
}

void ReportSyntaxError(const pegtl::parse_error& error, const SourceFile& source,
                       std::uint32_t file, Diagnostics& diagnostics) {
  const std::string_view raw = error.message();
  const std::size_t bar = raw.find('|');
  const std::string code(bar == std::string_view::npos ? "E0100" : raw.substr(0, bar));
  const std::string message(bar == std::string_view::npos ? raw : raw.substr(bar + 1));
  const auto offset = static_cast<std::uint32_t>(error.positions().front().byte);
  const Span token = TokenAt(source.text(), file, offset);
  Diagnostic& d = diagnostics.Error(code, token, message);
  if (offset >= source.text().size()) d.message += " (reached the end of the file)";
  if (code == "E0115" && token.end > token.begin) AddMemberEndNote(source.text(), token, d);
  const std::string& text = source.text();
  if (offset < text.size() && static_cast<unsigned char>(text[offset]) >= 0x80 && offset > 0 &&
      (std::isalnum(static_cast<unsigned char>(text[offset - 1])) != 0 ||
       text[offset - 1] == '_')) {
    d.notes.push_back(
        {fmt::format(
             "names are ASCII letters, digits and '_', so '{}' can't be part of one; a "
             "table or column can still have any name, with table \"...\" or column \"...\"",
             text.substr(token.begin, token.end - token.begin)),
         std::nullopt});
  }
}

// A schema file is UTF-8 text of a size whose offsets fit a Span. NUL and other control bytes
// (but tab, LF, CR) and invalid UTF-8 would otherwise pass through strings and doc comments into
// the SQL, TypeScript, Markdown and the terminal, so they are rejected here, at the first bad
// byte, before the grammar sees the text.
constexpr std::size_t kMaxSourceBytes = std::size_t{512} * 1024 * 1024;

bool CheckEncoding(const SourceFile& source, std::uint32_t file, Diagnostics& diagnostics) {
  const std::string& text = source.text();
  if (text.size() > kMaxSourceBytes) {
    diagnostics.Error("E0148", std::nullopt,
                      fmt::format("'{}' is {} bytes long; schema files are limited to {} MiB",
                                  source.name(), text.size(), kMaxSourceBytes / (1024 * 1024)));
    return false;
  }
  for (std::size_t i = 0; i < text.size();) {
    const auto at = static_cast<std::uint32_t>(i);
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0) {
      diagnostics
          .Error("E0146", Span{file, at, at + 1},
                 "NUL byte in the file: a schema file is text, and no string may contain NUL")
          .notes.push_back({"PostgreSQL can't store NUL in text or names either", std::nullopt});
      return false;
    }
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      diagnostics
          .Error("E0146", Span{file, at, at + 1},
                 fmt::format("control character U+{:04X} in the file", static_cast<unsigned>(c)))
          .notes.push_back({"only tabs and line breaks may appear as they are; in a string, write "
                            "\\t, \\n or \\r",
                            std::nullopt});
      return false;
    }
    const std::size_t length = Utf8SequenceLength(text, i);
    if (length == 0) {
      diagnostics
          .Error("E0147", Span{file, at, at + 1},
                 fmt::format("invalid UTF-8: byte 0x{:02X} does not start a valid UTF-8 sequence",
                             static_cast<unsigned char>(text[i])))
          .notes.push_back(
              {"save the file as UTF-8 (a Latin-1 'é' is the single byte 0xE9)", std::nullopt});
      return false;
    }
    i += length;
  }
  return true;
}

}  // namespace

std::optional<ast::File> Parse(const SourceManager& sources, std::uint32_t file_index,
                               Diagnostics& diagnostics) {
  const SourceFile& source = sources.file(file_index);
  if (!CheckEncoding(source, file_index, diagnostics)) return std::nullopt;
  State st;
  st.base = source.text().data();
  st.file = file_index;
  st.out.file_index = file_index;
  pegtl::memory_input<> in(source.text().data(), source.text().size(), source.name());
  try {
    pegtl::parse<g::file, action, g::control>(in, st);
  } catch (const pegtl::parse_error& error) {
    ReportSyntaxError(error, source, file_index, diagnostics);
    return std::nullopt;
  }
  AttachDocComments(source, st.comments, st.out);
  for (const auto& [offset, text] : st.comments) {
    st.out.comments.push_back(ast::Comment{
        text, Span{file_index, offset, offset + static_cast<std::uint32_t>(text.size())}});
  }
  return std::move(st.out);
}

}  // namespace schemagen