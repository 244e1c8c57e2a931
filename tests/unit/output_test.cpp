#include "schemagen/output.hpp"

#include <gtest/gtest.h>

#include <unistd.h>
#include "support/test_support.hpp"

#include <filesystem>
#include <fstream>
#include <thread>

namespace schemagen {
namespace {

namespace fs = std::filesystem;

class OutputTest : public ::testing::Test {
 protected:
  testing::TempDir temp_{"output-test"};
  const fs::path& root_ = temp_.path();
};

TEST_F(OutputTest, WritesNewFilesAndLeavesUnchangedOnesUntouched) {
  const std::map<std::string, std::string> files = {{"a/b.sql", "one\n"}, {"c.sql", "two\n"}};
  WriteReport first = CommitToDisk(files, root_.string());
  ASSERT_EQ(first.error, "");
  EXPECT_EQ(first.written, (std::vector<std::string>{"a/b.sql", "c.sql"}));
  const auto mtime = fs::last_write_time(root_ / "a/b.sql");
  std::this_thread::sleep_for(std::chrono::milliseconds(20));

  std::map<std::string, std::string> changed = files;
  changed["c.sql"] = "three\n";
  WriteReport second = CommitToDisk(changed, root_.string());
  EXPECT_EQ(second.written, std::vector<std::string>{"c.sql"});
  EXPECT_EQ(second.unchanged, std::vector<std::string>{"a/b.sql"});
  EXPECT_EQ(fs::last_write_time(root_ / "a/b.sql"), mtime);
  std::ifstream in(root_ / "c.sql");
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "three\n");
}

TEST_F(OutputTest, LeavesNoTemporaryFiles) {
  ASSERT_EQ(CommitToDisk({{"x/y.sql", "data"}}, root_.string()).error, "");
  int count = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root_)) {
    if (entry.is_regular_file()) ++count;
  }
  EXPECT_EQ(count, 1);
}

TEST_F(OutputTest, ReportsAnUnwritableDirectory) {
  fs::create_directories(root_);
  std::ofstream(root_ / "blocker") << "a file where a directory should be";
  WriteReport report = CommitToDisk({{"blocker/y.sql", "data"}}, root_.string());
  EXPECT_NE(report.error, "");
  EXPECT_TRUE(report.written.empty());
}

}  // namespace
}  // namespace schemagen
