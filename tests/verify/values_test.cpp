#include "verify/values.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "support/test_support.hpp"

namespace schemagen::testing {
namespace {

using verify::ExampleForPattern;

// Each example must match its pattern (std::regex's ECMAScript agrees with PostgreSQL on these).
TEST(ValuesTest, PatternsOfTheExamplesGetMatchingValues) {
  for (const std::string pattern :
       {"^[0-9]{14}$", "^#[0-9a-f]{6}$", "^[a-z0-9_]+$", "^[a-z]{2,3}(_[A-Z]{2})?$", "^[A-Z]{3}$",
        "^https?://", "^[a-z]+(\\.[a-z_]+)+$", "^([0-9]{11}|[0-9]{14})$", "^[a-z0-9-]+$",
        "^[A-Z]{2}$", "^\\d+-\\w*$", "(?:ab|cd)x.$"}) {
    for (int variant : {0, 1, 7}) {
      const auto example = ExampleForPattern(pattern, variant);
      ASSERT_TRUE(example) << pattern;
      EXPECT_TRUE(std::regex_search(*example, std::regex(pattern))) << pattern << " " << *example;
    }
  }
}

TEST(ValuesTest, VariantsDifferInTheFirstCharacterClass) {
  EXPECT_EQ(*ExampleForPattern("^[0-9]{3}$", 0), "000");
  EXPECT_EQ(*ExampleForPattern("^[0-9]{3}$", 2), "200");
  EXPECT_EQ(*ExampleForPattern("^#[0-9a-f]{6}$", 11), "#b00000");
  EXPECT_EQ(*ExampleForPattern("^https?://", 3), "http://");
}

TEST(ValuesTest, PatternsItCannotSatisfySimplySayNo) {
  for (const std::string pattern : {"^[^a-z]+$", "^(a)\\1$", "^(?=a)a$", "^[[:alpha:]]$", "a{x}"}) {
    EXPECT_FALSE(ExampleForPattern(pattern, 0)) << pattern;
  }
}

TEST(ValuesTest, ValuesHonourTypesAndChecks) {
  Compiled c = CompileText(
      "schema s { timestamp 20260101000000 }\n"
      "enum Stage { lead won }\n"
      "entity Company global { name string(255) }\n"
      "entity Deal {\n"
      "  code string(4) check(match \"^[A-Z]{3}$\")\n"
      "  title string(80) check(length 5..10)\n"
      "  stage Stage\n"
      "  amount decimal(12, 2) check(0.01..99)\n"
      "  probability smallint check(..100)\n"
      "  day date\n"
      "  ref uuid\n"
      "  tiny string(1)\n"
      "}\n");
  ASSERT_TRUE(c.schema) << c.Rendered();
  const ir::Table& deal = *c.schema->FindTable("Deal");
  auto value = [&](const std::string& column, int variant) {
    std::string why;
    const auto v = verify::SynthesizeValue(*c.schema, deal, *deal.FindColumn(column), variant, why);
    return v ? *v : "none: " + why;
  };
  EXPECT_EQ(value("code", 1), "'BAA'");
  EXPECT_EQ(value("title", 0), "'v0xxx'");
  EXPECT_EQ(value("stage", 1), "'won'");
  EXPECT_EQ(value("amount", 1), "'1.01'");
  EXPECT_EQ(value("probability", 2), "'98'");
  EXPECT_EQ(value("day", 0), "'2026-01-01'");
  EXPECT_EQ(value("ref", 10), "'00000000-0000-4000-8000-00000000000a'");
  EXPECT_EQ(value("tiny", 0), "none: no value of tiny fits 1 characters");
}

}  // namespace
}  // namespace schemagen::testing

namespace schemagen::testing {
namespace {

TEST(ValuesTest, NormalizedChecksAreLiftedBackToTypedChecks) {
  ir::Table table;
  table.name = "tickets";
  for (const char* name : {"status", "code", "priority", "amount", "title", "other"}) {
    ir::Column column;
    column.name = name;
    column.type.kind = ir::TypeKind::kString;
    column.type.length = 255;
    table.columns.push_back(column);
  }
  auto check = [&](const char* column, const char* expression) {
    ir::Check c;
    c.name = std::string(column) + "_check";
    c.column = column;
    c.expression = expression;
    table.checks.push_back(c);
  };
  check("status",
        "(((status)::text = ANY ((ARRAY['open'::character varying, 'it''s'::character "
        "varying])::text[])))");
  check("code", "(((code)::text ~ '^[A-Z]{3}$'::text))");
  check("priority", "(((priority >= 0) AND (priority <= 5)))");
  check("amount", "(((amount >= 0.01) AND (amount <= 9999999999.99)))");
  check("title", "(((char_length((title)::text) >= 1) AND (char_length((title)::text) <= 50)))");
  check("other", "(((other)::text <> 'x'::text) OR (other IS NULL))");
  ir::Schema schema;
  schema.tables.push_back(table);
  const ir::Schema lifted = verify::LiftChecks(schema);
  const ir::Table& t = lifted.tables[0];
  ASSERT_EQ(lifted.enums.size(), 1u);
  EXPECT_EQ(lifted.enums[0].name, "tickets.status");
  EXPECT_EQ(lifted.enums[0].values, (std::vector<std::string>{"open", "it's"}));
  EXPECT_EQ(t.columns[0].type.kind, ir::TypeKind::kEnum);
  EXPECT_EQ(t.checks[1].kind, ir::Check::Kind::kMatch);
  EXPECT_EQ(*t.checks[1].pattern, "^[A-Z]{3}$");
  EXPECT_EQ(t.checks[2].kind, ir::Check::Kind::kRange);
  EXPECT_EQ(*t.checks[2].min, "0");
  EXPECT_EQ(*t.checks[2].max, "5");
  EXPECT_EQ(*t.checks[3].min, "0.01");
  EXPECT_EQ(*t.checks[3].max, "9999999999.99");
  EXPECT_EQ(t.checks[4].kind, ir::Check::Kind::kLength);
  EXPECT_EQ(*t.checks[4].max, "50");
  EXPECT_EQ(t.checks[5].kind, ir::Check::Kind::kRawSql);
}

}  // namespace
}  // namespace schemagen::testing

namespace schemagen::testing {
namespace {

TEST(ValuesTest, PatternsStretchToAMinimumLength) {
  EXPECT_EQ(*ExampleForPattern("^[A-Z]+$", 0, 2), "AAA");
  EXPECT_EQ(*ExampleForPattern("^a{2,}b+$", 1, 1), "aaab");
  Compiled c = CompileText(
      "schema s { timestamp 20260101000000 }\n"
      "entity Company global { name string(255) }\n"
      "entity Sample { code string(10) check(match \"^[A-Z]+$\") check(length 3..10)\n"
      "  pin string(4) check(match \"^[0-9]{2}$\") check(length 3..4) }\n");
  ASSERT_TRUE(c.schema) << c.Rendered();
  const ir::Table& sample = *c.schema->FindTable("Sample");
  std::string why;
  EXPECT_EQ(verify::SynthesizeValue(*c.schema, sample, *sample.FindColumn("code"), 1, why),
            "'BAA'");
  EXPECT_FALSE(verify::SynthesizeValue(*c.schema, sample, *sample.FindColumn("pin"), 0, why));
  EXPECT_EQ(why, "no value of pin matches '^[0-9]{2}$' with 3 characters");
}

}  // namespace
}  // namespace schemagen::testing
