#include "format/comments.hpp"

#include "parse/doc_comments.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <string_view>

namespace schemagen::formatting {
namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// The comment's text with the trailing blanks of each of its lines removed.
std::string TrimLines(std::string_view text) {
  std::string out;
  while (true) {
    const std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
      line.remove_suffix(1);
    }
    out += line;
    if (newline == std::string_view::npos) return out;
    out += '\n';
    text.remove_prefix(newline + 1);
  }
}

CommentText MakeComment(std::string_view text, std::uint32_t file, std::uint32_t begin) {
  const bool line = text.substr(0, 2) == "//";
  return CommentText{TrimLines(text),
                     Span{file, begin, begin + static_cast<std::uint32_t>(text.size())}, line,
                     line && IsDocComment(text)};
}

// The parser records line comments only. Block comments are found by skipping strings and
// line comments, the only places where "/*" doesn't open one.
std::vector<CommentText> BlockComments(const std::string& text, std::uint32_t file) {
  std::vector<CommentText> found;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '"') {
      for (++i; i < text.size() && text[i] != '"' && text[i] != '\n'; ++i) {
        if (text[i] == '\\') ++i;
      }
      ++i;
    } else if (text.compare(i, 2, "//") == 0) {
      i = std::min(text.find('\n', i), text.size());
    } else if (text.compare(i, 2, "/*") == 0) {
      const std::size_t close = text.find("*/", i + 2);
      const std::size_t end = close == std::string::npos ? text.size() : close + 2;
      found.push_back(MakeComment(std::string_view(text).substr(i, end - i), file,
                                  static_cast<std::uint32_t>(i)));
      i = end;
    } else {
      ++i;
    }
  }
  return found;
}

// Something comments attach to: before it at `begin`, after it at `trailing`.
struct Item {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::uint32_t trailing = 0;
};

// The file, or a declaration's body: its items in source order.
struct Scope {
  std::uint32_t header = kNone;  // the '{': comments after it on its line trail it
  std::uint32_t close = 0;       // the '}', or the end of the file
  std::vector<Item> items;
};

struct Declaration {
  std::uint32_t begin = 0;
  std::uint32_t open = 0;
  Scope body;
};

// Where a comment went, so that a comment on the same line right after it goes there too.
struct Placement {
  std::vector<std::uint32_t> after;  // trails these anchors
  std::size_t group = kNone;         // or is part of this group
};

// Comments alone on a line, or a run of them: printed before an item, or above one.
struct Group {
  std::vector<CommentText> comments;
  const Scope* scope = nullptr;
};

class LayoutBuilder {
 public:
  LayoutBuilder(const ast::File& file, const SourceFile& source)
      : file_(file), source_(source), text_(source.text()), in_comment_(text_.size(), false) {
    CollectComments();
    CollectScopes();
    for (std::size_t i = 0; i < comments_.size(); ++i) Place(i);
    for (const Group& group : groups_) Resolve(group);
    ComputeBlankLines(file_scope_);
    for (const Declaration& declaration : declarations_) ComputeBlankLines(declaration.body);
  }

  std::map<std::uint32_t, Attached> TakeAnchors() { return std::move(anchors_); }
  std::map<std::uint32_t, std::uint32_t> OpenBraces() const {
    std::map<std::uint32_t, std::uint32_t> braces;
    for (const Declaration& declaration : declarations_) {
      braces[declaration.begin] = declaration.open;
    }
    return braces;
  }

 private:
  void CollectComments();
  void CollectScopes();
  void AddDeclaration(std::uint32_t begin, std::uint32_t header_end, std::uint32_t end,
                      std::vector<Item> members);
  void Place(std::size_t index);
  std::vector<std::uint32_t> Owners(const Scope& scope, const CommentText& comment) const;
  void Resolve(const Group& group);
  void ComputeBlankLines(const Scope& scope);

  std::uint32_t LineOf(std::uint32_t offset) const { return source_.LocationOf(offset).line; }
  std::uint32_t LineStart(std::uint32_t offset) const {
    return static_cast<std::uint32_t>(source_.Line(LineOf(offset)).data() - text_.data());
  }
  bool IsCode(std::size_t i) const { return !in_comment_[i] && !IsSpace(text_[i]); }
  bool CodeIn(std::uint32_t begin, std::uint32_t end) const {
    for (std::uint32_t i = begin; i < end; ++i) {
      if (IsCode(i)) return true;
    }
    return false;
  }
  bool BlankLineBetween(std::uint32_t end, std::uint32_t begin) const;
  static const Item* Containing(const Scope& scope, std::uint32_t offset);

  const ast::File& file_;
  const SourceFile& source_;
  const std::string& text_;
  std::vector<bool> in_comment_;
  std::vector<CommentText> comments_;
  std::vector<Declaration> declarations_;
  Scope file_scope_;
  std::map<std::uint32_t, std::vector<const ast::Field*>> fields_by_line_;
  std::vector<Placement> placements_;
  std::vector<Group> groups_;
  std::map<std::uint32_t, Attached> anchors_;
};

