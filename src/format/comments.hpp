// Where the formatter puts each comment. Comments are not in the grammar's tree: the parser
// records line comments by offset, and block comments are found here. Each comment is tied to
// an anchor (the first byte of an item, a block's '{' or '}', or the end of the file) by its
// position in the source, so printing the anchors in order puts every comment back in place.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "schemagen/ast.hpp"
#include "schemagen/source.hpp"

namespace schemagen::formatting {

/// One comment as printed: its source text with each line's trailing white space removed.
struct CommentText {
  std::string text;
  Span span;
  bool line = false;  ///< `// ...`, which runs to the end of the line; else `/* ... */`
  bool doc = false;   ///< `/// ...` (not `////`): a doc comment
};

/// Comments that share a source line with nothing but each other: one line of output.
struct CommentLine {
  std::vector<CommentText> comments;
  bool blank_before = false;  ///< the source had a blank line right above
};

/// The comments that go with one anchor, and whether a blank line precedes its line.
struct Attached {
  std::vector<CommentLine> above;   ///< lines of their own, before the anchor's line
  std::vector<CommentText> before;  ///< on the anchor's line, before the code
  std::vector<CommentText> after;   ///< on the anchor's line, after the code
  bool blank_before = false;        ///< the source had a blank line right above the code
};

/// Every comment of one parsed file, by anchor:
/// - a comment with code before it on its line trails that code's item (a comment inside an
///   item or a declaration's header trails the item or the header line);
/// - a trailing `///` that documents fields (each field that starts on its line) trails each
///   of those fields, so splitting `a int; b int /// doc` keeps both docs;
/// - other comments form lines: a line followed on the same line by an item stays before it
///   (`/* x */ name text`), else it goes above the next item of its block, or above the
///   block's '}' (or the end of the file) when no item follows.
class CommentLayout {
 public:
  CommentLayout(const ast::File& file, const SourceFile& source);

  /// The comments of `anchor`; empty when it has none.
  const Attached& At(std::uint32_t anchor) const;
  /// The offset of the '{' of the declaration whose span begins at `declaration_begin`.
  std::uint32_t OpenBrace(std::uint32_t declaration_begin) const;
  /// The anchor for comments at the end of the file.
  std::uint32_t EndOfFile() const { return end_of_file_; }

 private:
  std::map<std::uint32_t, Attached> anchors_;
  std::map<std::uint32_t, std::uint32_t> open_braces_;
  std::uint32_t end_of_file_ = 0;
};

}  // namespace schemagen::formatting
