#include "schemagen/diagnostics.hpp"

#include <gtest/gtest.h>

namespace schemagen {
namespace {

TEST(DiagnosticsTest, RendersCaretUnderTheSpanWithDisplayColumns) {
  SourceManager sources;
  // "é" is two bytes but one column; the tab is kept so the caret lines up in a terminal.
  const auto f = sources.Add("x.dsl", "entity Café {\n\tcontact -> Contcat\n}\n");
  Diagnostics d;
  const std::uint32_t begin = 15 + 12;  // line 2 starts at byte 15
  d.Error("E0201", Span{f, begin, begin + 7}, "unknown entity 'Contcat'")
      .notes.push_back({"did you mean 'Contact'?", std::nullopt});
  EXPECT_EQ(RenderAll(d, sources, {}),
            "x.dsl:2:13: error[E0201]: unknown entity 'Contcat'\n"
            " 2 | \tcontact -> Contcat\n"
            "   | \t           ^~~~~~~\n"
            "note: did you mean 'Contact'?\n"
            "1 error generated.\n");
  EXPECT_EQ(sources.file(f).LocationOf(13).column, 13u);  // the '{' after "Café "
}

TEST(DiagnosticsTest, SortsByPositionAndCapsErrors) {
  SourceManager sources;
  const auto f = sources.Add("x.dsl", "a\nb\nc\n");
  Diagnostics d;
  d.Error("E1", Span{f, 4, 5}, "third");
  d.Error("E1", Span{f, 0, 1}, "first");
  d.Warning("W1", Span{f, 2, 3}, "second");
  EXPECT_EQ(RenderAll(d, sources, {false, 1}),
            "x.dsl:1:1: error[E1]: first\n"
            " 1 | a\n"
            "   | ^\n"
            "x.dsl:2:1: warning[W1]: second\n"
            " 2 | b\n"
            "   | ^\n"
            "note: 1 more error not shown\n"
            "1 warning and 2 errors generated.\n");
}

TEST(DiagnosticsTest, ColourOnlyWhenAsked) {
  SourceManager sources;
  const auto f = sources.Add("x.dsl", "a\n");
  Diagnostics d;
  d.Error("E1", Span{f, 0, 1}, "m");
  EXPECT_EQ(RenderAll(d, sources, {false, 50}).find('\x1b'), std::string::npos);
  EXPECT_NE(RenderAll(d, sources, {true, 50}).find("\x1b[1;31merror[E1]"), std::string::npos);
}

TEST(DiagnosticsTest, RendersJsonLines) {
  SourceManager sources;
  const auto f = sources.Add("x.dsl", "entity A {\n  b strng\n}\n");
  Diagnostics d;
  d.Error("E0202", Span{f, 15, 20}, "unknown type 'strng'")
      .notes.push_back({"did you mean 'string'?", std::nullopt});
  d.Warning("W0601", std::nullopt, "no \"timestamp\"");
  EXPECT_EQ(RenderJson(d, sources),
            R"({"file":"x.dsl","line":2,"column":5,"end_line":2,"end_column":10,)"
            R"("severity":"error","code":"E0202","message":"unknown type 'strng'",)"
            R"("notes":[{"message":"did you mean 'string'?"}]})"
            "\n"
            R"({"severity":"warning","code":"W0601","message":"no \"timestamp\"","notes":[]})"
            "\n");
}

TEST(DiagnosticsTest, ClosestMatchFindsPlausibleTypos) {
  EXPECT_EQ(ClosestMatch("Contcat", {"Company", "Contact", "Ticket"}), "Contact");
  EXPECT_EQ(ClosestMatch("strin", {"string", "text"}), "string");
  EXPECT_EQ(ClosestMatch("uniqe", {"unique", "index"}), "unique");
  EXPECT_EQ(ClosestMatch("xyz", {"unique", "index"}), std::nullopt);
}

}  // namespace
}  // namespace schemagen
