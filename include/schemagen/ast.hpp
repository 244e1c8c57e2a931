// The syntax tree: exactly what the user wrote, with spans, and nothing resolved. The parser
// builds it; only the semantic pass reads it. Options are kept as written (in order, with
// repeats) so the semantic pass can report misuse precisely.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "schemagen/source.hpp"

namespace schemagen::ast {

struct Ident {
  std::string text;
  Span span;
};

/// A literal value: in defaults, settings and checks.
struct Literal {
  enum class Kind { kString, kNumber, kBool, kNull, kIdent, kCall, kSql };
  Kind kind = Kind::kString;
  /// The string's unescaped text, the number as written, "true"/"false", the identifier, the
  /// called function's name (for `now()` / `uuid()`), or the SQL of `sql "..."` (unescaped).
  std::string text;
  Span span;
};

/// `check(...)` on a field, or at entity level with `sql`.
struct Check {
  enum class Kind { kRange, kLength, kMatch, kSql };
  Kind kind = Kind::kRange;
  std::optional<Literal> min;  // kRange, kLength
  std::optional<Literal> max;  // kRange, kLength
  std::string text;            // kMatch: the regex; kSql: the raw SQL expression
  Span span;
};

/// A referential action after `on delete` / `on update`.
struct Action {
  enum class Kind { kCascade, kRestrict, kSetNull, kSetDefault, kNoAction };
  Kind kind = Kind::kNoAction;
  Span span;
};

/// One option after a field's type: `unique`, `index(gin)`, `= 0`, `check(0..5)`,
/// `column "x"`, `on delete cascade`, and the evolution hints `was oldName`,
/// `using sql "expr"` and `backfill 0`.
struct FieldOption {
  enum class Kind {
    kUnique,
    kIndex,
    kDefault,
    kCheck,
    kColumn,
    kOnDelete,
    kOnUpdate,
    kWas,           // was oldName
    kUsing,         // using sql "expr"
    kBackfill,      // backfill value
    kName,          // name "users_email_key": names the option before it, or a reference's key
    kPrimary,       // primary: the column is (part of) the primary key
    kNoForeignKey,  // no_foreign_key: a reference the database does not enforce
  };
  Kind kind = Kind::kUnique;
  Span span;
  std::optional<Ident> index_method;  // kIndex
  /// kDefault, kBackfill: the value; kColumn, kName: the name (kString); kUsing: the raw SQL
  /// (kString); kWas: the field's previous name as written (kIdent).
  std::optional<Literal> value;
  std::optional<Check> check;    // kCheck
  std::optional<Action> action;  // kOnDelete, kOnUpdate
  bool global = false;           // kUnique: `unique global`, unique across every tenant
  bool as_index = false;         // kUnique: `unique_index`, a unique index rather than a constraint
};

/// A member line of an entity that declares an attribute or a relation.
struct Field {
  enum class Kind {
    kColumn,      // name type(args)? options
    kBelongsTo,   // name -> Target? options
    kHasMany,     // name <- Target[] (via field)?
    kHasOne,      // name <- Target (via field)?
    kManyToMany,  // name <-> Target[] through Junction
  };
  Kind kind = Kind::kColumn;
  std::string doc;
  Span span;
  Ident name;
  Ident type;                      // kColumn: the type name; relations: the target entity
  std::vector<Literal> type_args;  // string(255), decimal(10, 2)
  std::optional<Span> nullable;    // the `?`
  std::optional<Ident> through;    // kManyToMany
  std::optional<Ident> via;        // kHasMany / kHasOne: the reference in the target
  std::vector<FieldOption> options;
};

struct IndexColumn {
  Ident name;
  bool descending = false;
};

/// Entity-level `index(...)`, `unique(...)` or `primary(...)`.
struct IndexDecl {
  bool unique = false;
  bool primary = false;   // primary(...): the primary key; no method or predicate
  bool global = false;    // unique(...) global: across every tenant
  bool as_index = false;  // unique_index(...): a unique index rather than a constraint
  Span span;
  std::vector<IndexColumn> columns;
  std::optional<Ident> method;   // using gin
  std::optional<Literal> where;  // where sql "..."
  std::optional<Literal> name;   // name "..."
};

/// Entity-level `check(sql "...")`.
struct CheckDecl {
  Check check;
  Span span;
  std::optional<Literal> name;  // name "..."
};

/// A word after the entity's name: `global`, `no_timestamps`, `table "tickets"`,
/// `was "OldModel"`.
struct EntityOption {
  Ident name;
  std::optional<Literal> value;
  Span span;
};

struct Entity {
  std::string doc;
  Span span;
  Ident name;
  std::vector<EntityOption> options;
  std::vector<Field> fields;
  std::vector<IndexDecl> indexes;
  std::vector<CheckDecl> checks;
};

struct EnumValue {
  std::string doc;
  Literal value;  // kIdent or kString
};

struct Enum {
  std::string doc;
  Span span;
  Ident name;
  std::vector<EnumValue> values;
};

/// `key value` inside `schema name { ... }`.
struct Setting {
  Ident key;
  Literal value;
  Span span;
};

struct SchemaDecl {
  std::string doc;
  Span span;
  Ident name;
  std::vector<Setting> settings;
};

/// `import "billing.dsl"`: another file of the same schema, relative to this one.
struct Import {
  std::string path;
  Span span;
};

/// A `//` or `///` comment as written (with its slashes), for the formatter.
struct Comment {
  std::string text;
  Span span;
};

/// One parsed source file, declarations in source order.
struct File {
  std::uint32_t file_index = 0;
  std::vector<Import> imports;
  std::vector<Comment> comments;    // every line comment, in source order
  std::vector<SchemaDecl> schemas;  // more than one is an error the semantic pass reports
  std::vector<Enum> enums;
  std::vector<Entity> entities;
};

}  // namespace schemagen::ast
