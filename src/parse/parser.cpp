#include "schemagen/parser.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <map>
#include <string>

#include <tao/pegtl.hpp>

#include "parse/doc_comments.hpp"
#include "schemagen_grammar.hpp"

namespace schemagen {
namespace {

namespace g = grammar;
namespace pegtl = tao::pegtl;

// Everything the actions build. PEGTL calls an action when its rule has matched; the grammar
// commits (if_must) before any action fires inside an alternative, so nothing built here is
// ever undone by backtracking.
struct State {
  const char* base = nullptr;
  std::uint32_t file = 0;
  ast::File out;
  std::map<std::uint32_t, std::string> comments;  // offset -> "// text", deduplicated

  ast::Literal literal;
  ast::Check check;
  ast::Action action;
  bool on_delete = true;
  std::optional<ast::Ident> index_method;
  ast::SchemaDecl schema;
  ast::Setting setting;
  ast::Enum enumeration;
  ast::Entity entity;
  ast::Field field;
  ast::IndexDecl index;
  std::optional<ast::Literal> check_name;  // an entity-level check's `name "..."`
  bool unique_global = false;              // `unique global` being parsed
  bool unique_as_index = false;            // `unique_index` being parsed

  template <typename Input>
  Span SpanOf(const Input& in) const {
    const auto begin = static_cast<std::uint32_t>(in.begin() - base);
    return Span{file, begin, begin + static_cast<std::uint32_t>(in.size())};
  }
  template <typename Input>
  ast::Ident IdentOf(const Input& in) const {
    return ast::Ident{in.string(), SpanOf(in)};
  }
};

std::string Unescape(std::string_view quoted) {
  std::string out;
  for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
    char c = quoted[i];
    if (c == '\\' && i + 2 < quoted.size()) {
      c = quoted[++i];
      if (c == 'n')
        c = '\n';
      else if (c == 't')
        c = '\t';
      else if (c == 'r')
        c = '\r';
    }
    out += c;
  }
  return out;
}

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

template <>
struct action<g::line_comment> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.comments[st.SpanOf(in).begin] = in.string();
  }
};

// ---- literals
template <ast::Literal::Kind kKind>
struct literal_action {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.literal = ast::Literal{kKind, in.string(), st.SpanOf(in)};
  }
};
template <>
struct action<g::string_lit> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.literal =
        ast::Literal{ast::Literal::Kind::kString, Unescape(in.string_view()), st.SpanOf(in)};
  }
};
template <>
struct action<g::lit_number> : literal_action<ast::Literal::Kind::kNumber> {};
template <>
struct action<g::lit_bool> : literal_action<ast::Literal::Kind::kBool> {};
template <>
struct action<g::lit_null> : literal_action<ast::Literal::Kind::kNull> {};
template <>
struct action<g::lit_ident> : literal_action<ast::Literal::Kind::kIdent> {};
template <>
struct action<g::lit_sql> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.literal = ast::Literal{ast::Literal::Kind::kSql, st.literal.text, st.SpanOf(in)};
  }
};
template <>
struct action<g::lit_call> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    // The name ends at the first character an identifier can't have: blanks and block
    // comments may stand between it and the parentheses.
    const std::string text = in.string();
    std::size_t end = 0;
    while (end < text.size() &&
           (std::isalnum(static_cast<unsigned char>(text[end])) != 0 || text[end] == '_')) {
      ++end;
    }
    st.literal = ast::Literal{ast::Literal::Kind::kCall, text.substr(0, end), st.SpanOf(in)};
  }
};

// ---- imports
template <>
struct action<g::import_decl> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.out.imports.push_back(ast::Import{st.literal.text, st.SpanOf(in)});
  }
};

// ---- schema header
template <>
struct action<g::schema_name> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.schema = ast::SchemaDecl{};
    st.schema.name = st.IdentOf(in);
  }
};
template <>
struct action<g::setting_key> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.setting = ast::Setting{};
    st.setting.key = st.IdentOf(in);
  }
};
template <>
struct action<g::setting> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.setting.value = st.literal;
    st.setting.span = st.SpanOf(in);
    st.schema.settings.push_back(std::move(st.setting));
  }
};
template <>
struct action<g::schema_decl> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.schema.span = st.SpanOf(in);
    st.out.schemas.push_back(std::move(st.schema));
  }
};

