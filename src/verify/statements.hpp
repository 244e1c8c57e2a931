// The statements of a migration file, for the files that must run one statement at a time:
// a .sql file carrying the line `-- schemagen:no-transaction` (sql::kNoTransactionMarker) holds
// statements such as CREATE INDEX CONCURRENTLY that PostgreSQL refuses inside a transaction
// block, and a multi-statement query is one implicit transaction. Verify also reads the
// statements to follow the renames an UP makes (ALTER TABLE ... RENAME).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace schemagen::verify {

/// One statement of a script.
struct SqlStatement {
  /// From its first token to the end, without the ';' that ends it and without the comments
  /// and blank lines before it; comments inside it are kept.
  std::string text;
  std::size_t line = 1;  ///< of its first token in the script, from 1
};

/// Splits `script` at the semicolons that end statements, as psql does: not inside '...'
/// literals ('' escapes; E'...' also takes backslash escapes), "..." identifiers ("" escapes),
/// -- and (nested) /* */ comments, or $$...$$ and $tag$...$tag$ dollar quotes. Statements made
/// only of comments are dropped; the last one needs no ';'. An unterminated quote or comment
/// runs to the end of the script. (SQL-standard function bodies, BEGIN ATOMIC ... END, are
/// not recognized: their inner semicolons split.)
std::vector<SqlStatement> SplitStatements(std::string_view script);

/// True when a line of `script`, trimmed, is `-- schemagen:no-transaction`.
bool HasNoTransactionMarker(std::string_view script);

/// The first line of a statement, for messages: "DROP INDEX CONCURRENTLY IF EXISTS x".
std::string FirstLine(const std::string& statement);

}  // namespace schemagen::verify
