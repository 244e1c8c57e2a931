// The parts of the rows check that need no database: following renames, which type changes
// keep a value's text, and finding the rows an UP lost or changed.
#include "verify/data.hpp"

#include <gtest/gtest.h>

namespace schemagen::testing {
namespace {

using verify::RowValues;

verify::Renames RenamesOf(const std::string& script) {
  return verify::Renames(verify::SplitStatements(script));
}

TEST(Renames, TablesAndColumnsInOrder) {
  const verify::Renames r = RenamesOf(
      "ALTER TABLE cases RENAME TO tickets;\n"
      "ALTER TABLE tickets RENAME COLUMN subject TO title;\n"
      "ALTER TABLE ONLY public.\"Contacts\" RENAME \"Full Name\" TO full_name;\n"
      "alter table if exists tickets rename column title to headline;\n"
      "ALTER TABLE tickets RENAME CONSTRAINT cases_pkey TO tickets_pkey;\n"
      "ALTER INDEX cases_status_idx RENAME TO tickets_status_idx;\n");
  EXPECT_EQ(r.Table("cases"), "tickets");
  EXPECT_EQ(r.Column("cases", "subject"), "headline");
  EXPECT_EQ(r.Column("cases", "status"), "status");
  EXPECT_EQ(r.Table("Contacts"), "Contacts");
  EXPECT_EQ(r.Column("Contacts", "Full Name"), "full_name");
  EXPECT_EQ(r.Table("users"), "users");
  EXPECT_EQ(r.Table("cases_status_idx"), "cases_status_idx");
}

TEST(Renames, AColumnRenamedBackAndForth) {
  const verify::Renames r = RenamesOf(
      "ALTER TABLE t RENAME COLUMN a TO b; ALTER TABLE t RENAME COLUMN b TO a;"
      "ALTER TABLE t RENAME TO u; ALTER TABLE u RENAME TO t;");
  EXPECT_EQ(r.Table("t"), "t");
  EXPECT_EQ(r.Column("t", "a"), "a");
}

ir::Type T(ir::TypeKind kind, int length = 0) {
  ir::Type t;
  t.kind = kind;
  t.length = length;
  return t;
}

TEST(ComparableTypes, SameTextOnly) {
  using K = ir::TypeKind;
  EXPECT_TRUE(verify::ComparableTypes(T(K::kString, 20), T(K::kString, 40)));
  EXPECT_TRUE(verify::ComparableTypes(T(K::kString, 20), T(K::kText)));
  EXPECT_TRUE(verify::ComparableTypes(T(K::kInteger), T(K::kBigInt)));
  EXPECT_TRUE(verify::ComparableTypes(T(K::kJsonb), T(K::kJsonb)));
  EXPECT_FALSE(verify::ComparableTypes(T(K::kText), T(K::kInteger)));
  EXPECT_FALSE(verify::ComparableTypes(T(K::kJson), T(K::kJsonb)));
  ir::Type two = T(K::kDecimal);
  two.precision = 10;
  two.scale = 2;
  ir::Type three = two;
  three.scale = 3;  // 1.50 becomes 1.500
  EXPECT_TRUE(verify::ComparableTypes(two, two));
  EXPECT_FALSE(verify::ComparableTypes(two, three));
  ir::Type bytea = T(K::kText);
  bytea.pg_name = "bytea";
  EXPECT_TRUE(verify::ComparableTypes(bytea, bytea));
  EXPECT_FALSE(verify::ComparableTypes(bytea, T(K::kText)));
}

RowValues Row(std::string id, std::optional<std::string> name) {
  return {{"id", std::move(id)}, {"name", std::move(name)}, {"extra", "e"}};
}

TEST(MissingRows, EveryRowFoundWithItsValues) {
  const std::vector<RowValues> before = {Row("1", "a"), Row("2", std::nullopt)};
  std::vector<RowValues> after = {Row("3", "new"), Row("2", std::nullopt), Row("1", "a")};
  after[0]["full_name"] = "x";
  std::size_t kept = 0;
  EXPECT_TRUE(
      verify::MissingRows(before, after, {{"id", "id"}, {"name", "name"}}, {"id"}, kept).empty());
  EXPECT_EQ(kept, 2u);
}

TEST(MissingRows, ChangedRowsByTheirKey) {
  const std::vector<RowValues> before = {Row("1", "a"), Row("2", "b"), Row("3", "c")};
  const std::vector<RowValues> after = {Row("1", "a"), Row("2", std::nullopt)};
  std::size_t kept = 0;
  EXPECT_EQ(verify::MissingRows(before, after, {{"id", "id"}, {"name", "name"}}, {"id"}, kept),
            (std::vector<std::string>{"id 2: name 'b' -> NULL", "id 3: gone"}));
  EXPECT_EQ(kept, 1u);
}

TEST(MissingRows, RenamedColumnsAndRowsWithoutAKey) {
  const std::vector<RowValues> before = {{{"name", "a"}}, {{"name", "it's"}}};
  const std::vector<RowValues> after = {{{"full_name", "a"}}, {{"full_name", "b"}}};
  std::size_t kept = 0;
  EXPECT_EQ(verify::MissingRows(before, after, {{"name", "full_name"}}, {}, kept),
            (std::vector<std::string>{"the row with name 'it''s' is gone or changed"}));
  EXPECT_EQ(kept, 1u);
  const std::vector<RowValues> keyed_before = {{{"id", "1"}, {"name", "a"}}};
  const std::vector<RowValues> keyed_after = {{{"id", "1"}, {"full_name", "b"}}};
  EXPECT_EQ(verify::MissingRows(keyed_before, keyed_after, {{"id", "id"}, {"name", "full_name"}},
                                {"id"}, kept),
            (std::vector<std::string>{"id 1: full_name (was name) 'a' -> 'b'"}));
}

TEST(MissingRows, DuplicatesCountOnce) {
  const std::vector<RowValues> before = {{{"a", "x"}}, {{"a", "x"}}};
  const std::vector<RowValues> after = {{{"a", "x"}}};
  std::size_t kept = 0;
  EXPECT_EQ(verify::MissingRows(before, after, {{"a", "a"}}, {}, kept).size(), 1u);
  EXPECT_EQ(kept, 1u);
}

TEST(MissingRows, AtMostThreeExamples) {
  std::vector<RowValues> before;
  for (int i = 0; i < 5; ++i) before.push_back(Row(std::to_string(i), "v"));
  std::size_t kept = 0;
  const auto missing = verify::MissingRows(before, {}, {{"id", "id"}}, {"id"}, kept);
  ASSERT_EQ(missing.size(), 4u);
  EXPECT_EQ(missing.back(), "and 2 more");
}

}  // namespace
}  // namespace schemagen::testing