// ---- enums
template <>
struct action<g::enum_name> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.enumeration = ast::Enum{};
    st.enumeration.name = st.IdentOf(in);
  }
};
template <>
struct action<g::enum_value_name> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.enumeration.values.push_back(
        {"", ast::Literal{ast::Literal::Kind::kIdent, in.string(), st.SpanOf(in)}});
  }
};
template <>
struct action<g::enum_value_string> {
  template <typename Input>
  static void apply(const Input&, State& st) {
    st.enumeration.values.push_back({"", st.literal});
  }
};
template <>
struct action<g::enum_decl> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.enumeration.span = st.SpanOf(in);
    st.out.enums.push_back(std::move(st.enumeration));
  }
};

// ---- checks
template <>
struct action<g::check_open> {
  template <typename Input>
  static void apply(const Input&, State& st) {
    st.check = ast::Check{};
  }
};
template <>
struct action<g::kw_length> {
  template <typename Input>
  static void apply(const Input&, State& st) {
    st.check.kind = ast::Check::Kind::kLength;
  }
};
template <>
struct action<g::check_match> {
  template <typename Input>
  static void apply(const Input&, State& st) {
    st.check.kind = ast::Check::Kind::kMatch;
    st.check.text = st.literal.text;
  }
};
template <>
struct action<g::check_sql> {
  template <typename Input>
  static void apply(const Input&, State& st) {
    st.check.kind = ast::Check::Kind::kSql;
    st.check.text = st.literal.text;
  }
};
template <>
struct action<g::range_min> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.check.min = ast::Literal{ast::Literal::Kind::kNumber, in.string(), st.SpanOf(in)};
  }
};
template <>
struct action<g::range_max> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.check.max = ast::Literal{ast::Literal::Kind::kNumber, in.string(), st.SpanOf(in)};
  }
};
template <>
struct action<g::check_paren> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.check.span = st.SpanOf(in);
  }
};

// ---- field options
void AddOption(State& st, ast::FieldOption option) {
  st.field.options.push_back(std::move(option));
}
template <ast::Action::Kind kKind>
struct ref_action_of {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.action = ast::Action{kKind, st.SpanOf(in)};
  }
};
template <>
struct action<g::act_cascade> : ref_action_of<ast::Action::Kind::kCascade> {};
template <>
struct action<g::act_restrict> : ref_action_of<ast::Action::Kind::kRestrict> {};
template <>
struct action<g::act_set_null> : ref_action_of<ast::Action::Kind::kSetNull> {};
template <>
struct action<g::act_set_default> : ref_action_of<ast::Action::Kind::kSetDefault> {};
template <>
struct action<g::act_no_action> : ref_action_of<ast::Action::Kind::kNoAction> {};
template <>
struct action<g::on_target> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.on_delete = in.string() == "delete";
  }
};
template <>
struct action<g::on_option> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    ast::FieldOption option;
    option.kind =
        st.on_delete ? ast::FieldOption::Kind::kOnDelete : ast::FieldOption::Kind::kOnUpdate;
    option.span = st.SpanOf(in);
    option.action = st.action;
    AddOption(st, std::move(option));
  }
};
template <>
struct action<g::default_option> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    ast::FieldOption option{
        ast::FieldOption::Kind::kDefault, st.SpanOf(in), {}, st.literal, {}, {}};
    AddOption(st, std::move(option));
  }
};
template <>
struct action<g::unique_global> {
  template <typename Input>
  static void apply(const Input&, State& st) {
    st.unique_global = true;
  }
};
template <>
struct action<g::unique_as_index> {
  template <typename Input>
  static void apply(const Input&, State& st) {
    st.unique_as_index = true;
  }
};
template <>
struct action<g::unique_option> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    ast::FieldOption option{ast::FieldOption::Kind::kUnique, st.SpanOf(in), {}, {}, {}, {}};
    option.global = std::exchange(st.unique_global, false);
    option.as_index = std::exchange(st.unique_as_index, false);
    AddOption(st, std::move(option));
  }
};
template <>
struct action<g::index_method> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.index_method = st.IdentOf(in);
  }
};
template <>
struct action<g::primary_option> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    AddOption(st,
              ast::FieldOption{ast::FieldOption::Kind::kPrimary, st.SpanOf(in), {}, {}, {}, {}});
  }
};
template <>
struct action<g::no_foreign_key_option> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    AddOption(
        st, ast::FieldOption{ast::FieldOption::Kind::kNoForeignKey, st.SpanOf(in), {}, {}, {}, {}});
  }
};
template <>
struct action<g::index_option> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    AddOption(st, ast::FieldOption{ast::FieldOption::Kind::kIndex,
                                   st.SpanOf(in),
                                   std::exchange(st.index_method, std::nullopt),
                                   {},
                                   {},
                                   {}});
  }
};
template <>
struct action<g::field_check> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    AddOption(
        st, ast::FieldOption{ast::FieldOption::Kind::kCheck, st.SpanOf(in), {}, {}, st.check, {}});
  }
};
template <>
struct action<g::column_option> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    AddOption(st, ast::FieldOption{
                      ast::FieldOption::Kind::kColumn, st.SpanOf(in), {}, st.literal, {}, {}});
  }
};

