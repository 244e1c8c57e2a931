#include "schemagen/text.hpp"

#include <fmt/format.h>

namespace schemagen::text {
namespace {

// The length of the control character (or U+2028/U+2029) at `at` that EscapeControls writes
// as an escape, 0 when there is none there.
std::size_t ControlAt(std::string_view text, std::size_t at) {
  const auto c = static_cast<unsigned char>(text[at]);
  if (c < 0x20 || c == 0x7f) return 1;
  if (c == 0xc2 && at + 1 < text.size()) {
    const auto next = static_cast<unsigned char>(text[at + 1]);
    if (next >= 0x80 && next <= 0x9f) return 2;  // C1, U+0085 among them
  }
  if (c == 0xe2 && at + 2 < text.size() && text[at + 1] == '\x80' &&
      (text[at + 2] == '\xa8' || text[at + 2] == '\xa9'))
    return 3;
  return 0;
}

}  // namespace

std::size_t LineBreakAt(std::string_view text, std::size_t at) {
  if (at >= text.size()) return 0;
  switch (text[at]) {
    case '\n':
      return 1;
    case '\r':
      return at + 1 < text.size() && text[at + 1] == '\n' ? 2 : 1;
    case '\xc2':
      return at + 1 < text.size() && text[at + 1] == '\x85' ? 2 : 0;
    case '\xe2':
      return at + 2 < text.size() && text[at + 1] == '\x80' &&
                     (text[at + 2] == '\xa8' || text[at + 2] == '\xa9')
                 ? 3
                 : 0;
    default:
      return 0;
  }
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = LineBreakAt(text, at);
    if (length == 0) {
      ++at;
      continue;
    }
    lines.push_back(text.substr(start, at - start));
    at += length;
    start = at;
  }
  lines.push_back(text.substr(start));
  return lines;
}

std::string NormalizeLineBreaks(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    if (const std::size_t length = LineBreakAt(text, at); length != 0) {
      out += '\n';
      at += length;
    } else {
      out += text[at++];
    }
  }
  return out;
}

bool HasControls(std::string_view text) {
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (ControlAt(text, at) != 0) return true;
  }
  return false;
}

std::string EscapeControls(std::string_view text) {
  if (!HasControls(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = ControlAt(text, at);
    if (length == 0) {
      if (text[at] == '\\') out += '\\';
      out += text[at++];
      continue;
    }
    const auto c = static_cast<unsigned char>(text[at]);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (length == 1) {
      out += fmt::format("\\x{:02x}", c);
    } else if (length == 2) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(text[at + 1]));
    } else {
      out += text[at + 2] == '\xa8' ? "\\u2028" : "\\u2029";
    }
    at += length;
  }
  return out;
}

}  // namespace schemagen::text
