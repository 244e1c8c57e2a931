// The parser's state and the PEGTL actions that build the syntax tree from it: what each rule
// of grammar/schemagen_grammar.hpp adds when it matches. Only src/parse/ includes this (PEGTL
// stays behind the parser): actions_header.hpp for literals, imports, the schema header, enums
// and checks; actions_members.hpp for entities and their members.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <tao/pegtl.hpp>

#include "schemagen/ast.hpp"
#include "schemagen_grammar.hpp"

namespace schemagen::parsing {

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

// The text of a "..." literal as written, its escapes resolved.
std::string Unescape(std::string_view quoted);

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

template <>
struct action<g::line_comment> {
  template <typename Input>
  static void apply(const Input& in, State& st) {
    st.comments[st.SpanOf(in).begin] = in.string();
  }
};

}  // namespace schemagen::parsing
