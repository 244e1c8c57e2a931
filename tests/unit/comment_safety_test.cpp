// User text reaches comments of every output: doc comments in SQL `--` lines, TypeScript `//`
// and `/** */`, Markdown and Mermaid; the schema's file name in every file's header. A property
// test: whatever that text holds (every line terminator a consumer honours, comment closers,
// statements), it stays inside its comment, as psql, tsc and a Markdown renderer split lines.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cctype>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "schemagen/driver.hpp"
#include "schemagen/text.hpp"
#include "support/test_support.hpp"

namespace schemagen::testing {
namespace {

using ::testing::ElementsAre;

TEST(TextTest, LinesEndAtEveryTerminatorAConsumerHonours) {
  EXPECT_THAT(text::Lines("a\nb\rc\r\nd\xC2\x85"
                          "e\xE2\x80\xA8"
                          "f\xE2\x80\xA9g"),
              ElementsAre("a", "b", "c", "d", "e", "f", "g"));
  EXPECT_THAT(text::Lines(""), ElementsAre(""));
  EXPECT_THAT(text::Lines("a\n"), ElementsAre("a", ""));
  // Not terminators: other C1 characters, a truncated sequence, U+2027.
  EXPECT_THAT(text::Lines("a\xC2\x86"
                          "b\xE2\x80\xA7"
                          "c\xE2\x80"),
              ElementsAre("a\xC2\x86"
                          "b\xE2\x80\xA7"
                          "c\xE2\x80"));
  EXPECT_EQ(text::NormalizeLineBreaks("a\r\nb\rc\xE2\x80\xA8"), "a\nb\nc\n");
}

TEST(TextTest, EscapeControlsKeepsPlainTextAndEscapesTheRest) {
  EXPECT_EQ(text::EscapeControls("entities.dsl"), "entities.dsl");
  EXPECT_EQ(text::EscapeControls("C:\\a b.dsl"), "C:\\a b.dsl");
  EXPECT_EQ(text::EscapeControls("a\nb\rc\td\x1b[2J\\"), "a\\nb\\rc\\td\\x1b[2J\\\\");
  EXPECT_EQ(text::EscapeControls("x\xC2\x85y\xE2\x80\xA8z\x7f"), "x\\u0085y\\u2028z\\x7f");
  EXPECT_FALSE(text::HasControls("caf\xC3\xA9"));
}

TEST(SourceTest, ACarriageReturnAloneEndsALine) {
  // A schema saved with CR line ends: the `//` comment on line 1 ends at its CR, so the entity
  // after it is still there, and diagnostics count CR-only lines.
  Compiled ok = CompileText("// a comment\rentity Company global {\r  name text\r}\r");
  ASSERT_TRUE(ok.schema.has_value()) << ok.Rendered();
  ASSERT_EQ(ok.schema->tables.size(), 1u);
  Compiled bad = CompileText("// a comment\rentity Company global {\r  name txet\r}\r");
  EXPECT_THAT(bad.Rendered(), ::testing::HasSubstr("input.dsl:3:8: error"));
  Compiled mixed = CompileText("entity Company global {\r\n  a text\r  b txet\n}\n");
  EXPECT_THAT(mixed.Rendered(), ::testing::HasSubstr("input.dsl:3:5: error"));
}

// The pieces hostile text is made of.
const std::vector<std::string> kPieces = {"\r",
                                          "\n",
                                          "\r\n",
                                          "\xC2\x85",
                                          "\xE2\x80\xA8",
                                          "\xE2\x80\xA9",
                                          "*/",
                                          "/*",
                                          "-->",
                                          "--",
                                          "<!--",
                                          "#",
                                          "`",
                                          "```",
                                          "'",
                                          "\"",
                                          "\\",
                                          "|",
                                          ";",
                                          " DROP TABLE companies; ",
                                          "}",
                                          "# heading",
                                          "@Column",
                                          "$$",
                                          "<br>"};

std::string HostileText(std::mt19937& random, const std::string& marker) {
  std::string text = marker;
  std::uniform_int_distribution<std::size_t> count(1, 8);
  std::uniform_int_distribution<std::size_t> pick(0, kPieces.size() - 1);
  for (std::size_t i = count(random); i > 0; --i) {
    text += kPieces[pick(random)];
    text += marker;  // text after each piece must stay in the comment too
  }
  return text;
}

// Doc comments are `///` lines: a line end in the hostile text (LF, CR or CRLF: all end a line
// in the DSL) continues it on the next `///` line.
std::string AsDocComment(const std::string& text, const std::string& indent) {
  std::string out = indent + "/// ";
  for (std::size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    const bool crlf = text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n';
    if ((text[i] == '\n' || text[i] == '\r') && !crlf) out += indent + "/// ";
  }
  return out + "\n";
}

// Where `marker` occurs in SQL text outside a comment or a string literal, lexed as psql and
// the server lex it: `--` to the next LF or CR, `/* */` (nested), '...' with '' inside, "...",
// $tag$...$tag$. Returns the offsets.
std::vector<std::size_t> SqlCodeOccurrences(std::string_view sql, std::string_view marker) {
  std::vector<std::size_t> found;
  std::size_t i = 0;
  while (i < sql.size()) {
    if (sql.substr(i, 2) == "--") {
      while (i < sql.size() && sql[i] != '\n' && sql[i] != '\r') ++i;
    } else if (sql.substr(i, 2) == "/*") {
      int depth = 0;
      do {
        if (sql.substr(i, 2) == "/*") {
          ++depth;
          i += 2;
        } else if (sql.substr(i, 2) == "*/") {
          --depth;
          i += 2;
        } else {
          ++i;
        }
      } while (depth > 0 && i < sql.size());
    } else if (sql[i] == '\'' || sql[i] == '"') {
      const char quote = sql[i++];
      while (i < sql.size()) {
        if (sql[i] == quote && i + 1 < sql.size() && sql[i + 1] == quote) {
          i += 2;
        } else if (sql[i++] == quote) {
          break;
        }
      }
    } else if (sql[i] == '$' && sql.find('$', i + 1) != std::string_view::npos &&
               (i == 0 || std::isalnum(static_cast<unsigned char>(sql[i - 1])) == 0)) {
      const std::string_view tag = sql.substr(i, sql.find('$', i + 1) - i + 1);
      const std::size_t close = sql.find(tag, i + tag.size());
      i = close == std::string_view::npos ? sql.size() : close + tag.size();
    } else {
      if (sql.substr(i, marker.size()) == marker) found.push_back(i);
      ++i;
    }
  }
  return found;
}

// The same for TypeScript: `//` to the next LF, CR, U+2028 or U+2029, `/* */`, '...' and "..."
// with backslash escapes (a raw line end in one is a syntax error: reported as code), `...`.
std::vector<std::size_t> TsCodeOccurrences(std::string_view ts, std::string_view marker) {
  std::vector<std::size_t> found;
  std::size_t i = 0;
  while (i < ts.size()) {
    if (ts.substr(i, 2) == "//") {
      while (i < ts.size() && !(text::LineBreakAt(ts, i) != 0 && ts[i] != '\xC2')) ++i;
    } else if (ts.substr(i, 2) == "/*") {
      const std::size_t close = ts.find("*/", i + 2);
      i = close == std::string_view::npos ? ts.size() : close + 2;
    } else if (ts[i] == '\'' || ts[i] == '"' || ts[i] == '`') {
      const char quote = ts[i++];
      while (i < ts.size() && ts[i] != quote) {
        if (quote != '`' && (ts[i] == '\n' || ts[i] == '\r')) {
          found.push_back(i);  // an unterminated string: what follows is code
          break;
        }
        i += ts[i] == '\\' ? 2 : 1;
      }
      ++i;
    } else {
      if (ts.substr(i, marker.size()) == marker) found.push_back(i);
      ++i;
    }
  }
  return found;
}

// Lines a Markdown renderer would read as a block the generator never writes with user text.
void ExpectNoInjectedMarkdownBlock(const std::string& path, const std::string& content,
                                   const std::string& marker) {
  bool first = true;
  for (const std::string_view raw : text::Lines(content)) {
    const std::string_view line = raw.substr(std::min(raw.find_first_not_of(' '), raw.size()));
    SCOPED_TRACE(path + ": " + std::string(raw));
    EXPECT_FALSE(line.starts_with("# heading"));
    EXPECT_FALSE(line.starts_with("-->"));
    EXPECT_FALSE(line.starts_with("```" + marker));
    if (!first) {
      EXPECT_FALSE(line.starts_with("<!--"));
    } else if (line.starts_with("<!--")) {
      EXPECT_EQ(line.find("-->"), line.size() - 3);
    }
    first = false;
  }
}

void ExpectOnlyInComments(const std::string& path, const std::string& content,
                          const std::string& marker) {
  if (path.ends_with(".sql")) {
    EXPECT_THAT(SqlCodeOccurrences(content, marker), ::testing::IsEmpty()) << path << "\n"
                                                                           << content;
  } else if (path.ends_with(".ts")) {
    EXPECT_THAT(TsCodeOccurrences(content, marker), ::testing::IsEmpty()) << path << "\n"
                                                                          << content;
  } else if (path.ends_with(".md")) {
    ExpectNoInjectedMarkdownBlock(path, content, marker);
  }
}

TEST(CommentSafetyTest, UserTextNeverLeavesAComment) {
  std::mt19937 random(20261207);
  const std::string marker = "Zq9";
  for (int round = 0; round < 60; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const std::string source =
        "schema s { tenant Company  timestamp 20260101000000 }\n\n" +
        AsDocComment(HostileText(random, marker), "") + "enum Status { open closed }\n\n" +
        AsDocComment(HostileText(random, marker), "") + "entity Company global {\n" +
        AsDocComment(HostileText(random, marker), "  ") + "  name string(255)\n}\n\n" +
        AsDocComment(HostileText(random, marker), "") + "entity Ticket {\n" +
        AsDocComment(HostileText(random, marker), "  ") + "  status Status = open\n" +
        AsDocComment(HostileText(random, marker), "  ") + "  title text?\n}\n";
    const std::string file_name = "dir/" + HostileText(random, marker) + ".dsl";
    Compiled compiled = CompileText(source, file_name);
    ASSERT_TRUE(compiled.schema.has_value()) << compiled.Rendered() << "\n" << source;
    for (const int sequelize : {5, 6}) {
      RunOptions options;
      options.generate.sequelize = sequelize;
      MemorySink sink;
      ASSERT_TRUE(
          Generate(*compiled.schema, MemoryFileSystem(), "", options, sink, compiled.diagnostics))
          << compiled.Rendered();
      for (const auto& [path, content] : sink.files()) {
        ExpectOnlyInComments(path, content, marker);
      }
    }
  }
}

}  // namespace
}  // namespace schemagen::testing
