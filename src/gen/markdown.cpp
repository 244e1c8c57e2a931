#include "gen/markdown.hpp"

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

std::string Cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '|':
        out += "\\|";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\n':
        out += "<br>";
        break;
      case '\r':
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Code(std::string_view text) {
  const std::string ticks(LongestBacktickRun(text) + 1, '`');
  const bool pad = !text.empty() && (text.front() == '`' || text.back() == '`');
  std::string inner;
  for (char c : text) {
    if (c == '|')
      inner += "\\|";  // GFM splits table cells before it reads code spans
    else if (c == '\n')
      inner += ' ';
    else
      inner += c;
  }
  return ticks + (pad ? " " : "") + inner + (pad ? " " : "") + ticks;
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
  for (char c : text) {
    if (c == '"')
      out += '\'';
    else if (c == '\n' || c == '\r')
      out += ' ';
    else
      out += c;
  }
  return out + "\"";
}

std::string FirstLine(std::string_view text) {
  return std::string(text.substr(0, text.find('\n')));
}

}  // namespace schemagen::markdown