void LayoutBuilder::CollectComments() {
  for (const ast::Comment& comment : file_.comments) {
    comments_.push_back(MakeComment(comment.text, file_.file_index, comment.span.begin));
  }
  for (CommentText& comment : BlockComments(text_, file_.file_index)) {
    comments_.push_back(std::move(comment));
  }
  std::sort(comments_.begin(), comments_.end(),
            [](const CommentText& a, const CommentText& b) { return a.span.begin < b.span.begin; });
  for (const CommentText& comment : comments_) {
    for (std::uint32_t i = comment.span.begin; i < comment.span.end && i < text_.size(); ++i) {
      in_comment_[i] = true;
    }
  }
  placements_.resize(comments_.size());
}

void LayoutBuilder::CollectScopes() {
  for (const ast::Import& import : file_.imports) {
    file_scope_.items.push_back({import.span.begin, import.span.end, import.span.begin});
  }
  for (const ast::SchemaDecl& schema : file_.schemas) {
    std::vector<Item> members;
    for (const ast::Setting& s : schema.settings) {
      members.push_back({s.span.begin, s.span.end, s.span.begin});
    }
    AddDeclaration(schema.span.begin, schema.name.span.end, schema.span.end, std::move(members));
  }
  for (const ast::Enum& enumeration : file_.enums) {
    std::vector<Item> members;
    for (const ast::EnumValue& v : enumeration.values) {
      members.push_back({v.value.span.begin, v.value.span.end, v.value.span.begin});
    }
    AddDeclaration(enumeration.span.begin, enumeration.name.span.end, enumeration.span.end,
                   std::move(members));
  }
  for (const ast::Entity& entity : file_.entities) {
    std::vector<Item> members;
    std::uint32_t header_end = entity.name.span.end;
    for (const ast::EntityOption& o : entity.options) header_end = std::max(header_end, o.span.end);
    for (const ast::Field& f : entity.fields) {
      members.push_back({f.span.begin, f.span.end, f.span.begin});
      fields_by_line_[LineOf(f.span.begin)].push_back(&f);
    }
    for (const ast::IndexDecl& i : entity.indexes) {
      members.push_back({i.span.begin, i.span.end, i.span.begin});
    }
    for (const ast::CheckDecl& c : entity.checks) {
      members.push_back({c.span.begin, c.span.end, c.span.begin});
    }
    AddDeclaration(entity.span.begin, header_end, entity.span.end, std::move(members));
  }
  auto by_begin = [](const auto& a, const auto& b) { return a.begin < b.begin; };
  std::sort(declarations_.begin(), declarations_.end(), by_begin);
  std::sort(file_scope_.items.begin(), file_scope_.items.end(), by_begin);
  file_scope_.close = static_cast<std::uint32_t>(text_.size());
}

void LayoutBuilder::AddDeclaration(std::uint32_t begin, std::uint32_t header_end, std::uint32_t end,
                                   std::vector<Item> members) {
  Declaration declaration;
  declaration.begin = begin;
  declaration.open = header_end;
  // The first '{' after the header's last token that is not in a comment.
  while (declaration.open < end &&
         (in_comment_[declaration.open] || text_[declaration.open] != '{')) {
    ++declaration.open;
  }
  declaration.body.header = declaration.open;
  declaration.body.close = end - 1;
  std::sort(members.begin(), members.end(),
            [](const Item& a, const Item& b) { return a.begin < b.begin; });
  declaration.body.items = std::move(members);
  declarations_.push_back(std::move(declaration));
  file_scope_.items.push_back({begin, end, end - 1});
}

const Item* LayoutBuilder::Containing(const Scope& scope, std::uint32_t offset) {
  auto it = std::upper_bound(scope.items.begin(), scope.items.end(), offset,
                             [](std::uint32_t at, const Item& item) { return at < item.begin; });
  if (it == scope.items.begin()) return nullptr;
  --it;
  return offset < it->end ? &*it : nullptr;
}

void LayoutBuilder::Place(std::size_t index) {
  const CommentText& comment = comments_[index];
  const std::uint32_t at = comment.span.begin;
  Placement& placement = placements_[index];
  const Scope* scope = &file_scope_;
  if (const Item* top = Containing(file_scope_, at)) {
    auto declaration =
        std::lower_bound(declarations_.begin(), declarations_.end(), top->begin,
                         [](const Declaration& d, std::uint32_t begin) { return d.begin < begin; });
    if (declaration == declarations_.end() || declaration->begin != top->begin) {
      placement.after = {top->trailing};  // inside an import
    } else if (at < declaration->open) {
      placement.after = {declaration->open};  // in the header: trails the header line
    } else if (const Item* member = Containing(declaration->body, at)) {
      placement.after = {member->trailing};
    } else {
      scope = &declaration->body;
    }
  }
  if (placement.after.empty() && index > 0) {
    const CommentText& previous = comments_[index - 1];
    if (LineOf(previous.span.end) == LineOf(at) && !CodeIn(previous.span.end, at)) {
      placement = placements_[index - 1];
    }
  }
  if (placement.after.empty() && placement.group == kNone && CodeIn(LineStart(at), at)) {
    placement.after = Owners(*scope, comment);
  }
  if (placement.after.empty() && placement.group == kNone) {
    placement.group = groups_.size();
    groups_.push_back(Group{{}, scope});
  }
  if (placement.group != kNone) {
    groups_[placement.group].comments.push_back(comment);
  } else {
    for (std::uint32_t anchor : placement.after) anchors_[anchor].after.push_back(comment);
  }
}

