// Diagnostics: every step reports problems into a Diagnostics sink instead of throwing.
// Rendering follows clang: "file:line:col: error[E0102]: message", the source line, a caret
// and tildes under the span, then notes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "schemagen/source.hpp"

namespace schemagen {

enum class Severity { kError, kWarning, kNote };

/// Extra information attached to a diagnostic, optionally pointing at another span.
struct Note {
  std::string message;
  std::optional<Span> span;
};

/// One problem found in the input. `code` is stable (documented in docs/diagnostics.md).
struct Diagnostic {
  Severity severity = Severity::kError;
  std::string code;
  std::string message;
  std::optional<Span> span;
  std::vector<Note> notes;
};

/// Collects diagnostics of one run. Errors are kept in the order found; Sorted() orders them
/// by position for printing.
class Diagnostics {
 public:
  /// Adds an error and returns it so the caller can attach notes.
  Diagnostic& Error(std::string code, std::optional<Span> span, std::string message);
  Diagnostic& Warning(std::string code, std::optional<Span> span, std::string message);

  bool HasErrors() const { return error_count_ > 0; }
  std::size_t error_count() const { return error_count_; }
  std::size_t warning_count() const { return all_.size() - error_count_; }
  const std::vector<Diagnostic>& all() const { return all_; }
  /// Diagnostics ordered by file and position (stable for equal positions).
  std::vector<Diagnostic> Sorted() const;
  /// Adds every diagnostic of `other`, in its order (what a task reported on its own).
  void Append(Diagnostics&& other);

 private:
  Diagnostic& Add(Severity severity, std::string code, std::optional<Span> span,
                  std::string message);
  std::vector<Diagnostic> all_;
  std::size_t error_count_ = 0;
};

struct RenderOptions {
  bool color = false;
  /// At most this many errors are printed; the rest are counted in the summary.
  std::size_t max_errors = 50;
};

/// Renders one diagnostic with its source excerpt and notes, ending in '\n'.
std::string Render(const Diagnostic& diagnostic, const SourceManager& sources, bool color);
/// Renders all diagnostics (sorted, capped) and a closing "N errors generated." line.
std::string RenderAll(const Diagnostics& diagnostics, const SourceManager& sources,
                      const RenderOptions& options);

/// Every diagnostic as one JSON object per line (JSON Lines), sorted like RenderAll, for CI
/// annotations and editors: file, line, column, end_line, end_column (1-based, end exclusive),
/// severity, code, message, notes (each with message and, when it points somewhere, file,
/// line and column).
std::string RenderJson(const Diagnostics& diagnostics, const SourceManager& sources);

/// The candidate closest to `word` by edit distance, if close enough to be a plausible typo
/// (ninja's spellcheck rule: distance at most max(1, len/3)); used for "did you mean".
std::optional<std::string> ClosestMatch(const std::string& word,
                                        const std::vector<std::string>& candidates);

}  // namespace schemagen
