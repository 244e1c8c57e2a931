// The canonical layout of a schema file (`schemagen fmt`). Everything is printed from the AST;
// only comments are copied, verbatim but for trailing blanks. The rules:
// - `import`s first, in the order written, one per line; then the declarations in source
//   order, exactly one blank line between top-level declarations (and after the imports).
//   Lines end in "\n", never in blanks; the file ends with one "\n"; indentation is 2 spaces.
// - `schema name {`, one setting per line with the values aligned one column after the
//   longest key, `}`. No settings: `schema name {}`.
// - `enum Name { a b "c-d" }` on one line when that fits in 100 columns and no comment is
//   inside the braces; else one value per line. No commas.
// - `entity Name option ... table "x" {`, one member per line (fields written on one line, or
//   separated by ';', are split), `}`. Field types and arrows start in one column: two spaces
//   after the longest field name. Options follow in the order written, one space apart.
//   `index(...)`, `unique(...)` and `check(...)` lines aren't padded. Members keep their
//   order. No members and no comments inside: `entity Name {}`.
// - Tokens are canonical: one space between words, `decimal(12, 2)`, `string(255)?`,
//   `-> User? on delete set null`, `<- Ticket[] via owner`, `<-> Tag[] through TicketTag`,
//   `= now()`, `check(0..5)`, `check(length 1..50)`, `check(match "re")`, `check(sql "...")`,
//   `index(a, b desc) using gin where sql "..."` (`asc`, the default, isn't printed). Strings
//   are re-escaped (\" \\ \n \t \r and nothing else); numbers stay as written.
// - Comments stay where they were relative to the code (see comments.hpp): a comment on a line
//   of its own stays on a line of its own, above the same member or declaration, indented to
//   its level; a comment after code stays after that code, one space after it (block comments
//   before line comments); comments at the end of a body stay above its `}`, and comments at
//   the end of the file stay there.
// - Blank lines: one blank line in the source (or several) between two members, comments or
//   declarations is kept as one; none right after `{` or before `}`.
// Doc comments (`///`) keep documenting what they documented: a doc above a declaration stays
// directly above it, a blank line that detaches one is kept, and a trailing doc that the
// parser gives to several fields of one line is repeated on each of them when they are split.
#include "schemagen/format.hpp"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "format/comments.hpp"
#include "format/syntax.hpp"
#include "schemagen/parser.hpp"

namespace schemagen {
namespace {

using formatting::Attached;
using formatting::CommentLayout;
using formatting::CommentLine;
using formatting::CommentText;

constexpr std::size_t kIndent = 2;
constexpr std::uint32_t kMaxWidth = 100;

std::string Join(const std::vector<CommentText>& comments) {
  std::string text;
  for (const CommentText& comment : comments) {
    if (!text.empty()) text += ' ';
    text += comment.text;
  }
  return text;
}

// Comments after code on one line: block comments, then the one line comment. More line
// comments (only a header written over several lines has them) are returned as `rest`.
struct Trailing {
  std::string suffix;
  std::vector<CommentText> rest;
};

Trailing SplitTrailing(std::vector<CommentText> comments) {
  std::stable_partition(comments.begin(), comments.end(),
                        [](const CommentText& c) { return !c.line; });
  auto first_line =
      std::find_if(comments.begin(), comments.end(), [](const CommentText& c) { return c.line; });
  Trailing trailing;
  if (first_line != comments.end()) {
    trailing.rest.assign(std::next(first_line), comments.end());
    comments.erase(std::next(first_line), comments.end());
  }
  if (!comments.empty()) trailing.suffix = " " + Join(comments);
  return trailing;
}

// A member of a block: the anchor of its comments and its code.
struct Member {
  std::uint32_t anchor = 0;
  std::string code;
};

// A declaration with a body, ready to print.
struct Block {
  std::uint32_t begin = 0;
  std::uint32_t close = 0;
  std::string header;                   // `entity Name global`
  std::vector<Member> members;          // in source order
  std::optional<std::string> one_line;  // the whole declaration, when it may take one line
};

class Printer {
 public:
  Printer(const ast::File& file, const SourceFile& source) : file_(file), layout_(file, source) {}

  std::string Print();

