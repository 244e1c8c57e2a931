#include "schemagen/diagnostics.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <string_view>
#include <tuple>
#include <vector>

#include "schemagen/text.hpp"

namespace schemagen {
namespace {

constexpr const char* kBold = "\x1b[1m";
constexpr const char* kRed = "\x1b[1;31m";
constexpr const char* kMagenta = "\x1b[1;35m";
constexpr const char* kCyan = "\x1b[1;36m";
constexpr const char* kGreen = "\x1b[1;32m";
constexpr const char* kReset = "\x1b[0m";

const char* SeverityWord(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "note";
  }
  return "error";
}

const char* SeverityColor(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return kRed;
    case Severity::kWarning:
      return kMagenta;
    case Severity::kNote:
      return kCyan;
  }
  return kRed;
}

// The underline under `span` on its first line: spaces (tabs kept, so it lines up), '^' at the
// start, '~' over the rest of the span on that line.
std::string Underline(std::string_view line, std::uint32_t begin_col, std::uint32_t width) {
  std::string out;
  std::uint32_t col = 1;
  for (std::size_t i = 0; i < line.size() && col < begin_col; ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80) continue;
    out += c == '\t' ? '\t' : ' ';
    ++col;
  }
  while (col < begin_col) {
    out += ' ';
    ++col;
  }
  out += '^';
  if (width > 1) out.append(width - 1, '~');
  return out;
}