// ---- evolution hints
template <>
struct action<g::was_name> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.literal = ast::Literal{ast::Literal::Kind::kIdent, in.string(), st.SpanOf(in)};
  }
};
template <ast::FieldOption::Kind kKind>
struct valued_option {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    AddOption(st, ast::FieldOption{kKind, st.SpanOf(in), {}, st.literal, {}, {}});
  }
};
template <>
struct action<g::was_option> : valued_option<ast::FieldOption::Kind::kWas> {};
template <>
struct action<g::using_option> : valued_option<ast::FieldOption::Kind::kUsing> {};
template <>
struct action<g::backfill_option> : valued_option<ast::FieldOption::Kind::kBackfill> {};
template <>
struct action<g::name_option> : valued_option<ast::FieldOption::Kind::kName> {};

// ---- fields
template <>
struct action<g::field_name> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.field = ast::Field{};
    st.field.name = st.IdentOf(in);
  }
};
template <>
struct action<g::type_name> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.field.type = st.IdentOf(in);
  }
};
template <>
struct action<g::target_name> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.field.type = st.IdentOf(in);
  }
};
template <>
struct action<g::type_arg> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.field.type_args.push_back(
        ast::Literal{ast::Literal::Kind::kNumber, in.string(), st.SpanOf(in)});
  }
};
template <>
struct action<g::nullable_mark> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.field.nullable = st.SpanOf(in);
  }
};
template <ast::Field::Kind kKind>
struct field_kind {
  template <typename Input>
  static void apply(const Input&, State& st) {
    st.field.kind = kKind;
  }
};
template <>
struct action<g::arrow_to> : field_kind<ast::Field::Kind::kBelongsTo> {};
template <>
struct action<g::arrow_both> : field_kind<ast::Field::Kind::kManyToMany> {};
template <>
struct action<g::arrow_from> : field_kind<ast::Field::Kind::kHasOne> {};
template <>
struct action<g::many_brackets> : field_kind<ast::Field::Kind::kHasMany> {};
template <>
struct action<g::through_name> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.field.through = st.IdentOf(in);
  }
};
template <>
struct action<g::via_name> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.field.via = st.IdentOf(in);
  }
};
template <>
struct action<g::field> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.field.span = st.SpanOf(in);
    st.entity.fields.push_back(std::move(st.field));
  }
};

// ---- entity-level indexes and checks
template <>
struct action<g::index_head> {
  template <typename Input>
  static void apply(const Input&, State& st) {
    st.index = ast::IndexDecl{};
  }
};
template <>
struct action<g::unique_head> {
  template <typename Input>
  static void apply(const Input&, State& st) {
    st.index = ast::IndexDecl{};
    st.index.unique = true;
  }
};
template <>
struct action<g::unique_index_head> {
  template <typename Input>
  static void apply(const Input&, State& st) {
    st.index = ast::IndexDecl{};
    st.index.unique = true;
    st.index.as_index = true;
  }
};
template <>
struct action<g::index_global> {
  template <typename Input>
  static void apply(const Input&, State& st) {
    st.index.global = true;
  }
};
template <>
struct action<g::primary_head> {
  template <typename Input>
  static void apply(const Input&, State& st) {
    st.index = ast::IndexDecl{};
    st.index.primary = true;
  }
};
template <>
struct action<g::index_col_name> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.index.columns.push_back(ast::IndexColumn{st.IdentOf(in), false});
  }
};
template <>
struct action<g::index_desc> {
  template <typename Input>
  static void apply(const Input&, State& st) {
    st.index.columns.back().descending = true;
  }
};
template <>
struct action<g::using_method> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.index.method = st.IdentOf(in);
  }
};
template <>
struct action<g::where_clause> {
  template <typename Input>
  static void apply(const Input&, State& st) {
    st.index.where = st.literal;
  }
};
template <>
struct action<g::index_name_clause> {
  template <typename Input>
  static void apply(const Input&, State& st) {
    st.index.name = st.literal;
  }
};
struct index_decl_action {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.index.span = st.SpanOf(in);
    st.entity.indexes.push_back(std::move(st.index));
  }
};
template <>
struct action<g::index_decl> : index_decl_action {};
template <>
struct action<g::unique_decl> : index_decl_action {};
template <>
struct action<g::primary_decl> : index_decl_action {};
template <>
struct action<g::check_name_clause> {
  template <typename Input>
  static void apply(const Input&, State& st) {
    st.check_name = st.literal;
  }
};
template <>
struct action<g::check_decl> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.entity.checks.push_back(
        ast::CheckDecl{st.check, st.SpanOf(in), std::exchange(st.check_name, std::nullopt)});
  }
};

