// Statements verify will not run from a migration at all, whatever the scratch: those that end
// or start a transaction (a COMMIT inside a migration would commit what came before it ahead of
// the containment check, pg/containment.hpp, and run the rest unchecked), change the session's
// role, reach outside the database (COPY with a server file or program, LOAD, dblink, the
// server's file and signal functions) or change roles. None of them belongs in a schema
// migration; each is refused with its line before anything runs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "verify/statements.hpp"

namespace schemagen::verify {

/// Why `statement` is refused, or empty when verify may run it.
std::string Refusal(const SqlStatement& statement);

/// The first refused statement of `statements`, as "line N: WHY (FIRST LINE)"; empty when
/// none is.
std::string FirstRefusal(const std::vector<SqlStatement>& statements);

/// `statements` without a BEGIN (or START TRANSACTION) that opens them and the COMMIT (or END)
/// that closes them: a file written for psql that holds its own transaction runs in verify's.
/// Any other transaction control stays, for Refusal to refuse.
std::vector<SqlStatement> WithoutOwnTransaction(std::vector<SqlStatement> statements);

/// `statement` with CONCURRENTLY removed when it is CREATE [UNIQUE] INDEX CONCURRENTLY, DROP
/// INDEX CONCURRENTLY or REINDEX ... CONCURRENTLY: the form that may run inside a transaction
/// block and gives the same catalog (only the locks taken differ, which a scratch nobody else
/// uses can't tell). nullopt for every other statement.
std::optional<std::string> WithoutConcurrently(const std::string& statement);

}  // namespace schemagen::verify
