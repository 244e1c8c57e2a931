// Source files and spans. Every AST and IR node keeps a Span, so any later step can point a
// diagnostic at the exact text that caused it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace schemagen {

/// A byte range [begin, end) in one source file of a SourceManager.
struct Span {
  std::uint32_t file = 0;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  bool operator==(const Span&) const = default;
};

/// A 1-based line and display column (columns count UTF-8 code points, not bytes).
struct Location {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
};

/// One loaded source: its display name (as given on the command line, or "<stdin>") and text,
/// with every CR that is not part of a CRLF made a LF (same length, so offsets hold): CR, CRLF
/// and LF all end a line.
class SourceFile {
 public:
  SourceFile(std::string name, std::string text);

  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }
  /// Line and display column of a byte offset (clamped to the end of the text).
  Location LocationOf(std::uint32_t offset) const;
  /// The text of a 1-based line, without its line terminator (nor a UTF-8 byte order mark at the
  /// start of the file, which counts no column either).
  std::string_view Line(std::uint32_t line) const;
  std::uint32_t LineCount() const { return static_cast<std::uint32_t>(line_starts_.size()); }

 private:
  std::string name_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

/// Owns every source file of one run; spans refer to files by index.
class SourceManager {
 public:
  /// Adds a file and returns its index for Span::file.
  std::uint32_t Add(std::string name, std::string text);
  const SourceFile& file(std::uint32_t index) const { return files_.at(index); }
  std::size_t size() const { return files_.size(); }

 private:
  std::vector<SourceFile> files_;
};

/// Number of display columns of UTF-8 text (code points; invalid bytes count one each).
std::uint32_t DisplayWidth(std::string_view utf8);
/// Length in bytes of the well-formed UTF-8 sequence that starts at `at` (1 for ASCII, NUL
/// included), or 0 when the bytes there are not valid UTF-8 (overlong forms, surrogates, code
/// points above U+10FFFF, stray or missing continuation bytes).
std::size_t Utf8SequenceLength(std::string_view text, std::size_t at);

}  // namespace schemagen
