#include "parse/doc_comments.hpp"

#include <string_view>
#include <vector>

namespace schemagen {
namespace {

struct DocLines {
  std::map<std::uint32_t, std::string> standalone;  // line -> text, `///` alone on its line
  std::map<std::uint32_t, std::string> trailing;    // line -> text, `///` after a member
};

DocLines CollectDocLines(const SourceFile& source,
                         const std::map<std::uint32_t, std::string>& comments) {
  DocLines lines;
  for (const auto& [offset, comment] : comments) {
    if (!IsDocComment(comment)) continue;
    const Location loc = source.LocationOf(offset);
    const std::string_view line = source.Line(loc.line);
    const bool alone = line.find_first_not_of(" \t") == line.find("///");
    (alone ? lines.standalone : lines.trailing)[loc.line] = DocText(comment);
  }
  return lines;
}

// The `///` block right above `offset`'s line; for members (fields, enum values) also a
// trailing `///` on the same line.
std::string DocFor(const SourceFile& source, const DocLines& lines, std::uint32_t offset,
                   bool member) {
  const Location loc = source.LocationOf(offset);
  const std::uint32_t line = loc.line;
  // A member that shares its line with something before it (a one-line entity) doesn't own
  // the block above that line: the block belongs to the declaration the line starts with.
  const std::string_view text = source.Line(line);
  const auto line_start = static_cast<std::uint32_t>(text.data() - source.text().data());
  const std::string_view before = text.substr(0, offset - line_start);
  const bool starts_line = before.find_first_not_of(" \t") == std::string_view::npos;
  std::vector<const std::string*> block;
  for (std::uint32_t l = line - 1; l >= 1 && (starts_line || !member); --l) {
    auto it = lines.standalone.find(l);
    if (it == lines.standalone.end()) break;
    block.push_back(&it->second);
  }
  std::string doc;
  for (auto it = block.rbegin(); it != block.rend(); ++it) {
    if (!doc.empty()) doc += '\n';
    doc += **it;
  }
  if (doc.empty() && member) {
    auto it = lines.trailing.find(line);
    if (it != lines.trailing.end()) doc = it->second;
  }
  return doc;
}

}  // namespace

bool IsDocComment(std::string_view comment) {
  return comment.size() >= 3 && comment.substr(0, 3) == "///" &&
         (comment.size() == 3 || comment[3] != '/');
}

std::string DocText(std::string_view comment) {
  std::string_view text = comment.substr(3);
  if (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

void AttachDocComments(const SourceFile& source,
                       const std::map<std::uint32_t, std::string>& comments, ast::File& file) {
  const DocLines lines = CollectDocLines(source, comments);
  if (lines.standalone.empty() && lines.trailing.empty()) return;
  for (ast::SchemaDecl& schema : file.schemas)
    schema.doc = DocFor(source, lines, schema.span.begin, false);
  for (ast::Enum& e : file.enums) {
    e.doc = DocFor(source, lines, e.span.begin, false);
    for (ast::EnumValue& value : e.values) {
      value.doc = DocFor(source, lines, value.value.span.begin, true);
    }
  }
  for (ast::Entity& entity : file.entities) {
    entity.doc = DocFor(source, lines, entity.span.begin, false);
    for (ast::Field& field : entity.fields)
      field.doc = DocFor(source, lines, field.span.begin, true);
  }
}

}  // namespace schemagen