 private:
  // One top-level item: an import, a declaration or the comments that end the file.
  struct Unit {
    enum class Kind { kImport, kDeclaration, kEnd } kind;
    std::uint32_t anchor;
    Block block;       // kDeclaration
    std::string code;  // kImport
  };
  std::vector<Unit> Units() const;
  Block SchemaBlock(const ast::SchemaDecl& schema) const;
  Block EnumBlock(const ast::Enum& enumeration) const;
  Block EntityBlock(const ast::Entity& entity) const;

  void PrintBlock(const Block& block);
  bool HasInnerComments(const Block& block) const;
  void Lead(std::uint32_t anchor, std::size_t indent, std::optional<bool> blank);
  void PrintMember(const Member& member, std::size_t indent, std::optional<bool> blank);
  void Put(std::size_t indent, const std::string& text) {
    out_.append(indent, ' ');
    out_ += text;
    out_ += '\n';
  }
  void Blank() {
    if (!out_.empty() && !out_.ends_with("\n\n")) out_ += '\n';
  }

  const ast::File& file_;
  CommentLayout layout_;
  std::string out_;
};

std::string Printer::Print() {
  const std::vector<Unit> units = Units();
  for (std::size_t i = 0; i < units.size(); ++i) {
    const Unit& unit = units[i];
    // Declarations are set apart; imports and the file's last comments keep the source's.
    std::optional<bool> blank = false;
    if (i > 0) blank = unit.kind == Unit::Kind::kDeclaration ? std::optional(true) : std::nullopt;
    if (unit.kind == Unit::Kind::kDeclaration) {
      Lead(unit.anchor, 0, blank);
      PrintBlock(unit.block);
    } else if (unit.kind == Unit::Kind::kImport) {
      PrintMember(Member{unit.anchor, unit.code}, 0, blank);
    } else {
      Lead(unit.anchor, 0, blank);
    }
  }
  return std::move(out_);
}

std::vector<Printer::Unit> Printer::Units() const {
  std::vector<Unit> units;
  for (const ast::Import& import : file_.imports) {
    units.push_back(
        {Unit::Kind::kImport, import.span.begin, {}, "import " + formatting::Quote(import.path)});
  }
  std::vector<Unit> declarations;
  for (const ast::SchemaDecl& schema : file_.schemas) {
    declarations.push_back({Unit::Kind::kDeclaration, schema.span.begin, SchemaBlock(schema), ""});
  }
  for (const ast::Enum& enumeration : file_.enums) {
    declarations.push_back(
        {Unit::Kind::kDeclaration, enumeration.span.begin, EnumBlock(enumeration), ""});
  }
  for (const ast::Entity& entity : file_.entities) {
    declarations.push_back({Unit::Kind::kDeclaration, entity.span.begin, EntityBlock(entity), ""});
  }
  std::sort(declarations.begin(), declarations.end(),
            [](const Unit& a, const Unit& b) { return a.anchor < b.anchor; });
  units.insert(units.end(), declarations.begin(), declarations.end());
  if (!layout_.At(layout_.EndOfFile()).above.empty()) {
    units.push_back({Unit::Kind::kEnd, layout_.EndOfFile(), {}, ""});
  }
  return units;
}

// The comment lines above `anchor`, and the blank lines before them and before its code.
// `blank` overrides the source's blank line before the first of these lines.
void Printer::Lead(std::uint32_t anchor, std::size_t indent, std::optional<bool> blank) {
  const Attached& attached = layout_.At(anchor);
  for (std::size_t i = 0; i < attached.above.size(); ++i) {
    const CommentLine& line = attached.above[i];
    if ((i == 0 && blank) ? *blank : line.blank_before) Blank();
    Put(indent, Join(line.comments));
  }
  if ((attached.above.empty() && blank) ? *blank : attached.blank_before) Blank();
}

void Printer::PrintMember(const Member& member, std::size_t indent, std::optional<bool> blank) {
  Lead(member.anchor, indent, blank);
  const Attached& attached = layout_.At(member.anchor);
  std::string line = Join(attached.before);
  if (!line.empty()) line += ' ';
  const Trailing trailing = SplitTrailing(attached.after);
  Put(indent, line + member.code + trailing.suffix);
  for (const CommentText& comment : trailing.rest) Put(indent, comment.text);
}

bool Printer::HasInnerComments(const Block& block) const {
  const Attached& close = layout_.At(block.close);
  if (!close.above.empty()) return true;
  return std::any_of(block.members.begin(), block.members.end(), [&](const Member& member) {
    const Attached& attached = layout_.At(member.anchor);
    return !attached.above.empty() || !attached.before.empty() || !attached.after.empty();
  });
}

void Printer::PrintBlock(const Block& block) {
  const Attached& head = layout_.At(block.begin);
  std::string before = Join(head.before);
  if (!before.empty()) before += ' ';
  const std::vector<CommentText>& header_after = layout_.At(layout_.OpenBrace(block.begin)).after;
  const std::vector<CommentText>& close_after = layout_.At(block.close).after;
  if (block.one_line && !HasInnerComments(block)) {
    std::vector<CommentText> all = header_after;
    all.insert(all.end(), close_after.begin(), close_after.end());
    const Trailing trailing = SplitTrailing(all);
    if (trailing.rest.empty()) {
      Put(0, before + *block.one_line + trailing.suffix);
      return;
    }
  }
  const Trailing header = SplitTrailing(header_after);
  Put(0, before + block.header + " {" + header.suffix);
  for (const CommentText& comment : header.rest) Put(kIndent, comment.text);
  // A doc comment moved out of the header must not document the first member.
  const bool detach = !header.rest.empty() && header.rest.back().doc;
  for (std::size_t i = 0; i < block.members.size(); ++i) {
    std::optional<bool> blank;
    if (i == 0) blank = detach;
    PrintMember(block.members[i], kIndent, blank);
  }
  std::optional<bool> blank;
  if (block.members.empty()) blank = false;
  Lead(block.close, kIndent, blank);
  Put(0, "}" + SplitTrailing(close_after).suffix);
}

Block Printer::SchemaBlock(const ast::SchemaDecl& schema) const {
  Block block{schema.span.begin, schema.span.end - 1, "schema " + schema.name.text, {}, {}};
  std::size_t width = 0;
  for (const ast::Setting& setting : schema.settings) {
    width = std::max(width, setting.key.text.size());
  }
  for (const ast::Setting& setting : schema.settings) {
    std::string code = setting.key.text;
    code.append(width + 1 - setting.key.text.size(), ' ');
    block.members.push_back({setting.span.begin, code + formatting::LiteralText(setting.value)});
  }
  if (block.members.empty()) block.one_line = block.header + " {}";
  return block;
}

Block Printer::EnumBlock(const ast::Enum& enumeration) const {
  Block block{
      enumeration.span.begin, enumeration.span.end - 1, "enum " + enumeration.name.text, {}, {}};
  std::string one_line = block.header + " {";
  for (const ast::EnumValue& value : enumeration.values) {
    const std::string text = formatting::EnumValueText(value);
    block.members.push_back({value.value.span.begin, text});
    one_line += " " + text;
  }
  one_line += block.members.empty() ? "}" : " }";
  if (DisplayWidth(one_line) <= kMaxWidth) block.one_line = one_line;
  return block;
}

Block Printer::EntityBlock(const ast::Entity& entity) const {
  Block block{entity.span.begin, entity.span.end - 1, formatting::EntityHeaderText(entity), {}, {}};
  std::size_t width = 0;
  for (const ast::Field& field : entity.fields) width = std::max(width, field.name.text.size());
  for (const ast::Field& field : entity.fields) {
    std::string code = field.name.text;
    code.append(width + 2 - field.name.text.size(), ' ');
    block.members.push_back({field.span.begin, code + formatting::FieldBodyText(field)});
  }
  for (const ast::IndexDecl& index : entity.indexes) {
    block.members.push_back({index.span.begin, formatting::IndexDeclText(index)});
  }
  for (const ast::CheckDecl& check : entity.checks) {
    std::string text = formatting::CheckText(check.check);
    if (check.name) text += " name " + formatting::Quote(check.name->text);
    block.members.push_back({check.span.begin, std::move(text)});
  }
  std::sort(block.members.begin(), block.members.end(),
            [](const Member& a, const Member& b) { return a.anchor < b.anchor; });
  if (block.members.empty()) block.one_line = block.header + " {}";
  return block;
}

}  // namespace

std::string Format(const ast::File& file, const SourceFile& source) {
  return Printer(file, source).Print();
}

std::optional<std::string> FormatFile(const SourceManager& sources, std::uint32_t file_index,
                                      Diagnostics& diagnostics) {
  std::optional<ast::File> file = Parse(sources, file_index, diagnostics);
  if (!file) return std::nullopt;
  return Format(*file, sources.file(file_index));
}

}  // namespace schemagen