// The anchors a comment with code before it on its line trails.
std::vector<std::uint32_t> LayoutBuilder::Owners(const Scope& scope,
                                                 const CommentText& comment) const {
  if (comment.doc) {
    // The parser gives a trailing `///` to every field that starts on its line.
    std::vector<std::uint32_t> documented;
    auto line = fields_by_line_.find(LineOf(comment.span.begin));
    if (line != fields_by_line_.end()) {
      const std::string doc = DocText(comment.text);
      for (const ast::Field* field : line->second) {
        if (field->doc == doc) documented.push_back(field->span.begin);
      }
    }
    if (!documented.empty()) return documented;
  }
  const std::uint32_t at = comment.span.begin;
  auto it =
      std::upper_bound(scope.items.begin(), scope.items.end(), at,
                       [](std::uint32_t offset, const Item& item) { return offset < item.begin; });
  if (it != scope.items.begin()) return {std::prev(it)->trailing};
  if (scope.header != kNone) return {scope.header};
  return {};
}

void LayoutBuilder::Resolve(const Group& group) {
  const std::uint32_t end = group.comments.back().span.end;
  std::uint32_t code = kNone;
  for (std::uint32_t i = end; i < text_.size() && text_[i] != '\n'; ++i) {
    if (IsCode(i)) {
      code = i;
      break;
    }
  }
  const auto& items = group.scope->items;
  auto next = std::lower_bound(items.begin(), items.end(), end,
                               [](const Item& item, std::uint32_t at) { return item.begin < at; });
  if (next != items.end() && next->begin == code) {
    std::vector<CommentText>& before = anchors_[next->begin].before;
    before.insert(before.end(), group.comments.begin(), group.comments.end());
    return;
  }
  const std::uint32_t anchor = next != items.end() ? next->begin : group.scope->close;
  anchors_[anchor].above.push_back(CommentLine{group.comments, false});
}

bool LayoutBuilder::BlankLineBetween(std::uint32_t end, std::uint32_t begin) const {
  if (end >= begin) return false;
  const std::uint32_t last = LineOf(begin);
  for (std::uint32_t line = LineOf(end) + 1; line < last; ++line) {
    const std::string_view text = source_.Line(line);
    if (std::all_of(text.begin(), text.end(), IsSpace)) return true;
  }
  return false;
}

// Sets blank_before on every item and comment line of `scope` from the source: whether an
// empty line separates it from whatever comes before it.
void LayoutBuilder::ComputeBlankLines(const Scope& scope) {
  struct Entry {
    std::uint32_t begin;
    std::uint32_t end;
    bool* blank_before;
  };
  std::vector<Entry> entries;
  auto add_lines = [&](Attached& attached) {
    for (CommentLine& line : attached.above) {
      entries.push_back(
          {line.comments.front().span.begin, line.comments.back().span.end, &line.blank_before});
    }
  };
  for (const Item& item : scope.items) {
    Attached& attached = anchors_[item.begin];
    add_lines(attached);
    Entry entry{item.begin, item.end, &attached.blank_before};
    if (!attached.before.empty()) entry.begin = attached.before.front().span.begin;
    for (const CommentText& comment : anchors_[item.trailing].after) {
      entry.end = std::max(entry.end, comment.span.end);
    }
    entries.push_back(entry);
  }
  add_lines(anchors_[scope.close]);
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.begin < b.begin; });
  std::uint32_t end = 0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    *entries[i].blank_before = i > 0 && BlankLineBetween(end, entries[i].begin);
    end = std::max(end, entries[i].end);
  }
}

}  // namespace

CommentLayout::CommentLayout(const ast::File& file, const SourceFile& source)
    : end_of_file_(static_cast<std::uint32_t>(source.text().size())) {
  LayoutBuilder builder(file, source);
  open_braces_ = builder.OpenBraces();
  anchors_ = builder.TakeAnchors();
}

const Attached& CommentLayout::At(std::uint32_t anchor) const {
  static const Attached kEmpty;
  auto it = anchors_.find(anchor);
  return it == anchors_.end() ? kEmpty : it->second;
}

std::uint32_t CommentLayout::OpenBrace(std::uint32_t declaration_begin) const {
  return open_braces_.at(declaration_begin);
}

}  // namespace schemagen::formatting
