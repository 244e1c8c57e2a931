// PostgreSQL DDL from the IR. The statements are data, so the same list can be written to the
// .sql files, embedded in the schema-change document and applied by verify.
#pragma once

#include <string>
#include <vector>

#include "schemagen/ir.hpp"

namespace schemagen::sql {

/// One statement, ending in ';', with an optional comment (plain text, may span lines) that
/// explains it to a reader.
struct Statement {
  std::string comment;
  std::string text;
};

struct Migration {
  std::string name;  ///< "20260115090000-create-atendimento"
  std::vector<Statement> up;
  std::vector<Statement> down;  ///< reverses `up` exactly
  /// False for a migration whose statements must each run on their own, outside a
  /// transaction (CREATE INDEX CONCURRENTLY, VALIDATE CONSTRAINT on a populated table). Its
  /// .sql files carry the line `-- schemagen:no-transaction`.
  bool transactional = true;
  /// What the header says it does: "creates 9 tables of feature \"atendimento\"".
  std::string summary;
};

/// The line that marks a .sql file whose statements run outside a transaction.
inline constexpr const char* kNoTransactionMarker = "-- schemagen:no-transaction";

/// The migration that creates `schema` from an empty database.
Migration CreateMigration(const ir::Schema& schema);
/// CreateMigration from each table's CreateTableStatements, already made (in schema order).
Migration CreateMigration(const ir::Schema& schema,
                          const std::vector<const std::vector<Statement>*>& table_statements);

/// The type as written in DDL: "varchar(255)", "timestamptz", "serial"...
std::string ColumnType(const ir::Column& column);
/// The DEFAULT expression of a column ("0", "'open'", "now()", "'{}'::jsonb"). With
/// `one_line`, a string holding a newline, a tab or another control character is written as
/// the equivalent escape string (E'a\nb'), for a document's table cell or code span.
std::string DefaultExpression(const ir::Column& column, bool one_line = false);
/// "create-<feature>" made safe for a file name: lower case, '-' between words.
std::string Slug(const std::string& text);

/// CREATE TABLE with its columns and constraints (keys of reference cycles excepted), then
/// its indexes, comments and row-level security: what the create migration does for one table,
/// for PostgreSQL `postgres`. With `set_null_triggers`, also the triggers of its keys'
/// pre-15 ON DELETE SET NULL (columns) (SetNullTriggers).
std::vector<Statement> CreateTableStatements(const ir::Table& table, int postgres,
                                             bool set_null_triggers = true);
/// `CONSTRAINT name FOREIGN KEY (...) REFERENCES ... ON DELETE ... ON UPDATE ...` without the
/// leading CONSTRAINT name: "FOREIGN KEY (...) ...", as PostgreSQL `postgres` accepts it.
std::string ForeignKeyClause(const ir::ForeignKey& fk, int postgres);
/// "CASCADE", "SET NULL (\"contact_id\")": the ON DELETE action with its column list (none
/// before PostgreSQL 15, see SetNullByTrigger).
std::string OnDelete(const ir::ForeignKey& fk, int postgres);

// ---- Forms that depend on the target major (src/gen/sql_targets.cpp) --------------------

/// True when `fk`'s ON DELETE SET NULL (columns) is written for `postgres` in the form before
/// 15: the key's ON DELETE SET NULL nulls every column, and a BEFORE UPDATE trigger on the
/// table, fired only by such a key action, gives the other columns (the tenant column) back.
bool SetNullByTrigger(const ir::ForeignKey& fk, int postgres);
/// The name of that trigger and of its function: "<key>_set_null", within 63 bytes.
std::string SetNullTriggerName(const ir::ForeignKey& fk);
/// CREATE FUNCTION and CREATE TRIGGER of that form for `fk` of `table`; none when native.
std::vector<Statement> SetNullTrigger(const ir::Table& table, const ir::ForeignKey& fk,
                                      int postgres);
/// DROP TRIGGER (unless the table is being dropped) and DROP FUNCTION of that form.
std::vector<Statement> DropSetNullTrigger(const ir::Table& table, const ir::ForeignKey& fk,
                                          int postgres, bool table_dropped);
/// SetNullTrigger of every key of `table`.
std::vector<Statement> SetNullTriggers(const ir::Table& table, int postgres);
/// DROP FUNCTION of every such trigger of `table`, after DROP TABLE.
std::vector<Statement> DropSetNullFunctions(const ir::Table& table, int postgres);
/// True when a column default calls gen_random_uuid() and the target is older than 13,
/// where it is the pgcrypto extension's.
bool NeedsPgcrypto(const ir::Schema& schema);
/// Creates pgcrypto, marked as schemagen's, unless gen_random_uuid() or pgcrypto exists.
Statement EnsurePgcrypto();
/// Drops pgcrypto if schemagen's mark is on it and nothing depends on it any more.
Statement DropPgcryptoIfCreated();
/// "CREATE POLICY name ON table [FOR cmd]\n  USING (...)\n  WITH CHECK (...)" without ';'.
std::string CreatePolicyText(const ir::Table& table, const ir::Policy& policy);
/// ENABLE and FORCE ROW LEVEL SECURITY and CREATE POLICY for `table`, as it declares them.
std::vector<Statement> RowSecurityStatements(const ir::Table& table);
/// "CREATE [UNIQUE] INDEX name ON table [USING m] (cols) [WHERE (p)]" without ';'.
std::string CreateIndexText(const ir::Table& table, const ir::Index& index,
                            bool concurrently = false);
/// "\"name\" type [NOT NULL] [DEFAULT d]".
std::string ColumnDefinition(const ir::Column& column);
/// "(\"a\", \"b\")" without the parentheses: quoted, comma-separated.
std::string QuoteList(const std::vector<std::string>& names);

/// Renders statements as a .sql file: a header comment, then each statement with its comment.
std::string RenderFile(const std::vector<Statement>& statements, const std::string& header);

/// The texts of `<name>.up.sql` and `<name>.down.sql` for `migration` of `schema`, exactly as
/// written to disk (the schema-change document embeds the same text).
std::string UpFile(const ir::Schema& schema, const Migration& migration);
std::string DownFile(const ir::Schema& schema, const Migration& migration);

}  // namespace schemagen::sql
