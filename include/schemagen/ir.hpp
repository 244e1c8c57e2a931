// The intermediate representation every generator reads: the schema with every name resolved,
// every injected column, index and constraint present and named, tables in creation order.
// The semantic pass builds it once; afterwards it is only read (generators take it by const&).
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "schemagen/source.hpp"

namespace schemagen::ir {

/// How model and attribute names map to tables and columns.
enum class Naming {
  kSnakeCase,   ///< Ticket.lastMessageAt -> tickets.last_message_at (the default)
  kPascalCase,  ///< Ticket.lastMessageAt -> "Tickets"."lastMessageAt" (older systems)
};

enum class TypeKind {
  kString,
  kText,
  kInteger,
  kBigInt,
  kSmallInt,
  kDecimal,
  kReal,
  kDouble,
  kBoolean,
  kDate,
  kDateTime,
  kUuid,
  kJson,
  kJsonb,
  kEnum,
};

struct Type {
  TypeKind kind = TypeKind::kInteger;
  int length = 0;         ///< kString: varchar length; kEnum: the varchar length used
  int precision = 0;      ///< kDecimal; 0 = unconstrained numeric
  int scale = 0;          ///< kDecimal
  std::string enum_name;  ///< kEnum
  /// Only in a schema read back from a database (src/pg/inspect.cpp): a type no TypeKind
  /// stands for ("bytea", "text[]", "timestamp without time zone"), as format_type() prints
  /// it; `kind` is then kText. PgTypeName returns it.
  std::string pg_name = {};
};

/// A column default. A schema read back from a database holds every default as kNumber with
/// the expression as pg_get_expr() prints it: kNumber values are SQL, printed verbatim.
struct Default {
  enum class Kind { kNumber, kString, kBool, kNow, kCurrentDate, kRandomUuid, kNull, kSql };
  Kind kind = Kind::kNumber;
  /// number text, unescaped string, "true"/"false", the expression of `= sql "..."` (kSql,
  /// printed verbatim like kNumber); empty otherwise
  std::string value;
};

enum class ColumnOrigin { kDeclared, kId, kTenant, kCreatedAt, kUpdatedAt, kDeletedAt, kReference };

struct Column {
  std::string attribute;  ///< model attribute, camelCase: "contactId"
  std::string name;       ///< database column: "contact_id"
  Type type;
  bool nullable = false;
  bool primary_key = false;
  bool auto_increment = false;
  std::optional<Default> default_value;
  ColumnOrigin origin = ColumnOrigin::kDeclared;
  std::string doc;
  Span span;

  // Evolution hints from the DSL (issue 6). They say how to get here from the previous state;
  // they are not part of the schema, so the state snapshot does not record them.
  std::string was;        ///< `was oldName`: the attribute this column had in the previous state
  std::string using_sql;  ///< `using sql "..."`: the USING expression of a type change
  std::optional<Default> backfill;  ///< `backfill V`: the value existing rows get when the
                                    ///< column is added NOT NULL (or becomes NOT NULL)
};

enum class Action { kNoAction, kRestrict, kCascade, kSetNull, kSetDefault };

struct ForeignKey {
  std::string name;
  std::vector<std::string> columns;  ///< database column names
  std::string ref_table;
  std::vector<std::string> ref_columns;
  Action on_delete = Action::kNoAction;
  Action on_update = Action::kNoAction;
  bool deferred = false;  ///< added after all tables exist, because of a reference cycle
  Span span;
  /// ON DELETE SET NULL (columns): the columns a delete sets to NULL when not all of them
  /// (PostgreSQL 15). A same-tenant key (company_id, contact_id) nulls only contact_id.
  std::vector<std::string> set_null_columns;
};

/// The column a reference is held in: the last of the key's columns, so "contact_id" for the
/// same-tenant key (company_id, contact_id) as for the plain key (contact_id).
const std::string& ReferenceColumn(const ForeignKey& fk);
/// True for a same-tenant key: (tenant column, reference) REFERENCES target (tenant column, id).
bool IsSameTenantKey(const ForeignKey& fk, const std::string& tenant_column);

/// Why an index exists; the schema-change document explains each.
enum class IndexReason { kTenant, kForeignKey, kUnique, kDeclared };

struct IndexColumn {
  std::string name;  ///< database column name
  bool descending = false;
};

struct Index {
  std::string name;
  std::vector<IndexColumn> columns;
  bool unique = false;
  std::string method = "btree";
  std::string where;  ///< raw SQL predicate, empty for a full index
  IndexReason reason = IndexReason::kDeclared;
  Span span;
};

/// A UNIQUE constraint (for tables without soft delete; soft-deleted tables get partial unique
/// indexes instead, so a deleted row does not block a new one).
struct UniqueConstraint {
  std::string name;
  std::vector<std::string> columns;
  Span span;
};

struct Check {
  enum class Kind { kEnum, kRange, kLength, kMatch, kRawSql };
  std::string name;
  Kind kind = Kind::kRawSql;
  std::string column;                  ///< the checked column, empty for an entity-level check
  std::string expression;              ///< the SQL boolean expression, identifiers already quoted
  std::optional<std::string> min;      ///< kRange, kLength: the bound as written
  std::optional<std::string> max;      ///< kRange, kLength
  std::optional<std::string> pattern;  ///< kMatch: the regular expression
  Span span;
};

/// A row-level security policy (CREATE POLICY name ON table FOR command USING (...) WITH
/// CHECK (...)). The semantic pass writes the expressions; a schema read back from a database
/// holds them as pg_get_expr() prints them.
struct Policy {
  std::string name;
  std::string command = "ALL";  ///< ALL, SELECT, INSERT, UPDATE or DELETE
  std::string using_expr;       ///< empty: none
  std::string check_expr;       ///< WITH CHECK; empty: none
  Span span;
};

struct Relation {
  enum class Kind { kBelongsTo, kHasMany, kHasOne, kBelongsToMany };
  Kind kind = Kind::kBelongsTo;
  std::string name;         ///< association name: "contact", "messages"
  std::string target;       ///< target model
  std::string foreign_key;  ///< attribute holding the key (on this model for belongsTo, else
                            ///< on the target / junction)
  std::string through;      ///< kBelongsToMany: junction model
  std::string other_key;    ///< kBelongsToMany: the junction's attribute for the target
  Action on_delete = Action::kNoAction;
  Action on_update = Action::kNoAction;
  Span span;
};

struct Table {
  std::string model;  ///< PascalCase singular: "TicketMessage"
  std::string name;   ///< "ticket_messages"
  std::string doc;
  bool global = false;     ///< not tenant scoped (the tenant itself, lookup tables)
  bool paranoid = true;    ///< soft delete through deletedAt
  bool timestamps = true;  ///< createdAt / updatedAt
  bool junction = false;   ///< synthesized for a many-to-many relation
  std::vector<Column> columns;
  std::string primary_key_name;
  std::vector<ForeignKey> foreign_keys;
  std::vector<UniqueConstraint> uniques;
  std::vector<Check> checks;
  std::vector<Index> indexes;
  /// Row-level security: ALTER TABLE ... ENABLE / FORCE ROW LEVEL SECURITY, and the policies.
  bool row_security = false;
  bool force_row_security = false;
  std::vector<Policy> policies;
  std::vector<Relation> relations;
  Span span;
  /// Evolution hint from the DSL (`was "OldModel"`): the model this table had in the previous
  /// state. Not part of the schema.
  std::string was;