// A source line as it may be printed: every code point is one column, as DisplayWidth counts
// it, but control characters (an ESC would drive the terminal) become their Unicode control
// pictures (NUL -> U+2400) and bytes that are not UTF-8 become U+FFFD. Tabs stay.
std::string Printable(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  for (std::size_t i = 0; i < line.size();) {
    const auto c = static_cast<unsigned char>(line[i]);
    const std::size_t length = Utf8SequenceLength(line, i);
    if (length == 0) {
      if ((c & 0xC0) != 0x80) out += "\xEF\xBF\xBD";  // a stray continuation counts no column
      ++i;
    } else if ((c < 0x20 && c != '\t') || c == 0x7F) {
      const unsigned picture = c == 0x7F ? 0x2421 : 0x2400 + c;
      out += static_cast<char>(0xE0 | (picture >> 12));
      out += static_cast<char>(0x80 | ((picture >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (picture & 0x3F));
      ++i;
    } else {
      out.append(line.substr(i, length));
      i += length;
    }
  }
  return out;
}

// Byte offset of display column `column` (1-based) in UTF-8 `text`.
std::size_t OffsetOfColumn(std::string_view text, std::uint32_t column) {
  std::uint32_t col = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (col++ == column) return i;
  }
  return text.size();
}

// Lines longer than this are shown as a window around the span, so that a megabyte on one line
// (a huge string, a minified file) prints a few hundred bytes, not the whole line.
constexpr std::uint32_t kMaxExcerptColumns = 160;
constexpr std::uint32_t kColumnsBeforeSpan = 60;

// The source line of `span` with a gutter and the underline below it.
std::string Excerpt(const SourceFile& file, const Span& span, bool color) {
  const Location begin = file.LocationOf(span.begin);
  std::string line = Printable(file.Line(begin.line));
  const std::uint32_t line_width = DisplayWidth(line);
  std::uint32_t width = 1;
  if (span.end > span.begin) {
    const Location end = file.LocationOf(span.end);
    const std::uint32_t last = end.line == begin.line ? end.column : line_width + 1;
    width = last > begin.column ? last - begin.column : 1;
  }
  std::uint32_t column = begin.column;
  if (line_width > kMaxExcerptColumns) {
    const std::uint32_t first = column > kColumnsBeforeSpan ? column - kColumnsBeforeSpan : 1;
    const std::uint32_t after = first + kMaxExcerptColumns;  // first column not shown
    const std::size_t from = OffsetOfColumn(line, first);
    std::string window = line.substr(from, OffsetOfColumn(line, after) - from);
    const std::string before = first > 1 ? "..." : "";
    column = column - first + 1 + static_cast<std::uint32_t>(before.size());
    width = std::min(width, after - begin.column);
    line = before + window + (after <= line_width ? "..." : "");
  }
  const std::string number = std::to_string(begin.line);
  const std::string pad(number.size(), ' ');
  std::string underline = Underline(line, column, width);
  if (color) underline = fmt::format("{}{}{}", kGreen, underline, kReset);
  return fmt::format(" {} | {}\n {} | {}\n", number, line, pad, underline);
}

// What a message quotes (a name from a history file, a path) may hold control characters: a
// terminal must never receive them raw (text::EscapeControls), whatever the message is about.
std::string Header(const SourceManager& sources, const std::optional<Span>& span, Severity severity,
                   const std::string& code, const std::string& raw_message, bool color) {
  const std::string message = text::EscapeControls(raw_message);
  std::string where;
  if (span && span->file < sources.size()) {
    const SourceFile& file = sources.file(span->file);
    const Location loc = file.LocationOf(span->begin);
    where = fmt::format("{}:{}:{}: ", text::EscapeControls(file.name()), loc.line, loc.column);
  }
  const std::string label =
      code.empty() ? SeverityWord(severity) : fmt::format("{}[{}]", SeverityWord(severity), code);
  if (!color) return fmt::format("{}{}: {}\n", where, label, message);
  return fmt::format("{}{}{}{}: {}{}{}{}\n", kBold, where, SeverityColor(severity), label, kReset,
                     kBold, message, kReset);
}

// `text` in lower case, into `out` (reused across candidates: no allocation per name).
void LowerInto(std::string_view text, std::string& out) {
  out.assign(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

// Case-insensitive Levenshtein distance of `a` and `b` (both lower case), or `bound` when it is
// `bound` or more: a row whose every entry has reached the bound can only grow, so the search
// stops there. Most names are far from the misspelt word and end after a row or two.
std::size_t EditDistanceBelow(std::string_view a, std::string_view b, std::size_t bound,
                              std::vector<std::size_t>& row) {
  row.resize(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    std::size_t smallest = row[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
      smallest = std::min(smallest, row[j]);
    }
    if (smallest >= bound) return bound;
  }
  return std::min(row[b.size()], bound);
}

}  // namespace

Diagnostic& Diagnostics::Add(Severity severity, std::string code, std::optional<Span> span,
                             std::string message) {
  if (severity == Severity::kError) ++error_count_;
  all_.push_back(Diagnostic{severity, std::move(code), std::move(message), span, {}});
  return all_.back();
}

Diagnostic& Diagnostics::Error(std::string code, std::optional<Span> span, std::string message) {
  return Add(Severity::kError, std::move(code), span, std::move(message));
}

Diagnostic& Diagnostics::Warning(std::string code, std::optional<Span> span, std::string message) {
  return Add(Severity::kWarning, std::move(code), span, std::move(message));
}

void Diagnostics::Append(Diagnostics&& other) {
  error_count_ += other.error_count_;
  for (Diagnostic& d : other.all_) all_.push_back(std::move(d));
  other.all_.clear();
  other.error_count_ = 0;
}

std::vector<Diagnostic> Diagnostics::Sorted() const {
  std::vector<Diagnostic> sorted = all_;
  auto key = [](const Diagnostic& d) {
    return d.span ? std::make_tuple(0u, d.span->file, d.span->begin) : std::make_tuple(1u, 0u, 0u);
  };
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  return sorted;
}

std::string Render(const Diagnostic& diagnostic, const SourceManager& sources, bool color) {
  std::string out = Header(sources, diagnostic.span, diagnostic.severity, diagnostic.code,
                           diagnostic.message, color);
  if (diagnostic.span && diagnostic.span->file < sources.size()) {
    out += Excerpt(sources.file(diagnostic.span->file), *diagnostic.span, color);
  }
  for (const Note& note : diagnostic.notes) {
    out += Header(sources, note.span, Severity::kNote, "", note.message, color);
    if (note.span && note.span->file < sources.size()) {
      out += Excerpt(sources.file(note.span->file), *note.span, color);
    }
  }
  return out;
}

std::string RenderAll(const Diagnostics& diagnostics, const SourceManager& sources,
                      const RenderOptions& options) {
  std::string out;
  std::size_t errors_shown = 0;
  for (const Diagnostic& d : diagnostics.Sorted()) {
    if (d.severity == Severity::kError && errors_shown++ >= options.max_errors) continue;
    out += Render(d, sources, options.color);
  }
  const std::size_t errors = diagnostics.error_count();
  const std::size_t warnings = diagnostics.warning_count();
  if (errors > options.max_errors) {
    const std::size_t hidden = errors - options.max_errors;
    out += fmt::format("note: {} more error{} not shown\n", hidden, hidden == 1 ? "" : "s");
  }
  if (errors > 0 || warnings > 0) {
    std::vector<std::string> parts;
    if (warnings > 0)
      parts.push_back(fmt::format("{} warning{}", warnings, warnings == 1 ? "" : "s"));
    if (errors > 0) parts.push_back(fmt::format("{} error{}", errors, errors == 1 ? "" : "s"));
    out += fmt::format("{} generated.\n", fmt::join(parts, " and "));
  }
  return out;
}

std::optional<std::string> ClosestMatch(const std::string& word,
                                        const std::vector<std::string>& candidates) {
  const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  std::string lower_word;
  LowerInto(word, lower_word);
  std::string lower;
  std::vector<std::size_t> row;
  for (const std::string& candidate : candidates) {
    // The distance is at least the difference in length: skip what can't be close.
    const std::size_t apart = word.size() > candidate.size() ? word.size() - candidate.size()
                                                             : candidate.size() - word.size();
    if (apart >= best_distance) continue;
    LowerInto(candidate, lower);
    const std::size_t distance = EditDistanceBelow(lower_word, lower, best_distance, row);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

namespace {

void AddPosition(nlohmann::ordered_json& json, const SourceManager& sources,
                 const std::optional<Span>& span, bool with_end) {
  if (!span || span->file >= sources.size()) return;
  const SourceFile& file = sources.file(span->file);
  const Location begin = file.LocationOf(span->begin);
  json["file"] = file.name();
  json["line"] = begin.line;
  json["column"] = begin.column;
  if (with_end) {
    const Location end = file.LocationOf(span->end);
    json["end_line"] = end.line;
    json["end_column"] = end.column;
  }
}

}  // namespace

std::string RenderJson(const Diagnostics& diagnostics, const SourceManager& sources) {
  std::string out;
  for (const Diagnostic& d : diagnostics.Sorted()) {
    nlohmann::ordered_json json;
    AddPosition(json, sources, d.span, true);
    json["severity"] = SeverityWord(d.severity);
    json["code"] = d.code;
    json["message"] = d.message;
    nlohmann::ordered_json notes = nlohmann::ordered_json::array();
    for (const Note& note : d.notes) {
      nlohmann::ordered_json n;
      n["message"] = note.message;
      AddPosition(n, sources, note.span, false);
      notes.push_back(n);
    }
    json["notes"] = notes;
    out += json.dump() + "\n";
  }
  return out;
}

}  // namespace schemagen
