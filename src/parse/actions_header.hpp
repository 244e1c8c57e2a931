// PEGTL actions: literals, imports, the schema header, enums and checks (see actions.hpp).
#pragma once

#include <cctype>

#include "parse/actions.hpp"

namespace schemagen::parsing {

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

}  // namespace schemagen::parsing
