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

}  // namespace
}  // namespace schemagen::testing
