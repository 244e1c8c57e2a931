#include "verify/statements.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace schemagen::testing {
namespace {

using verify::SplitStatements;

std::vector<std::string> Texts(std::string_view script) {
  std::vector<std::string> out;
  for (const verify::SqlStatement& s : SplitStatements(script)) out.push_back(s.text);
  return out;
}

using Texts_ = std::vector<std::string>;

TEST(SplitStatements, AtSemicolonsWithoutTheCommentsBetween) {
  const std::string script =
      "-- header\n"
      "-- schemagen:no-transaction\n"
      "\n"
      "-- add index [safe]\n"
      "DROP INDEX CONCURRENTLY IF EXISTS a_idx;\n"
      "CREATE INDEX CONCURRENTLY a_idx ON t (a);\n"
      "\n"
      "/* a block */ ALTER TABLE t VALIDATE CONSTRAINT c;   -- trailing\n";
  const std::vector<verify::SqlStatement> statements = SplitStatements(script);
  ASSERT_EQ(statements.size(), 3u);
  EXPECT_EQ(statements[0].text, "DROP INDEX CONCURRENTLY IF EXISTS a_idx");
  EXPECT_EQ(statements[0].line, 5u);
  EXPECT_EQ(statements[1].text, "CREATE INDEX CONCURRENTLY a_idx ON t (a)");
  EXPECT_EQ(statements[1].line, 6u);
  EXPECT_EQ(statements[2].text, "ALTER TABLE t VALIDATE CONSTRAINT c");
  EXPECT_EQ(statements[2].line, 8u);
}

TEST(SplitStatements, TheLastStatementNeedsNoSemicolon) {
  EXPECT_EQ(Texts("SELECT 1; SELECT 2"), (Texts_{"SELECT 1", "SELECT 2"}));
  EXPECT_EQ(Texts("  ;;\n; -- only a comment\n/* and another */"), Texts_{});
  EXPECT_EQ(Texts(""), Texts_{});
}

TEST(SplitStatements, LiteralsWithDoubledQuotes) {
  EXPECT_EQ(Texts("UPDATE t SET a = 'x; y''s -- not a comment'; SELECT 2;"),
            (Texts_{"UPDATE t SET a = 'x; y''s -- not a comment'", "SELECT 2"}));
  EXPECT_EQ(Texts("SELECT ''';'''; SELECT 2"), (Texts_{"SELECT ''';'''", "SELECT 2"}));
}

TEST(SplitStatements, EscapeStringsTakeBackslashes) {
  EXPECT_EQ(Texts(R"(SELECT E'it\'s; fine'; SELECT 2)"),
            (Texts_{R"(SELECT E'it\'s; fine')", "SELECT 2"}));
  // Outside E'...' a backslash is an ordinary character: 'a\' ends the literal.
  EXPECT_EQ(Texts(R"(SELECT 'a\'; SELECT 2)"), (Texts_{R"(SELECT 'a\')", "SELECT 2"}));
  // An identifier ending in e is no escape-string prefix.
  EXPECT_EQ(Texts(R"(SELECT type'a\'; SELECT 2)"), (Texts_{R"(SELECT type'a\')", "SELECT 2"}));
}

TEST(SplitStatements, QuotedIdentifiers) {
  EXPECT_EQ(Texts(R"(ALTER TABLE "a;b" RENAME TO "c""d;"; SELECT 2)"),
            (Texts_{R"(ALTER TABLE "a;b" RENAME TO "c""d;")", "SELECT 2"}));
}

TEST(SplitStatements, CommentsInsideAStatementStay) {
  EXPECT_EQ(Texts("SELECT 1 -- one; two\n + 2; SELECT /* ; /* nested; */ ; */ 3;"),
            (Texts_{"SELECT 1 -- one; two\n + 2", "SELECT /* ; /* nested; */ ; */ 3"}));
}

TEST(SplitStatements, DollarQuotes) {
  const std::string function =
      "CREATE FUNCTION f() RETURNS trigger AS $$\nBEGIN\n  NEW.a := 'x;';\n  RETURN NEW;\nEND\n"
      "$$ LANGUAGE plpgsql";
  EXPECT_EQ(Texts(function + ";\nSELECT 2;"), (Texts_{function, "SELECT 2"}));
  const std::string tagged = "DO $body$ BEGIN PERFORM $$;$$; END $body$";
  EXPECT_EQ(Texts(tagged + "; SELECT 2"), (Texts_{tagged, "SELECT 2"}));
  // $1 is a parameter and a$b an identifier: neither opens a quote.
  EXPECT_EQ(Texts("SELECT $1; SELECT a$b; SELECT 3"),
            (Texts_{"SELECT $1", "SELECT a$b", "SELECT 3"}));
}

TEST(SplitStatements, UnterminatedQuotesRunToTheEnd) {
  EXPECT_EQ(Texts("SELECT 'a; SELECT 2"), (Texts_{"SELECT 'a; SELECT 2"}));
  EXPECT_EQ(Texts("SELECT $x$ a; b"), (Texts_{"SELECT $x$ a; b"}));
  EXPECT_EQ(Texts("SELECT 1 /* a; b"), (Texts_{"SELECT 1 /* a; b"}));
}

TEST(SplitStatements, LinesCountInsideQuotesAndComments) {
  const auto statements = SplitStatements("/* a\nb */ SELECT 'x\ny';\n$$\n$$;\n\nSELECT 3;");
  ASSERT_EQ(statements.size(), 3u);
  EXPECT_EQ(statements[0].line, 2u);
  EXPECT_EQ(statements[1].line, 4u);
  EXPECT_EQ(statements[2].line, 7u);
}

TEST(NoTransactionMarker, ALineOfItsOwn) {
  EXPECT_TRUE(verify::HasNoTransactionMarker("-- a\n-- schemagen:no-transaction\nSELECT 1;"));
  EXPECT_TRUE(verify::HasNoTransactionMarker("  -- schemagen:no-transaction  \r\n"));
  EXPECT_FALSE(verify::HasNoTransactionMarker("-- schemagen:no-transaction please\n"));
  EXPECT_FALSE(verify::HasNoTransactionMarker("SELECT '-- schemagen:no-transaction';"));
  EXPECT_FALSE(verify::HasNoTransactionMarker(""));
}

TEST(FirstLine, OfAStatement) {
  EXPECT_EQ(verify::FirstLine("CREATE TABLE t (\n  a int\n)"), "CREATE TABLE t ( ...");
  EXPECT_EQ(verify::FirstLine("DROP TABLE t"), "DROP TABLE t");
}

}  // namespace
}  // namespace schemagen::testing