  const Column* FindColumnByAttribute(const std::string& attribute) const;
  const Column* FindColumn(const std::string& name) const;
  /// The injected tenant column ("company_id"), or null for a global table.
  const Column* FindTenantColumn() const;
  /// The primary key's columns in table order: the injected id, or the declared key's columns.
  std::vector<const Column*> KeyColumns() const;
  /// Their database names.
  std::vector<std::string> KeyColumnNames() const;
};

struct Enum {
  std::string name;
  std::vector<std::string> values;
  std::string doc;
  Span span;
};

struct Schema {
  std::string source;  ///< the schema file's name, without directories, for headers
  std::string name;
  std::string doc;
  std::string feature;       ///< used in document and migration names
  std::string tenant;        ///< the tenant model ("Company")
  std::string tenant_table;  ///< its table ("companies")
  Naming naming = Naming::kSnakeCase;
  std::string timestamp;  ///< YYYYMMDDHHMMSS of the create migration
  std::string migrations_dir = "src/database/migrations";
  std::string models_dir = "src/models";
  std::string docs_dir = "docs/db";
  /// Tenant isolation enforced by PostgreSQL (issue 10). References between two tenant tables
  /// are same-tenant keys (the default), and with row_level_security every tenant table gets
  /// ENABLE + FORCE ROW LEVEL SECURITY and a policy on the transaction-local tenant_setting.
  bool same_tenant_references = true;
  bool row_level_security = false;
  std::string tenant_setting = "app.current_company_id";
  /// The PostgreSQL major the SQL is written for (`postgres 12` in the header, --postgres):
  /// only forms that major accepts, with the same meaning on every later one. 0 in a
  /// snapshot recorded before schemagen had targets: its SQL used PostgreSQL 15's forms.
  int postgres = 0;
  std::vector<Enum> enums;
  std::vector<Table> tables;  ///< creation order: every FK target before its referrers

  const Table* FindTable(const std::string& model) const;
  /// The table named `table_name` ("tickets").
  const Table* FindTableByName(const std::string& table_name) const;
  const Enum* FindEnum(const std::string& name) const;
  /// Builds the lookup indexes of FindTable/FindTableByName (the semantic pass calls it once
  /// the tables are in order); without it lookups scan the tables.
  void Reindex();

 private:
  std::unordered_map<std::string, std::size_t> by_model_;
  std::unordered_map<std::string, std::size_t> by_name_;
};

/// The PostgreSQL majors schemagen writes for; the default target is the oldest.
inline constexpr int kOldestPostgres = 12;
inline constexpr int kNewestPostgres = 18;
/// The major `schema`'s SQL is written for: its target, or 15 for a snapshot from before targets.
int PostgresTarget(const Schema& schema);

/// "integer", "character varying(255)"... as PostgreSQL's format_type() prints it.
std::string PgTypeName(const Type& type);
const char* ActionSql(Action action);

}  // namespace schemagen::ir
