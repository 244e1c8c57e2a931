#include "gen/markdown.hpp"

#include "schemagen/text.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cstdint>

#include <algorithm>

namespace schemagen::markdown {
namespace {

std::size_t LongestBacktickRun(std::string_view text) {
  std::size_t longest = 0;
  std::size_t run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

}  // namespace

std::string Text(std::string_view raw) {
  // A bare CR is a line end to Markdown: each terminator becomes '\n' first, so a line that
  // starts after one gets the same escapes as any other line.
  const std::string normalized = text::NormalizeLineBreaks(raw);
  const std::string_view text = normalized;
  auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::size_t begin = 0;
  while (begin <= text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(begin, end - begin);
    while (!line.empty() && blank(line.front())) line.remove_prefix(1);
    while (!line.empty() && blank(line.back())) line.remove_suffix(1);
    if (begin != 0) out += '\n';
    // Block markers at a line's start: a heading, a quote, a list item, a setext underline.
    std::size_t digits = 0;
    while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits])) != 0)
      ++digits;
    const bool ordered =
        digits > 0 && digits < line.size() && (line[digits] == '.' || line[digits] == ')');
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      const char prev = i > 0 ? line[i - 1] : ' ';
      const char next = i + 1 < line.size() ? line[i + 1] : ' ';
      bool escape = false;
      switch (c) {
        case '\\':
        case '`':
        case '*':
        case '[':  // a link, an image, a reference definition or a footnote; ']' alone is none
        case '<':
        case '~':
        case '$':
          escape = true;
          break;
        case '_':  // intraword underscores (snake_case) never emphasize
          escape = !(alnum(prev) && alnum(next));
          break;
        case '&':  // an entity or a numeric reference
          escape = alnum(next) || next == '#';
          break;
        case '#':
        case '>':
        case '-':
        case '+':
        case '=':
          escape = i == 0;
          break;
        case '.':
        case ')':
          escape = ordered && i == digits;
          break;
        default:
          break;
      }
      if (escape) out += '\\';
      out += c;
    }
    begin = end + 1;
  }
  return out;
}

std::string Code(std::string_view raw) {
  const std::string normalized = text::NormalizeLineBreaks(raw);
  const std::string_view text = normalized;
  const std::string ticks(LongestBacktickRun(text) + 1, '`');
  const bool pad = !text.empty() && (text.front() == '`' || text.back() == '`' ||
                                     (text.front() == ' ' && text.back() == ' '));
  std::string inner;
  inner.reserve(text.size());
  for (char c : text) inner += c == '\n' ? ' ' : c;
  return ticks + (pad ? " " : "") + inner + (pad ? " " : "") + ticks;
}

std::string InCell(std::string_view markdown) {
  std::string out;
  out.reserve(markdown.size() + 8);
  for (char c : text::NormalizeLineBreaks(markdown)) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += "<br>";
    else
      out += c;
  }
  return out;
}

std::string CodeBlock(std::string_view language, std::string_view text) {
  const std::string fence(std::max<std::size_t>(3, LongestBacktickRun(text) + 1), '`');
  return fence + std::string(language) + "\n" + std::string(text) + fence;
}

std::string MermaidId(std::string_view name) {
  auto plain = [](unsigned char c) { return std::isalnum(c) != 0 || c == '_'; };
  const bool ok = !name.empty() && std::isdigit(static_cast<unsigned char>(name[0])) == 0 &&
                  std::all_of(name.begin(), name.end(), [&](char c) {
                    return c >= 0 && plain(static_cast<unsigned char>(c));
                  });
  if (ok) return std::string(name);
  std::string out = "_";
  std::uint32_t hash = 2166136261u;  // FNV-1a
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    out += byte < 0x80 && plain(byte) ? c : '_';
    hash = (hash ^ byte) * 16777619u;
  }
  return out + fmt::format("_{:04x}", hash & 0xffffu);
}

std::string MermaidLabel(std::string_view text) {
  std::string out = "\"";
  for (char c : text::NormalizeLineBreaks(text)) {
    if (c == '"')
      out += '\'';
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out + "\"";
}

std::string InHtmlComment(std::string_view text) {
  std::string out = text::EscapeControls(text);
  // "--" may not appear inside an HTML comment; "-->" or "--!>" would end it.
  for (std::size_t at = out.find("--"); at != std::string::npos; at = out.find("--", at + 1)) {
    out.insert(at + 1, " ");
  }
  return out;
}

std::string FirstLine(std::string_view text) { return std::string(text::Lines(text).front()); }

}  // namespace schemagen::markdown
