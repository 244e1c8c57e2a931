#include "schemagen/source.hpp"

#include <algorithm>

namespace schemagen {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Where line 1's text starts: after a byte order mark, if the file has one.
std::uint32_t FirstLineStart(const std::string& text) {
  return std::string_view(text).starts_with(kByteOrderMark)
             ? static_cast<std::uint32_t>(kByteOrderMark.size())
             : 0;
}

}  // namespace

SourceFile::SourceFile(std::string name, std::string text)
    : name_(std::move(name)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::uint32_t i = 0; i < text_.size(); ++i) {
    // CR, CRLF and LF all end a line. A CR alone (a file saved with classic Mac line ends)
    // becomes LF, so the lexer's `//` comment ends there too; the length stays, and with it
    // every offset.
    if (text_[i] == '\r' && (i + 1 == text_.size() || text_[i + 1] != '\n')) text_[i] = '\n';
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

Location SourceFile::LocationOf(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
  const std::uint32_t start =
      line == 1 ? std::min(offset, FirstLineStart(text_)) : line_starts_[line - 1];
  const auto prefix = std::string_view(text_).substr(start, offset - start);
  return {line, DisplayWidth(prefix) + 1};
}

std::string_view SourceFile::Line(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  const std::uint32_t start = line == 1 ? FirstLineStart(text_) : line_starts_[line - 1];
  std::uint32_t end = line < line_starts_.size() ? line_starts_[line] - 1
                                                 : static_cast<std::uint32_t>(text_.size());
  if (end > start && text_[end - 1] == '\r') --end;
  end = std::max(start, end);
  return std::string_view(text_).substr(start, end - start);
}

std::uint32_t SourceManager::Add(std::string name, std::string text) {
  files_.emplace_back(std::move(name), std::move(text));
  return static_cast<std::uint32_t>(files_.size() - 1);
}

std::uint32_t DisplayWidth(std::string_view utf8) {
  std::uint32_t width = 0;
  for (unsigned char c : utf8) {
    if ((c & 0xC0) != 0x80) ++width;  // count lead bytes and ASCII, skip continuations
  }
  return width;
}

std::size_t Utf8SequenceLength(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // UTF-16 surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (at + length > text.size() || byte(at + 1) < low || byte(at + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if ((byte(at + k) & 0xC0) != 0x80) return 0;
  }
  return length;
}

}  // namespace schemagen
