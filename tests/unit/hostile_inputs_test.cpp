// Hostile inputs that can't live as text files in tests/diagnostics/: NUL and control bytes,
// invalid UTF-8, a byte order mark, and the limits (a 10,000-character identifier, a 1 MB
// string, 5,000 errors, deep parentheses), built here at run time. Each must end in a clean
// result or a diagnostic with a line:column, never a crash, and the printed output stays small.
// The 50 MB files are tests/cli/large_input.sh (CTest cli.large_input), which takes seconds.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "support/test_support.hpp"

namespace schemagen::testing {
namespace {

using ::testing::HasSubstr;

std::string Field(const std::string& line) { return "entity Company global {\n" + line + "\n}\n"; }

TEST(HostileInputTest, EmptyFileAndOnlyCommentsCompileToAnEmptySchema) {
  for (const std::string text : {"", "\n\n", "// only a comment\n/* and a block */\n",
                                 "/// a doc comment with nothing after it\n", "  \t\r\n"}) {
    SCOPED_TRACE(text);
    Compiled c = CompileText(text);
    ASSERT_TRUE(c.schema.has_value()) << c.Rendered();
    EXPECT_TRUE(c.schema->tables.empty());
    EXPECT_FALSE(c.diagnostics.HasErrors());
  }
}

TEST(HostileInputTest, NulByteIsRejectedWithItsPosition) {
  Compiled c = CompileText(Field(std::string("  name string(9) = \"a\0b\"", 24)));
  EXPECT_FALSE(c.schema.has_value());
  EXPECT_THAT(c.Rendered(), HasSubstr("input.dsl:2:22: error[E0146]: NUL byte in the file"));
  // The excerpt shows the NUL as U+2400, not as a raw byte.
  EXPECT_THAT(c.Rendered(), HasSubstr("\"a\xE2\x90\x80"
                                      "b\""));
  EXPECT_EQ(c.Rendered().find('\0'), std::string::npos);
}

TEST(HostileInputTest, NulByteAloneAndAtTheEnd) {
  EXPECT_THAT(CompileText(std::string(1, '\0')).Rendered(),
              HasSubstr("input.dsl:1:1: error[E0146]"));
  EXPECT_THAT(CompileText(Field("  name text") + std::string(1, '\0')).Rendered(),
              HasSubstr("input.dsl:4:1: error[E0146]"));
}

TEST(HostileInputTest, ControlCharactersAreRejectedAndNeverPrintedRaw) {
  // An ESC in a string would otherwise reach a column name, a comment and the terminal.
  Compiled c = CompileText(Field("  name string(9) column \"\x1b[2J\""));
  EXPECT_FALSE(c.schema.has_value());
  EXPECT_THAT(c.Rendered(), HasSubstr("input.dsl:2:26: error[E0146]: control character U+001B"));
  EXPECT_EQ(c.Rendered().find('\x1b'), std::string::npos);
  EXPECT_THAT(CompileText(Field("  /// bell \a")).Rendered(), HasSubstr("2:12: error[E0146]"));
  EXPECT_THAT(CompileText("entity\fCompany global {}\n").Rendered(),
              HasSubstr("1:7: error[E0146]"));
}

TEST(HostileInputTest, InvalidUtf8IsRejectedWithItsPosition) {
  struct Case {
    std::string bytes;
    std::string what;
  };
  for (const Case& bad :
       {Case{"\xE9", "Latin-1 e acute"}, Case{"\x80", "stray continuation"},
        Case{"\xC0\x80", "overlong NUL"}, Case{"\xE0\x80\xAF", "overlong '/'"},
        Case{"\xED\xA0\x80", "UTF-16 surrogate"}, Case{"\xF4\x90\x80\x80", "above U+10FFFF"},
        Case{"\xF5", "no such lead"}, Case{"\xFF", "0xFF"}, Case{"\xE2\x82", "cut short"}}) {
    SCOPED_TRACE(bad.what);
    for (const std::string& where : {Field("  /// caf" + bad.bytes + " doc"),
                                     Field("  name string(9) = \"caf" + bad.bytes + "\""),
                                     Field("  name string(9) column \"caf" + bad.bytes + "\""),
                                     Field("  // caf" + bad.bytes)}) {
      Compiled c = CompileText(where);
      EXPECT_FALSE(c.schema.has_value());
      const std::string rendered = c.Rendered();
      EXPECT_THAT(rendered, HasSubstr("error[E0147]: invalid UTF-8: byte 0x"));
      EXPECT_THAT(rendered, HasSubstr("input.dsl:2:"));
      EXPECT_EQ(rendered.find(bad.bytes), std::string::npos) << "the bad bytes were printed";
    }
  }
  // Cut short at the very end of the file.
  EXPECT_THAT(CompileText(Field("  name text") + "\xE2\x82").Rendered(),
              HasSubstr("input.dsl:4:1: error[E0147]"));
}

TEST(HostileInputTest, ValidNonAsciiTextIsAccepted) {
  Compiled c = CompileText(
      "/// Conversa com acentuação, 日本語 and 🎫\nentity Company global {\n"
      "  name string(255) = \"São Paulo 🎫 東京\" column \"município\"\n}\n");
  EXPECT_TRUE(c.schema.has_value()) << c.Rendered();
}

TEST(HostileInputTest, ByteOrderMarkIsSkippedAndCountsNoColumn) {
  EXPECT_TRUE(CompileText("\xEF\xBB\xBF" + Field("  name text")).schema.has_value());
  Compiled c = CompileText(
      "\xEF\xBB\xBF"
      "entity company global {}\n");
  EXPECT_THAT(c.Rendered(), HasSubstr("input.dsl:1:8: error[E0501]"));
  EXPECT_THAT(c.Rendered(), HasSubstr(" 1 | entity company global {}\n   |        ^~~~~~~\n"));
}

TEST(HostileInputTest, TenThousandCharacterIdentifiers) {
  const std::string field(10'000, 'a');
  Compiled c = CompileText(Field("  " + field + " text"));
  EXPECT_FALSE(c.schema.has_value());
  EXPECT_THAT(c.Rendered(), HasSubstr("error[E0503]"));
  EXPECT_THAT(c.Rendered(), HasSubstr("is 10000 bytes long; PostgreSQL's limit is 63"));
  const std::string entity = "A" + std::string(9'999, 'b');
  Compiled e = CompileText("entity " + entity + " global {\n  name text\n}\n");
  EXPECT_FALSE(e.schema.has_value());
  EXPECT_THAT(e.Rendered(), HasSubstr("error[E0503]"));
  Compiled t = CompileText("entity Company global {\n  name " + entity + "\n}\n");
  EXPECT_THAT(t.Rendered(), HasSubstr("error[E0202]: unknown type"));
}

TEST(HostileInputTest, OneMegabyteStringCompilesAndAnErrorAfterItPrintsAWindow) {
  const std::string big(1024 * 1024, 'x');
  Compiled ok = CompileText(Field("  body text = \"" + big + "\""));
  ASSERT_TRUE(ok.schema.has_value()) << ok.Rendered().substr(0, 2000);
  Compiled bad = CompileText(Field("  body text = \"" + big + "\" uniqe"));
  EXPECT_FALSE(bad.schema.has_value());
  const std::string rendered = bad.Rendered();
  EXPECT_THAT(rendered, HasSubstr("input.dsl:2:1048594: error[E0115]"));
  EXPECT_LT(rendered.size(), 2000U) << "the whole megabyte line was printed";
  EXPECT_THAT(rendered, HasSubstr(" 2 | ...xxx"));
  EXPECT_THAT(rendered, HasSubstr("xxx\" uniqe\n"));
  EXPECT_THAT(rendered, HasSubstr("^~~~~"));
  // Unterminated: the error is at the end of the line, also shown as a window.
  Compiled open = CompileText(Field("  body text = \"" + big));
  EXPECT_THAT(open.Rendered(), HasSubstr("error[E0103]: unterminated string"));
  EXPECT_LT(open.Rendered().size(), 2000U);
}

TEST(HostileInputTest, FiveThousandErrorsArePrintedAsFifty) {
  std::string text = "entity Company global {\n";
  for (int i = 0; i < 5000; ++i) text += "  f" + std::to_string(i) + " nosuchtype\n";
  text += "}\n";
  Compiled c = CompileText(text);
  EXPECT_EQ(c.diagnostics.error_count(), 5000U);
  const std::string rendered = c.Rendered();
  EXPECT_THAT(rendered, HasSubstr("note: 4950 more errors not shown\n5000 errors generated.\n"));
  EXPECT_LT(rendered.size(), 50U * 1024U);
}

TEST(HostileInputTest, DeepParenthesesAreOneErrorOrRawSql) {
  // The grammar has no recursive rule, so nesting can't overflow the parser's stack: a check
  // takes one level of parentheses, and a raw SQL check is a string, whatever it holds.
  const std::string deep(100'000, '(');
  Compiled c = CompileText(Field("  n integer check(" + deep + "0..1"));
  EXPECT_THAT(c.Rendered(), HasSubstr("input.dsl:2:19: error[E0127]"));
  EXPECT_LT(c.Rendered().size(), 2000U);
  Compiled raw = CompileText(Field("  n integer check(sql \"" + deep + "\")"));
  EXPECT_TRUE(raw.schema.has_value()) << raw.Rendered().substr(0, 2000);
  Compiled comments = CompileText(std::string(100'000, '/') + "\n" + Field("  n integer"));
  EXPECT_TRUE(comments.schema.has_value());
  std::string nested;
  for (int i = 0; i < 100'000; ++i) nested += "/*";
  // "/*/" opens a comment and "*/" closes it, so "/*/*/" is one comment and the rest is text.
  Compiled unclosed = CompileText(nested);
  EXPECT_THAT(unclosed.Rendered(), HasSubstr("input.dsl:1:6: error[E0136]"));
  EXPECT_LT(unclosed.Rendered().size(), 2000U);
  Compiled open = CompileText(Field("  n integer") + "/* " + std::string(1024 * 1024, '*'));
  EXPECT_THAT(open.Rendered(), HasSubstr("input.dsl:4:1: error[E0101]"));
}

}  // namespace
}  // namespace schemagen::testing
