#include "verify/migrations.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_support.hpp"

namespace schemagen::testing {
namespace {

namespace fs = std::filesystem;

class MigrationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("schemagen-migrations-test-" +
            std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) { WriteFile(dir_ / name, text); }
  std::string Errors(const Diagnostics& d) {
    std::string out;
    for (const Diagnostic& e : d.all()) out += e.code + ": " + e.message + "\n";
    return out;
  }
  fs::path dir_;
};

TEST_F(MigrationsTest, PairsInNameOrder) {
  Write("20260201-b.up.sql", "B up");
  Write("20260201-b.down.sql", "B down");
  Write("20260101-a.down.sql", "A down");
  Write("20260101-a.up.sql", "A up");
  Write("20260101-a.ts", "ignored");
  Diagnostics d;
  const auto files = verify::ReadMigrations(dir_.string(), "", d);
  ASSERT_TRUE(files) << Errors(d);
  ASSERT_EQ(files->size(), 2u);
  EXPECT_EQ((*files)[0].name, "20260101-a");
  EXPECT_EQ((*files)[0].up, "A up");
  EXPECT_EQ((*files)[0].down, "A down");
  EXPECT_EQ((*files)[1].name, "20260201-b");
}

TEST_F(MigrationsTest, AnUnpairedFileIsAnError) {
  Write("1-a.up.sql", "");
  Write("2-b.down.sql", "");
  Diagnostics d;
  EXPECT_FALSE(verify::ReadMigrations(dir_.string(), "", d));
  EXPECT_EQ(Errors(d), "E0802: " + (dir_ / "1-a.up.sql").string() +
                           " has no matching 1-a.down.sql: verify applies and reverts every "
                           "migration\nE0802: " +
                           (dir_ / "2-b.down.sql").string() +
                           " has no matching 2-b.up.sql: verify applies and reverts every "
                           "migration\n");
}

TEST_F(MigrationsTest, NoMigrationsSaysHowToMakeThem) {
  Diagnostics d;
  EXPECT_FALSE(verify::ReadMigrations(dir_.string(), "; run `schemagen x.dsl` first", d));
  EXPECT_EQ(Errors(d), "E0801: no migrations (*.up.sql) in " + dir_.string() +
                           "; run `schemagen x.dsl` first\n");
  Diagnostics missing;
  EXPECT_FALSE(verify::ReadMigrations((dir_ / "nope").string(), "", missing));
  EXPECT_EQ(missing.all().at(0).code, "E0801");
}

TEST_F(MigrationsTest, FilesWithTheMarkerRunOutsideATransaction) {
  Write("1-a.up.sql", "CREATE TABLE t (a int);");
  Write("1-a.down.sql", "DROP TABLE t;");
  Write("2-a-online.up.sql",
        "-- x\n-- schemagen:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (a);");
  Write("2-a-online.down.sql", "DROP INDEX i;");
  Diagnostics d;
  const auto files = verify::ReadMigrations(dir_.string(), "", d);
  ASSERT_TRUE(files) << Errors(d);
  ASSERT_EQ(files->size(), 2u);
  EXPECT_TRUE((*files)[0].up_transactional);
  EXPECT_TRUE((*files)[0].down_transactional);
  EXPECT_FALSE((*files)[1].up_transactional);
  EXPECT_TRUE((*files)[1].down_transactional);  // each file says so itself
}

TEST_F(MigrationsTest, RecordedStatesInNameOrder) {
  Diagnostics none;
  EXPECT_TRUE(verify::ReadStates(dir_.string(), none).empty());  // older outputs: no states
  EXPECT_FALSE(none.HasErrors());
  state::Snapshot first;
  first.migrations = {"1-create"};
  first.schema.name = "app";
  state::Snapshot second = first;
  second.migrations = {"2-change", "3-change-online"};
  second.parent = state::SchemaHash(first.schema);
  fs::create_directories(dir_ / "schemagen-state");
  Write("schemagen-state/2-change.json", state::ToJson(second));
  Write("schemagen-state/1-create.json", state::ToJson(first));
  Write("schemagen-state/notes.txt", "not a state");
  Diagnostics d;
  const std::vector<verify::RecordedState> states = verify::ReadStates(dir_.string(), d);
  ASSERT_EQ(states.size(), 2u) << Errors(d);
  EXPECT_EQ(states[0].file, "schemagen-state/1-create.json");
  EXPECT_EQ(states[1].file, "schemagen-state/2-change.json");
  EXPECT_EQ(states[1].snapshot.migrations, second.migrations);
}

TEST_F(MigrationsTest, AStateThatCantBeReadIsReportedAndLeftOut) {
  fs::create_directories(dir_ / "schemagen-state");
  Write("schemagen-state/1-create.json", "{ not json");
  Diagnostics d;
  EXPECT_TRUE(verify::ReadStates(dir_.string(), d).empty());
  ASSERT_TRUE(d.HasErrors());
  EXPECT_EQ(d.all().at(0).code, "E0950");
}

}  // namespace
}  // namespace schemagen::testing
