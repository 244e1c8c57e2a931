// The schemagen DSL as a PEGTL grammar. This header and src/parse/ are the only places that see
// PEGTL. docs/dsl.md describes the same language for people; keep the two in step.
//
// Layout: declarations and entity members may span any white space, but a field or an index
// ends at the end of its line (or at ';' or '}'), so a schema reads one line per column.
// Every `must<>` / `if_must<>` commit point has an error message in words (see the bottom of
// the file); must_if's static_assert guarantees that no rule name can ever reach a user. A rule
// with a message raises on ANY failure, so only rules reached through must<> may have one.
#pragma once

#include <tao/pegtl.hpp>

namespace schemagen::grammar {

using namespace tao::pegtl;  // NOLINT: the grammar reads as PEG, like PEGTL's own contrib grammars

// clang-format off

// ---- white space and comments -------------------------------------------------------------
struct line_comment : seq< two< '/' >, until< at< eolf > > > {};
// An unclosed comment is reported at its '/*', not at the end of the file where it shows.
struct unterminated_block_comment {};
struct block_comment : sor< seq< string< '/', '*' >, until< string< '*', '/' > > >, seq< at< string< '/', '*' > >, raise< unterminated_block_comment > > > {};
struct sp : star< sor< space, line_comment, block_comment > > {};   // any white space
struct ws : star< sor< blank, block_comment > > {};                 // stays on the line

// ---- tokens -------------------------------------------------------------------------------
struct name : identifier {};
template< typename Key > struct kw : seq< Key, not_at< identifier_other > > {};
struct kw_schema : TAO_PEGTL_KEYWORD( "schema" ) {};
struct kw_enum : TAO_PEGTL_KEYWORD( "enum" ) {};
struct kw_entity : TAO_PEGTL_KEYWORD( "entity" ) {};
struct kw_index : TAO_PEGTL_KEYWORD( "index" ) {};
struct kw_unique : TAO_PEGTL_KEYWORD( "unique" ) {};
struct kw_check : TAO_PEGTL_KEYWORD( "check" ) {};
struct kw_column : TAO_PEGTL_KEYWORD( "column" ) {};
struct kw_on : TAO_PEGTL_KEYWORD( "on" ) {};
struct kw_delete : TAO_PEGTL_KEYWORD( "delete" ) {};
struct kw_update : TAO_PEGTL_KEYWORD( "update" ) {};
struct kw_cascade : TAO_PEGTL_KEYWORD( "cascade" ) {};
struct kw_restrict : TAO_PEGTL_KEYWORD( "restrict" ) {};
struct kw_set : TAO_PEGTL_KEYWORD( "set" ) {};
struct kw_null : TAO_PEGTL_KEYWORD( "null" ) {};
struct kw_default : TAO_PEGTL_KEYWORD( "default" ) {};
struct kw_no : TAO_PEGTL_KEYWORD( "no" ) {};
struct kw_action : TAO_PEGTL_KEYWORD( "action" ) {};
struct kw_through : TAO_PEGTL_KEYWORD( "through" ) {};
struct kw_via : TAO_PEGTL_KEYWORD( "via" ) {};
struct kw_using : TAO_PEGTL_KEYWORD( "using" ) {};
struct kw_where : TAO_PEGTL_KEYWORD( "where" ) {};
struct kw_sql : TAO_PEGTL_KEYWORD( "sql" ) {};
struct kw_length : TAO_PEGTL_KEYWORD( "length" ) {};
struct kw_match : TAO_PEGTL_KEYWORD( "match" ) {};
struct kw_desc : TAO_PEGTL_KEYWORD( "desc" ) {};
struct kw_asc : TAO_PEGTL_KEYWORD( "asc" ) {};
struct kw_true : TAO_PEGTL_KEYWORD( "true" ) {};
struct kw_false : TAO_PEGTL_KEYWORD( "false" ) {};
struct kw_was : TAO_PEGTL_KEYWORD( "was" ) {};
struct kw_backfill : TAO_PEGTL_KEYWORD( "backfill" ) {};
struct kw_name : TAO_PEGTL_KEYWORD( "name" ) {};
struct kw_primary : TAO_PEGTL_KEYWORD( "primary" ) {};
struct kw_no_foreign_key : TAO_PEGTL_KEYWORD( "no_foreign_key" ) {};
struct kw_unique_index : TAO_PEGTL_KEYWORD( "unique_index" ) {};
struct kw_global : TAO_PEGTL_KEYWORD( "global" ) {};

// "..." with \" \\ \n \t \r escapes, on one line.
struct escape_char : one< '"', '\\', 'n', 't', 'r' > {};
struct escape : if_must< one< '\\' >, escape_char > {};
struct string_char : sor< escape, not_one< '"', '\\', '\n', '\r' > > {};
struct string_close : one< '"' > {};
struct string_lit : if_must< one< '"' >, star< string_char >, string_close > {};

struct number : seq< opt< one< '-' > >, plus< digit >, opt< one< '.' >, plus< digit > > > {};

// ---- literals (defaults, settings) --------------------------------------------------------
struct lit_string : seq< string_lit > {};
struct lit_number : number {};
struct lit_bool : sor< kw_true, kw_false > {};
struct lit_null : kw_null {};
struct call_parens : seq< one< '(' >, ws, one< ')' > > {};
struct lit_call : seq< identifier, ws, call_parens > {};
struct lit_ident : identifier {};
// `sql "uuid_generate_v4()"`: raw SQL where a value goes (a default, a backfill). Without a
// string after it, `sql` is an identifier like any other (an enum value may be called sql).
struct lit_sql : seq< kw_sql, ws, string_lit > {};
struct literal : sor< lit_string, lit_number, lit_bool, lit_null, lit_call, lit_sql, lit_ident > {};

// ---- schema header ------------------------------------------------------------------------
struct schema_name : name {};
struct schema_open : one< '{' > {};
struct schema_close : one< '}' > {};
struct setting_key : name {};
struct setting_value : literal {};
struct setting : if_must< setting_key, ws, setting_value > {};
struct schema_decl : if_must< kw_schema, sp, schema_name, sp, schema_open, sp, star< setting, sp >, schema_close > {};

// ---- enums --------------------------------------------------------------------------------
struct enum_name : name {};
struct enum_open : one< '{' > {};
struct enum_close : one< '}' > {};
struct enum_value_name : identifier {};
struct enum_value_string : seq< string_lit > {};
struct enum_value : sor< enum_value_string, enum_value_name > {};
struct enum_decl : if_must< kw_enum, sp, enum_name, sp, enum_open, sp, star< enum_value, sp, opt< one< ',' >, sp > >, enum_close > {};

// ---- checks: check(0..5), check(length 1..50), check(match "re"), check(sql "expr") --------
struct range_min : number {};
struct range_max : number {};
struct range_dots : two< '.' > {};
struct range : seq< opt< range_min >, ws, range_dots, ws, opt< range_max > > {};
struct length_range : range {};
struct check_length : if_must< kw_length, ws, length_range > {};
struct quoted_text : seq< string_lit > {};
struct check_match : if_must< kw_match, ws, quoted_text > {};
struct check_sql : if_must< kw_sql, ws, quoted_text > {};
struct check_body : sor< check_length, check_match, check_sql, range > {};
struct check_open : one< '(' > {};
struct check_close : one< ')' > {};
struct check_paren : if_must< check_open, ws, check_body, ws, check_close > {};

// ---- field options ------------------------------------------------------------------------
struct act_cascade : kw_cascade {};
struct act_restrict : kw_restrict {};
struct act_set_null : seq< kw_set, ws, kw_null > {};
struct act_set_default : seq< kw_set, ws, kw_default > {};
struct act_no_action : seq< kw_no, ws, kw_action > {};
struct ref_action : sor< act_cascade, act_restrict, act_set_null, act_set_default, act_no_action > {};
struct on_delete : kw_delete {};
struct on_update : kw_update {};
struct on_target : sor< on_delete, on_update > {};
struct on_option : if_must< kw_on, ws, on_target, ws, ref_action > {};
struct single_quoted_default {};
struct default_value : sor< seq< at< one< '\'' > >, raise< single_quoted_default > >, literal > {};
struct default_option : if_must< one< '=' >, ws, default_value > {};
// `unique global`: unique across every tenant; `unique_index`: a unique index, not a constraint.
struct unique_global : kw_global {};
struct unique_as_index : kw_unique_index {};
struct unique_option : seq< sor< unique_as_index, kw_unique >, opt< ws, unique_global > > {};
struct primary_option : kw_primary {};
struct no_foreign_key_option : kw_no_foreign_key {};
struct index_method : name {};
struct index_method_close : one< ')' > {};
struct index_option : seq< kw_index, opt< ws, if_must< one< '(' >, ws, index_method, ws, index_method_close > > > {};
struct field_check : if_must< kw_check, ws, check_paren > {};
struct column_name_value : seq< string_lit > {};
struct column_option : if_must< kw_column, ws, column_name_value > {};
// Evolution hints (issue 6): `was oldName`, `using sql "expr"`, `backfill value`. The value of
// `backfill` is a default's value (literal), with its own messages, which speak of 'backfill'.
struct was_name : name {};
struct was_option : if_must< kw_was, ws, was_name > {};
struct using_sql : kw_sql {};
struct using_option : if_must< kw_using, ws, using_sql, ws, quoted_text > {};
struct single_quoted_backfill {};
struct backfill_value : sor< seq< at< one< '\'' > >, raise< single_quoted_backfill > >, literal > {};
struct backfill_option : if_must< kw_backfill, ws, backfill_value > {};
// `name "users_email_key"`: the database name of the constraint or index the option before it
// creates (a reference's foreign key when it follows the target or an `on` action).
struct name_value : seq< string_lit > {};
struct name_option : if_must< kw_name, ws, name_value > {};
// Words that users bring from SQL and other ORMs, reported in place of "expected the end".
struct default_without_equals {};
struct nullability_word : sor< TAO_PEGTL_KEYWORD( "required" ), TAO_PEGTL_KEYWORD( "optional" ), TAO_PEGTL_KEYWORD( "nullable" ), seq< TAO_PEGTL_KEYWORD( "not" ), ws, kw_null > > {};
struct misplaced_nullability {};
struct misplaced_option : sor< seq< at< kw_default >, raise< default_without_equals > >, seq< at< nullability_word >, raise< misplaced_nullability > > > {};
struct field_option : sor< default_option, unique_option, primary_option, no_foreign_key_option, index_option, field_check, column_option, on_option, was_option, using_option, backfill_option, name_option, misplaced_option > {};

// ---- fields and relations -----------------------------------------------------------------
struct field_name : name {};
struct type_name : name {};
struct type_arg : seq< opt< one< '-' > >, plus< digit > > {};
struct type_arg_list : list< type_arg, one< ',' >, blank > {};
struct type_args_close : one< ')' > {};
struct type_args : if_must< one< '(' >, ws, type_arg_list, ws, type_args_close > {};
struct nullable_mark : one< '?' > {};
struct column_type : seq< type_name, opt< ws, type_args >, opt< ws, nullable_mark > > {};
struct target_name : name {};
struct many_brackets : seq< one< '[' >, ws, one< ']' > > {};
struct many_brackets_required : many_brackets {};
struct arrow_to : string< '-', '>' > {};
struct arrow_both : string< '<', '-', '>' > {};
struct arrow_from : string< '<', '-' > {};
struct through_name : name {};
struct through_clause : if_must< kw_through, ws, through_name > {};
struct via_name : name {};
struct via_clause : if_must< kw_via, ws, via_name > {};
struct belongs_to : if_must< arrow_to, ws, target_name, opt< ws, nullable_mark > > {};
struct many_to_many : if_must< arrow_both, ws, target_name, ws, many_brackets_required, ws, through_clause > {};
struct has_relation : if_must< arrow_from, ws, target_name, opt< ws, many_brackets >, opt< ws, via_clause > > {};
struct colon_after_field_name {};
struct field_body : sor< seq< at< one< ':' > >, raise< colon_after_field_name > >, belongs_to, many_to_many, has_relation, column_type > {};
struct field : if_must< field_name, ws, field_body, star< ws, field_option > > {};

// ---- entity-level indexes and checks ------------------------------------------------------
struct index_col_name : name {};
struct index_desc : kw_desc {};
struct index_col : seq< index_col_name, opt< ws, sor< index_desc, kw_asc > > > {};
struct index_col_list : list< index_col, one< ',' >, blank > {};
struct index_cols_close : one< ')' > {};
struct index_cols : seq< one< '(' >, ws, index_col_list, ws, index_cols_close > {};
struct using_method : name {};
struct using_clause : if_must< kw_using, ws, using_method > {};
struct where_sql : kw_sql {};
struct where_clause : if_must< kw_where, ws, where_sql, ws, quoted_text > {};
struct index_name_clause : if_must< kw_name, ws, name_value > {};
struct index_global : kw_global {};
struct index_clause : sor< using_clause, where_clause, index_name_clause, index_global > {};
struct index_head : seq< kw_index, ws, at< one< '(' > > > {};
struct unique_head : seq< kw_unique, ws, at< one< '(' > > > {};
struct unique_index_head : seq< kw_unique_index, ws, at< one< '(' > > > {};
struct primary_head : seq< kw_primary, ws, at< one< '(' > > > {};
// `check sql "..."` without parentheses: no type is named sql, length or match, nor starts with a digit.
struct check_head : seq< kw_check, ws, at< sor< one< '(', '.' >, digit, kw_sql, kw_length, kw_match > > > {};
struct index_decl : if_must< index_head, index_cols, star< ws, index_clause > > {};
struct unique_decl : if_must< sor< unique_head, unique_index_head >, index_cols, star< ws, index_clause > > {};
struct primary_decl : if_must< primary_head, index_cols, star< ws, index_clause > > {};
struct check_name_clause : if_must< kw_name, ws, name_value > {};
struct check_decl : if_must< check_head, check_paren, opt< ws, check_name_clause > > {};

// A member ends at the end of its line, at ';', or before the closing '}'.
struct member_end : sor< one< ';' >, eol, at< one< '}' > > > {};
// `entity Name ... {` where a member should be: the entity above lacks its '}'. No field can
// be followed by '{', so this never rejects a valid member.
struct unclosed_entity {};
struct next_declaration : seq< at< sor< kw_entity, kw_enum, kw_schema >, ws, name, star< ws, sor< name, string_lit > >, ws, one< '{' > >, raise< unclosed_entity > > {};
struct member : seq< sor< next_declaration, index_decl, unique_decl, primary_decl, check_decl, field >, ws, opt< line_comment >, must< member_end > > {};

// ---- entities -----------------------------------------------------------------------------
struct entity_name : name {};
struct entity_option_name : name {};
struct entity_option_value : seq< string_lit > {};
struct entity_option : seq< entity_option_name, opt< ws, entity_option_value > > {};
struct entity_open : one< '{' > {};
struct entity_close : one< '}' > {};
struct entity_decl : if_must< kw_entity, sp, entity_name, star< sp, entity_option >, sp, entity_open, sp, star< member, sp >, entity_close > {};

// ---- file ---------------------------------------------------------------------------------
struct kw_import : TAO_PEGTL_KEYWORD( "import" ) {};
struct import_path : seq< string_lit > {};
struct import_decl : if_must< kw_import, ws, import_path > {};
struct declaration : sor< import_decl, schema_decl, enum_decl, entity_decl > {};
struct end_of_file : eof {};
// A UTF-8 byte order mark (some Windows editors write one) is skipped.
struct file : seq< opt< utf8::bom >, sp, star< declaration, sp >, must< end_of_file > > {};

// clang-format on

// ---- error messages: "CODE|message" (the parser splits the code off) --------------------------
template <typename Rule>
inline constexpr const char* error_message = nullptr;

// clang-format off
template <> inline constexpr auto error_message< unterminated_block_comment > = "E0101|unterminated block comment: this '/*' has no matching '*/'";
template <> inline constexpr auto error_message< escape_char > = "E0102|unknown escape sequence in string: use \\\", \\\\, \\n, \\t or \\r";
template <> inline constexpr auto error_message< star< string_char > > = "E0103|invalid string";
template <> inline constexpr auto error_message< string_close > = "E0103|unterminated string: expected '\"' before the end of the line";
template <> inline constexpr auto error_message< sp > = "E0100|unexpected text";
template <> inline constexpr auto error_message< ws > = "E0100|unexpected text";
template <> inline constexpr auto error_message< schema_name > = "E0104|expected the schema's name after 'schema', like: schema chat { ... }";
template <> inline constexpr auto error_message< schema_open > = "E0105|expected '{' to open the schema header";
template <> inline constexpr auto error_message< star< setting, sp > > = "E0100|unexpected text in the schema header";
template <> inline constexpr auto error_message< schema_close > = "E0106|expected a setting (like tenant Company, naming snake_case, feature \"name\") or '}' to close the schema header";
template <> inline constexpr auto error_message< setting_value > = "E0107|expected a value for the setting: a name, a \"string\", a number, true or false";
template <> inline constexpr auto error_message< enum_name > = "E0108|expected the enum's name after 'enum', like: enum TicketStatus { open closed }";
template <> inline constexpr auto error_message< enum_open > = "E0109|expected '{' to open the enum's values";
template <> inline constexpr auto error_message< star< enum_value, sp, opt< one< ',' >, sp > > > = "E0100|unexpected text in the enum";
template <> inline constexpr auto error_message< enum_close > = "E0110|expected an enum value (a name or a \"string\") or '}' to close the enum";
template <> inline constexpr auto error_message< entity_name > = "E0111|expected the entity's name after 'entity', like: entity Ticket { ... }";
template <> inline constexpr auto error_message< star< sp, entity_option > > = "E0100|unexpected text after the entity's name";
template <> inline constexpr auto error_message< entity_open > = "E0112|expected '{' to open the entity's body (or an entity option: global, no_soft_delete, no_timestamps, table \"name\", was \"OldModel\")";
template <> inline constexpr auto error_message< star< member, sp > > = "E0100|unexpected text in the entity";
template <> inline constexpr auto error_message< entity_close > = "E0113|expected a field (like name string(255)), index(...), unique(...), check(...) or '}' to close the entity";
template <> inline constexpr auto error_message< colon_after_field_name > = "E0114|write the type right after the field's name, without ':', like: title string(255)";
template <> inline constexpr auto error_message< field_body > = "E0114|expected a type (like string(255), integer or an enum's name) or a relation (-> Entity, <- Entity[], <-> Entity[] through Junction) after the field's name";
template <> inline constexpr auto error_message< star< ws, field_option > > = "E0100|unexpected text after the field";
template <> inline constexpr auto error_message< member_end > = "E0115|expected the end of the member: a new line, ';' or '}'; field options are = default, unique, primary, index, no_foreign_key, check(...), column \"name\", name \"...\", on delete ..., on update ..., was oldName, using sql \"...\" and backfill value";
template <> inline constexpr auto error_message< type_arg_list > = "E0116|expected a number in the type's parentheses, like string(255) or decimal(10, 2)";
template <> inline constexpr auto error_message< type_args_close > = "E0117|expected ',' or ')' after the type's argument";
template <> inline constexpr auto error_message< target_name > = "E0118|expected the name of the referenced entity";
template <> inline constexpr auto error_message< opt< ws, nullable_mark > > = "E0100|unexpected text";
template <> inline constexpr auto error_message< many_brackets_required > = "E0119|expected '[]' after the target of a many-to-many relation, like: queues <-> Queue[] through UserQueue";
template <> inline constexpr auto error_message< through_clause > = "E0120|expected 'through Junction' naming the junction entity of the many-to-many relation";
template <> inline constexpr auto error_message< through_name > = "E0121|expected the junction entity's name after 'through'";
template <> inline constexpr auto error_message< opt< ws, many_brackets > > = "E0100|unexpected text";
template <> inline constexpr auto error_message< opt< ws, via_clause > > = "E0100|unexpected text";
template <> inline constexpr auto error_message< via_name > = "E0122|expected the name of the reference field in the target entity after 'via'";
template <> inline constexpr auto error_message< single_quoted_default > = "E0123|strings are written in double quotes, like = \"text\"; an enum value needs no quotes, like = open";
template <> inline constexpr auto error_message< default_value > = "E0123|expected a default value after '=': a number, a \"string\", true, false, null, an enum value, now() or sql \"expression\"";
template <> inline constexpr auto error_message< was_name > = "E0143|expected the field's previous name after 'was', without quotes, like: title string(200) was subject";
template <> inline constexpr auto error_message< using_sql > = "E0144|expected 'sql \"...\"' after 'using': the USING expression of a type change is raw SQL, like using sql \"NULLIF(code, '')::integer\"";
template <> inline constexpr auto error_message< single_quoted_backfill > = "E0145|strings are written in double quotes, like backfill \"text\"; an enum value needs no quotes, like backfill open";
template <> inline constexpr auto error_message< backfill_value > = "E0145|expected the value for existing rows after 'backfill': a number, a \"string\", true, false, an enum value or now()";
template <> inline constexpr auto error_message< name_value > = "E0150|expected the database name as a \"string\" after 'name', like: email string(255) unique name \"users_email_key\"";
template <> inline constexpr auto error_message< opt< ws, check_name_clause > > = "E0100|unexpected text";
template <> inline constexpr auto error_message< index_method > = "E0124|expected an index method in parentheses: btree, hash, gin, gist or brin";
template <> inline constexpr auto error_message< index_method_close > = "E0125|expected ')' after the index method";
template <> inline constexpr auto error_message< check_paren > = "E0126|expected '(' after 'check', like check(0..5)";
template <> inline constexpr auto error_message< check_body > = "E0127|expected a check: a range like 0..5, length 1..50, match \"regex\" or sql \"expression\"";
template <> inline constexpr auto error_message< check_close > = "E0128|expected ')' to close the check";
template <> inline constexpr auto error_message< length_range > = "E0129|expected a range after 'length', like length 1..50";
template <> inline constexpr auto error_message< quoted_text > = "E0130|expected a \"string\"";
template <> inline constexpr auto error_message< column_name_value > = "E0131|expected the column's name as a string after 'column', like column \"legacy_name\"";
template <> inline constexpr auto error_message< on_target > = "E0132|expected 'delete' or 'update' after 'on'";
template <> inline constexpr auto error_message< ref_action > = "E0133|expected a referential action: cascade, restrict, set null, set default or no action";
template <> inline constexpr auto error_message< index_cols > = "E0134|expected the index's columns in parentheses, like index(status, createdAt)";
template <> inline constexpr auto error_message< star< ws, index_clause > > = "E0100|unexpected text after the index";
template <> inline constexpr auto error_message< using_method > = "E0124|expected an index method after 'using': btree, hash, gin, gist or brin";
template <> inline constexpr auto error_message< where_sql > = "E0135|expected 'sql \"...\"' after 'where': a partial index condition is raw SQL, like where sql \"status <> 'closed'\"";
template <> inline constexpr auto error_message< unclosed_entity > = "E0113|expected '}' to close the entity before this declaration";
template <> inline constexpr auto error_message< default_without_equals > = "E0137|a default value follows '=', like: priority integer = 0";
template <> inline constexpr auto error_message< misplaced_nullability > = "E0138|fields are NOT NULL unless their type ends with '?': write email string(255)? for a nullable field, and nothing for a required one";
template <> inline constexpr auto error_message< import_path > = "E0139|expected the imported file's path as a \"string\", like import \"billing.dsl\"";
template <> inline constexpr auto error_message< end_of_file > = "E0136|expected 'import', 'schema', 'enum' or 'entity' at the top level";
// clang-format on

struct error {
  template <typename Rule>
  static constexpr auto message = error_message<Rule>;
};

template <typename Rule>
using control = must_if<error>::control<Rule>;

}  // namespace schemagen::grammar