// ---- entities
template <>
struct action<g::entity_name> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.entity = ast::Entity{};
    st.entity.name = st.IdentOf(in);
  }
};
template <>
struct action<g::entity_option_name> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.entity.options.push_back(ast::EntityOption{st.IdentOf(in), std::nullopt, st.SpanOf(in)});
  }
};
template <>
struct action<g::entity_option_value> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    ast::EntityOption& option = st.entity.options.back();
    option.value = st.literal;
    option.span.end = st.SpanOf(in).end;
  }
};
template <>
struct action<g::entity_decl> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.entity.span = st.SpanOf(in);
    st.out.entities.push_back(std::move(st.entity));
  }
};

// The span of the token at a syntax error: an identifier or number as a whole, else one
// character (a whole UTF-8 sequence), or an empty span at the end of the input.
Span TokenAt(const std::string& text, std::uint32_t file, std::uint32_t offset) {
  auto is_word = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
  };
  std::uint32_t end = offset;
  if (end < text.size() && is_word(text[end])) {
    while (end < text.size() && is_word(text[end])) ++end;
  } else if (end < text.size() && text[end] != '\n' && text[end] != '\r') {
    ++end;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  }
  return Span{file, offset, end};
}

// Whether the text at `offset` (after blanks) could be the type or relation of a field: an
// arrow, a capitalised name (an enum or entity), or a common built-in type. Only then is a
// stray word likely to be the name of a second field on the line.
bool LooksLikeFieldBody(const std::string& text, std::uint32_t offset) {
  static const std::vector<std::string> kTypes = {
      "string",   "varchar", "text", "integer", "int",        "bigint", "smallint",
      "decimal",  "numeric", "real", "double",  "boolean",    "bool",   "date",
      "datetime", "uuid",    "json", "jsonb",   "timestamptz"};
  std::size_t at = text.find_first_not_of(" \t", offset);
  if (at == std::string::npos || at == offset) return false;
  if (text.compare(at, 2, "->") == 0 || text.compare(at, 2, "<-") == 0) return true;
  std::size_t end = at;
  while (end < text.size() &&
         (std::isalnum(static_cast<unsigned char>(text[end])) != 0 || text[end] == '_')) {
    ++end;
  }
  const std::string next = text.substr(at, end - at);
  return !next.empty() && (std::isupper(static_cast<unsigned char>(next[0])) != 0 ||
                           std::find(kTypes.begin(), kTypes.end(), next) != kTypes.end());
}

// After a field, a word that is not an option is either a misspelt option or the start of
// another field on the same line.
void AddMemberEndNote(const std::string& text, Span token, Diagnostic& d) {
  static const std::vector<std::string> kOptions = {"unique", "index", "check", "column",
                                                    "on",     "was",   "using", "backfill"};
  const std::string word = text.substr(token.begin, token.end - token.begin);
  if (auto match = ClosestMatch(word, kOptions); match && word.size() > 2) {
    d.notes.push_back({"did you mean '" + *match + "'?", std::nullopt});
  } else if (std::isalpha(static_cast<unsigned char>(word[0])) != 0 &&
             LooksLikeFieldBody(text, token.end)) {
    d.notes.push_back({"fields on the same line are separated by ';'", std::nullopt});
  }
}

