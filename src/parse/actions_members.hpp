// PEGTL actions: field options, fields, entity-level indexes, keys and checks, and entities
// (see actions.hpp).
#pragma once

#include <utility>

#include "parse/actions.hpp"

namespace schemagen::parsing {

// ---- field options
inline void AddOption(State& st, ast::FieldOption option) {
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

}  // namespace schemagen::parsing
