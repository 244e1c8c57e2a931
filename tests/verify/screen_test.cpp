#include "verify/screen.hpp"

#include <gtest/gtest.h>

#include <string>

namespace schemagen::testing {
namespace {

using verify::Refusal;
using verify::SqlStatement;
using verify::WithoutConcurrently;

std::string Why(const std::string& text) { return Refusal(SqlStatement{text, 1}); }

TEST(Screen, RefusesWhatWouldLeaveTheScratchOrItsTransaction) {
  for (const char* text :
       {"COMMIT", "commit and chain", "END", "BEGIN", "start transaction", "ROLLBACK", "ABORT",
        "PREPARE TRANSACTION 'x'", "/* a /* nested */ comment */ COMMIT", "-- a comment\nCOMMIT"}) {
    EXPECT_NE(Why(text).find("controls the transaction"), std::string::npos) << text;
  }
  for (const char* text : {"SET ROLE postgres", "set local role x", "SET SESSION AUTHORIZATION x",
                           "RESET ROLE", "reset session authorization"}) {
    EXPECT_EQ(Why(text), "it changes the session's role") << text;
  }
  EXPECT_NE(Why("COPY t TO PROGRAM 'rm -rf /'"), "");
  EXPECT_NE(Why("LOAD 'evil'"), "");
  EXPECT_NE(Why("CREATE ROLE x SUPERUSER"), "");
  EXPECT_NE(Why("ALTER USER app PASSWORD 'x'"), "");
  EXPECT_NE(Why("ALTER SYSTEM SET fsync = off"), "");
  EXPECT_EQ(Why("DO $$BEGIN PERFORM dblink_exec('dbname=app', 'DROP TABLE t'); END$$"),
            "dblink_exec() reaches outside the database");
  EXPECT_EQ(Why("SELECT PG_READ_FILE('/etc/passwd')"),
            "pg_read_file() reaches outside the database");
}

TEST(Screen, LetsEveryStatementSchemagenWritesThrough) {
  for (const char* text :
       {"CREATE TABLE t (id serial PRIMARY KEY)", "ALTER TABLE t ADD COLUMN dblink_id integer",
        "SET LOCAL lock_timeout = '5s'", "SET search_path TO x", "SAVEPOINT a",
        "ROLLBACK TO SAVEPOINT a", "RELEASE a", "CREATE INDEX CONCURRENTLY i ON t (a)",
        "COMMENT ON TABLE t IS 'COMMIT; SET ROLE postgres'", "GRANT SELECT ON t TO app",
        "CREATE POLICY p ON t USING (company_id = 1)",
        "SELECT set_config('app.company', '1', true)"}) {
    EXPECT_EQ(Why(text), "") << text;
  }
}

TEST(Screen, AFileThatHoldsItsOwnTransactionRunsInVerifys) {
  auto texts = [](const std::vector<SqlStatement>& statements) {
    std::vector<std::string> out;
    for (const SqlStatement& s : statements) out.push_back(s.text);
    return out;
  };
  using Texts = std::vector<std::string>;
  EXPECT_EQ(
      texts(verify::WithoutOwnTransaction({{"BEGIN", 1}, {"CREATE TABLE t ()", 2}, {"COMMIT", 3}})),
      Texts{"CREATE TABLE t ()"});
  EXPECT_EQ(texts(verify::WithoutOwnTransaction(
                {{"start transaction", 1}, {"SELECT 1", 2}, {"end transaction", 3}})),
            Texts{"SELECT 1"});
  // A COMMIT in the middle stays, and is refused.
  const Texts middle = texts(verify::WithoutOwnTransaction(
      {{"BEGIN", 1}, {"SELECT 1", 2}, {"COMMIT", 3}, {"UPDATE public.t SET a = 1", 4}}));
  EXPECT_EQ(middle.front(), "BEGIN");
  EXPECT_EQ(verify::FirstRefusal({{"SELECT 1", 1}, {"COMMIT", 2}, {"UPDATE t SET a = 1", 3}}),
            "line 2: verify does not run this statement: it controls the transaction: a migration "
            "runs inside one that sequelize-cli (and verify) open and close (COMMIT)");
}

TEST(Screen, ConcurrentlyRemovedOnlyWhereItIsTheIndexKeyword) {
  EXPECT_EQ(WithoutConcurrently("CREATE INDEX CONCURRENTLY a_idx ON t (a)"),
            "CREATE INDEX  a_idx ON t (a)");
  EXPECT_EQ(WithoutConcurrently("create unique index concurrently if not exists a ON t (a)"),
            "create unique index  if not exists a ON t (a)");
  EXPECT_EQ(WithoutConcurrently("DROP INDEX CONCURRENTLY IF EXISTS a_idx"),
            "DROP INDEX  IF EXISTS a_idx");
  EXPECT_EQ(WithoutConcurrently("REINDEX INDEX CONCURRENTLY a_idx"), "REINDEX INDEX  a_idx");
  EXPECT_EQ(WithoutConcurrently("ALTER TABLE t VALIDATE CONSTRAINT c"), std::nullopt);
  EXPECT_EQ(WithoutConcurrently("CREATE INDEX concurrently_idx ON t (a)"), std::nullopt);
  EXPECT_EQ(WithoutConcurrently("COMMENT ON INDEX i IS 'CREATE INDEX CONCURRENTLY'"), std::nullopt);
}

}  // namespace
}  // namespace schemagen::testing