void ReportSyntaxError(const pegtl::parse_error& error, const SourceFile& source,
                       std::uint32_t file, Diagnostics& diagnostics) {
  const std::string_view raw = error.message();
  const std::size_t bar = raw.find('|');
  const std::string code(bar == std::string_view::npos ? "E0100" : raw.substr(0, bar));
  const std::string message(bar == std::string_view::npos ? raw : raw.substr(bar + 1));
  const auto offset = static_cast<std::uint32_t>(error.positions().front().byte);
  const Span token = TokenAt(source.text(), file, offset);
  Diagnostic& d = diagnostics.Error(code, token, message);
  if (offset >= source.text().size()) d.message += " (reached the end of the file)";
  if (code == "E0115" && token.end > token.begin) AddMemberEndNote(source.text(), token, d);
  const std::string& text = source.text();
  if (offset < text.size() && static_cast<unsigned char>(text[offset]) >= 0x80 && offset > 0 &&
      (std::isalnum(static_cast<unsigned char>(text[offset - 1])) != 0 ||
       text[offset - 1] == '_')) {
    d.notes.push_back(
        {fmt::format(
             "names are ASCII letters, digits and '_', so '{}' can't be part of one; a "
             "table or column can still have any name, with table \"...\" or column \"...\"",
             text.substr(token.begin, token.end - token.begin)),
         std::nullopt});
  }
}

// A schema file is UTF-8 text of a size whose offsets fit a Span. NUL and other control bytes
// (but tab, LF, CR) and invalid UTF-8 would otherwise pass through strings and doc comments into
// the SQL, TypeScript, Markdown and the terminal, so they are rejected here, at the first bad
// byte, before the grammar sees the text.
constexpr std::size_t kMaxSourceBytes = std::size_t{512} * 1024 * 1024;

bool CheckEncoding(const SourceFile& source, std::uint32_t file, Diagnostics& diagnostics) {
  const std::string& text = source.text();
  if (text.size() > kMaxSourceBytes) {
    diagnostics.Error("E0148", std::nullopt,
                      fmt::format("'{}' is {} bytes long; schema files are limited to {} MiB",
                                  source.name(), text.size(), kMaxSourceBytes / (1024 * 1024)));
    return false;
  }
  for (std::size_t i = 0; i < text.size();) {
    const auto at = static_cast<std::uint32_t>(i);
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0) {
      diagnostics
          .Error("E0146", Span{file, at, at + 1},
                 "NUL byte in the file: a schema file is text, and no string may contain NUL")
          .notes.push_back({"PostgreSQL can't store NUL in text or names either", std::nullopt});
      return false;
    }
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      diagnostics
          .Error("E0146", Span{file, at, at + 1},
                 fmt::format("control character U+{:04X} in the file", static_cast<unsigned>(c)))
          .notes.push_back({"only tabs and line breaks may appear as they are; in a string, write "
                            "\\t, \\n or \\r",
                            std::nullopt});
      return false;
    }
    const std::size_t length = Utf8SequenceLength(text, i);
    if (length == 0) {
      diagnostics
          .Error("E0147", Span{file, at, at + 1},
                 fmt::format("invalid UTF-8: byte 0x{:02X} does not start a valid UTF-8 sequence",
                             static_cast<unsigned char>(text[i])))
          .notes.push_back(
              {"save the file as UTF-8 (a Latin-1 'é' is the single byte 0xE9)", std::nullopt});
      return false;
    }
    i += length;
  }
  return true;
}

}  // namespace

std::optional<ast::File> Parse(const SourceManager& sources, std::uint32_t file_index,
                               Diagnostics& diagnostics) {
  const SourceFile& source = sources.file(file_index);
  if (!CheckEncoding(source, file_index, diagnostics)) return std::nullopt;
  State st;
  st.base = source.text().data();
  st.file = file_index;
  st.out.file_index = file_index;
  pegtl::memory_input<> in(source.text().data(), source.text().size(), source.name());
  try {
    pegtl::parse<g::file, action, g::control>(in, st);
  } catch (const pegtl::parse_error& error) {
    ReportSyntaxError(error, source, file_index, diagnostics);
    return std::nullopt;
  }
  AttachDocComments(source, st.comments, st.out);
  for (const auto& [offset, text] : st.comments) {
    st.out.comments.push_back(ast::Comment{
        text, Span{file_index, offset, offset + static_cast<std::uint32_t>(text.size())}});
  }
  return std::move(st.out);
}

}  // namespace schemagen
