#include "schemagen/output.hpp"

#include <gtest/gtest.h>

#include <unistd.h>
#include "support/test_support.hpp"

#include <algorithm>
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

std::vector<std::string> Files(const fs::path& root) {
  std::vector<std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) out.push_back(fs::relative(entry.path(), root).generic_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string Read(const fs::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(DepfileTest, ListsTargetsAndInputsEscapedForMake) {
  EXPECT_EQ(Depfile({"out/a.sql", "out/my model.ts"}, {"entities.dsl", "$HOME/x#1.dsl"}),
            "out/a.sql \\\n out/my\\ model.ts: \\\n  entities.dsl \\\n  $$HOME/x\\#1.dsl\n");
}

TEST_F(OutputTest, LeavesNoTemporaryFilesAndKeepsAManifest) {
  ASSERT_EQ(CommitToDisk({{"x/y.sql", "data"}}, root_.string()).error, "");
  EXPECT_EQ(Files(root_), (std::vector<std::string>{".schemagen-manifest.json", "x/y.sql"}));
  EXPECT_EQ(Read(root_ / ".schemagen-manifest.json"),
            "{\n"
            "  \"generator\": \"schemagen\",\n"
            "  \"comment\": \"Files schemagen generated here, with a hash of their content. Do not "
            "edit.\",\n"
            "  \"files\": {\n"
            "    \"x/y.sql\": \"" +
                ContentHash("data") +
                "\"\n"
                "  }\n"
                "}\n");
}

TEST_F(OutputTest, RemovesTheTemporariesAKilledRunLeftBesideItsFiles) {
  const std::map<std::string, std::string> files = {{"a/b.sql", "one\n"}};
  ASSERT_EQ(CommitToDisk(files, root_.string()).error, "");
  // What a run killed between mkstemp and rename leaves, and hidden files that are not that.
  for (const char* name : {"a/.b.sql.x1Y2z3", "a/.b.sql.keep", "a/.c.sql.x1Y2z3",
                           "..schemagen-manifest.json.Ab12Cd", ".b.sql.x1Y2z3"}) {
    std::ofstream(root_ / name) << "partial";
  }
  const WriteReport report = CommitToDisk(files, root_.string());
  ASSERT_EQ(report.error, "");
  EXPECT_TRUE(report.written.empty());  // the files themselves were complete and stay
  EXPECT_FALSE(fs::exists(root_ / "a/.b.sql.x1Y2z3"));
  EXPECT_FALSE(fs::exists(root_ / "..schemagen-manifest.json.Ab12Cd"));
  // Not the temporary of a file schemagen writes there: someone else's.
  EXPECT_TRUE(fs::exists(root_ / "a/.b.sql.keep"));
  EXPECT_TRUE(fs::exists(root_ / "a/.c.sql.x1Y2z3"));
  EXPECT_TRUE(fs::exists(root_ / ".b.sql.x1Y2z3"));
}

TEST_F(OutputTest, RemovesWhatTheSchemaNoLongerProducesButNeverOtherFiles) {
  ASSERT_EQ(CommitToDisk({{"models/A.ts", "a"}, {"models/B.ts", "b"}}, root_.string()).error, "");
  std::ofstream(root_ / "models/mine.ts") << "a file schemagen did not write";
  WriteReport report = CommitToDisk({{"models/A.ts", "a"}}, root_.string());
  ASSERT_EQ(report.error, "");
  EXPECT_EQ(report.removed, std::vector<std::string>{"models/B.ts"});
  EXPECT_EQ(Files(root_), (std::vector<std::string>{".schemagen-manifest.json", "models/A.ts",
                                                    "models/mine.ts"}));
}

TEST_F(OutputTest, RefusesToOverwriteOrRemoveAHandEditedFileWithoutForce) {
  ASSERT_EQ(CommitToDisk({{"a.sql", "one"}, {"b.sql", "two"}}, root_.string()).error, "");
  std::ofstream(root_ / "a.sql") << "one, edited";
  std::ofstream(root_ / "b.sql") << "two, edited";
  WriteReport refused = CommitToDisk({{"a.sql", "one v2"}}, root_.string());
  EXPECT_NE(refused.error, "");
  EXPECT_EQ(refused.edited, (std::vector<std::string>{"a.sql", "b.sql"}));
  EXPECT_TRUE(refused.written.empty());
  EXPECT_EQ(Read(root_ / "a.sql"), "one, edited");  // nothing written at all
  EXPECT_TRUE(fs::exists(root_ / "b.sql"));

  WriteReport forced = CommitToDisk({{"a.sql", "one v2"}}, root_.string(), {.force = true});
  ASSERT_EQ(forced.error, "");
  EXPECT_EQ(Read(root_ / "a.sql"), "one v2");
  EXPECT_FALSE(fs::exists(root_ / "b.sql"));
}

// A first run (no manifest) onto a project's own tree: a file already at an output path is
// somebody's code, never overwritten without --force; one with exactly the output is adopted.
TEST_F(OutputTest, AFirstRunNeverOverwritesAFileItDidNotWrite) {
  fs::create_directories(root_ / "src/models");
  std::ofstream(root_ / "src/models/User.ts") << "export class User { hashPassword() {} }\n";
  std::ofstream(root_ / "src/models/Tag.ts") << "tag\n";
  const std::map<std::string, std::string> files = {{"src/models/Tag.ts", "tag\n"},
                                                    {"src/models/Ticket.ts", "ticket\n"},
                                                    {"src/models/User.ts", "user\n"}};
  WriteReport refused = CommitToDisk(files, root_.string());
  EXPECT_NE(refused.error, "");
  EXPECT_EQ(refused.foreign, std::vector<std::string>{"src/models/User.ts"});
  EXPECT_TRUE(refused.edited.empty());
  EXPECT_TRUE(refused.written.empty());
  EXPECT_EQ(Read(root_ / "src/models/User.ts"), "export class User { hashPassword() {} }\n");
  EXPECT_FALSE(fs::exists(root_ / "src/models/Ticket.ts")) << "nothing at all is written";
  EXPECT_FALSE(fs::exists(root_ / kManifestName));
  // --check says the same, and writes nothing either.
  EXPECT_EQ(CommitToDisk(files, root_.string(), {.check_only = true}).foreign,
            std::vector<std::string>{"src/models/User.ts"});

  WriteReport forced = CommitToDisk(files, root_.string(), {.force = true});
  ASSERT_EQ(forced.error, "");
  EXPECT_EQ(forced.written,
            (std::vector<std::string>{"src/models/Ticket.ts", "src/models/User.ts"}));
  EXPECT_EQ(forced.unchanged, std::vector<std::string>{"src/models/Tag.ts"});
  EXPECT_EQ(Read(root_ / "src/models/User.ts"), "user\n");
}

// Once there is a manifest, a file it does not list is still not schemagen's; a lost manifest
// makes every existing file foreign again rather than schemagen's.
TEST_F(OutputTest, AFileTheManifestDoesNotListIsNeverOverwritten) {
  ASSERT_EQ(CommitToDisk({{"a.ts", "a"}}, root_.string()).error, "");
  std::ofstream(root_ / "b.ts") << "mine";
  WriteReport refused = CommitToDisk({{"a.ts", "a"}, {"b.ts", "b"}}, root_.string());
  EXPECT_EQ(refused.foreign, std::vector<std::string>{"b.ts"});
  EXPECT_EQ(Read(root_ / "b.ts"), "mine");

  fs::remove(root_ / kManifestName);
  WriteReport lost = CommitToDisk({{"a.ts", "a v2"}}, root_.string());
  EXPECT_EQ(lost.foreign, std::vector<std::string>{"a.ts"});
  EXPECT_EQ(Read(root_ / "a.ts"), "a");
}

// The manifest lives in the (untrusted) output tree: an entry that leads outside it is refused
// before anything is read, written or removed.
TEST_F(OutputTest, ManifestEntriesOutsideTheOutputDirectoryAreRefused) {
  testing::TempDir outside{"output-test-outside"};
  const fs::path victim = outside.path() / "victim.txt";
  fs::create_directories(outside.path());
  std::ofstream(victim) << "precious";
  const std::string relative = fs::relative(victim, root_).generic_string();  // ../...
  for (const std::string& entry : {relative, victim.string(), std::string("a/./../../x"),
                                   std::string("a\nb"), std::string("")}) {
    fs::remove_all(root_);
    fs::create_directories(root_);
    std::ofstream(root_ / kManifestName)
        << "{\"generator\": \"schemagen\", \"files\": {\"" << (entry == "a\nb" ? "a\\nb" : entry)
        << "\": \"" << ContentHash("precious") << "\"}}";
    WriteReport report = CommitToDisk({{"a.sql", "a"}}, root_.string());
    EXPECT_NE(report.error, "") << entry;
    ASSERT_EQ(report.outside.size(), 1u) << entry;
    EXPECT_NE(report.outside[0].find("lists '"), std::string::npos) << report.outside[0];
    EXPECT_FALSE(fs::exists(root_ / "a.sql")) << entry;
    EXPECT_EQ(Read(victim), "precious") << entry;
  }
}

// A symbolic link inside the output tree that points outside it: neither the run's files nor
// the manifest may be reached through it.
TEST_F(OutputTest, SymbolicLinksLeadingOutsideTheOutputDirectoryAreRefused) {
  testing::TempDir outside{"output-test-outside"};
  fs::create_directories(outside.path());
  fs::create_directories(root_);
  fs::create_directory_symlink(outside.path(), root_ / "models");
  WriteReport report = CommitToDisk({{"models/A.ts", "a"}, {"b.sql", "b"}}, root_.string());
  ASSERT_EQ(report.outside.size(), 1u);
  EXPECT_EQ(report.outside[0],
            "output file 'models/A.ts' leads outside the output directory (through a symbolic "
            "link)");
  EXPECT_FALSE(fs::exists(outside.path() / "A.ts"));
  EXPECT_FALSE(fs::exists(root_ / "b.sql"));

  std::ofstream(outside.path() / "victim.sql") << "precious";
  fs::create_symlink(outside.path() / "victim.sql", root_ / "c.sql");
  WriteReport through_file = CommitToDisk({{"c.sql", "c"}}, root_.string(), {.force = true});
  EXPECT_EQ(through_file.outside.size(), 1u);
  EXPECT_EQ(Read(outside.path() / "victim.sql"), "precious");

  // A link that stays inside the tree is fine.
  fs::remove(root_ / "models");
  fs::remove(root_ / "c.sql");
  fs::create_directories(root_ / "real");
  fs::create_directory_symlink(root_ / "real", root_ / "models");
  WriteReport inside = CommitToDisk({{"models/A.ts", "a"}}, root_.string());
  EXPECT_EQ(inside.error, "");
  EXPECT_EQ(Read(root_ / "real/A.ts"), "a");
}

// Two outputs where one would be the other's directory: refused before anything is written.
TEST_F(OutputTest, AFileThatAnotherOutputNeedsAsItsDirectoryIsRefused) {
  WriteReport report = CommitToDisk(
      {{"src/models/User.ts", "model"}, {"src/models/User.ts/db/x.md", "doc"}, {"a.sql", "a"}},
      root_.string());
  ASSERT_EQ(report.outside.size(), 1u);
  EXPECT_EQ(report.outside[0],
            "output file 'src/models/User.ts' would also be the directory of "
            "'src/models/User.ts/db/x.md': two outputs overlap");
  EXPECT_FALSE(fs::exists(root_ / "a.sql"));
}

TEST(ContentHashTest, IsXxh3AndReadsTheLegacyFnvHashes) {
  // Reference values: XXH3-64 of no bytes (a test vector of xxHash), FNV-1a 64.
  EXPECT_EQ(ContentHash(""), "xxh3:2d06800538d394c2");
  EXPECT_TRUE(ContentMatches({ContentHash("one")}, "one"));
  EXPECT_FALSE(ContentMatches({ContentHash("one")}, "one "));
  EXPECT_TRUE(ContentMatches({"cbf29ce484222325"}, ""));   // FNV-1a 64 of ""
  EXPECT_TRUE(ContentMatches({"af63dc4c8601ec8c"}, "a"));  // FNV-1a 64 of "a"
  EXPECT_FALSE(ContentMatches({"af63dc4c8601ec8c"}, "b"));
  EXPECT_TRUE(ContentMatches({"0000000000000000", ContentHash("b")}, "b"));
}

// A tree generated by a version whose manifest recorded FNV-1a: its files are still known as
// schemagen's (replaced and removed freely), and a hand edit is still refused.
TEST_F(OutputTest, ATreeWithALegacyManifestUpgradesWithoutLookingEdited) {
  std::ofstream(root_ / "a.sql") << "one";
  std::ofstream(root_ / "b.sql") << "two";
  std::ofstream(root_ / "c.sql") << "three, edited";
  std::ofstream(root_ / ".schemagen-manifest.json")
      << "{\"generator\": \"schemagen\", \"files\": {\"a.sql\": \"1a08aa1921ca5caf\", "
         "\"b.sql\": \"5714d319447c9709\", \"c.sql\": \"5a73f1720ca645a3\"}}\n";
  WriteReport refused = CommitToDisk({{"a.sql", "one v2"}, {"c.sql", "three v2"}}, root_.string());
  EXPECT_EQ(refused.edited, std::vector<std::string>{"c.sql"});
  std::ofstream(root_ / "c.sql") << "three";  // back to what the old version wrote
  WriteReport upgraded = CommitToDisk({{"a.sql", "one v2"}, {"c.sql", "three v2"}}, root_.string());
  ASSERT_EQ(upgraded.error, "");
  EXPECT_EQ(upgraded.written, (std::vector<std::string>{"a.sql", "c.sql"}));
  EXPECT_EQ(upgraded.removed, std::vector<std::string>{"b.sql"});
  EXPECT_NE(Read(root_ / ".schemagen-manifest.json").find(ContentHash("one v2")),
            std::string::npos);
}

TEST_F(OutputTest, CheckOnlyReportsStaleAndMissingFilesAndWritesNothing) {
  ASSERT_EQ(CommitToDisk({{"a.sql", "one"}, {"b.sql", "two"}}, root_.string()).error, "");
  const auto before = fs::last_write_time(root_ / "a.sql");
  WriteReport check =
      CommitToDisk({{"a.sql", "one v2"}, {"c.sql", "three"}}, root_.string(), {.check_only = true});
  EXPECT_EQ(check.error, "");
  EXPECT_FALSE(check.UpToDate());
  EXPECT_EQ(check.written, (std::vector<std::string>{"a.sql", "c.sql"}));
  EXPECT_EQ(check.removed, std::vector<std::string>{"b.sql"});
  EXPECT_EQ(Read(root_ / "a.sql"), "one");
  EXPECT_EQ(fs::last_write_time(root_ / "a.sql"), before);
  EXPECT_FALSE(fs::exists(root_ / "c.sql"));
  EXPECT_TRUE(
      CommitToDisk({{"a.sql", "one"}, {"b.sql", "two"}}, root_.string(), {.check_only = true})
          .UpToDate());
}

// A run that fails part-way (here: the third file can't be written) leaves every file either
// entirely old or entirely new, and no temporary file.
TEST_F(OutputTest, AFailureMidRunLeavesNoHalfWrittenFile) {
  const std::map<std::string, std::string> v1 = {
      {"a.sql", "a v1"}, {"b.sql", "b v1"}, {"c/d.sql", "d v1"}, {"e.sql", "e v1"}};
  ASSERT_EQ(CommitToDisk(v1, root_.string()).error, "");
  fs::remove_all(root_ / "c");
  std::ofstream(root_ / "c") << "a file where the directory c/ should be";
  const std::map<std::string, std::string> v2 = {{"a.sql", std::string(1 << 20, 'a')},
                                                 {"b.sql", "b v2"},
                                                 {"c/d.sql", "d v2"},
                                                 {"e.sql", "e v2"}};
  WriteReport report = CommitToDisk(v2, root_.string(), {.force = true});
  EXPECT_NE(report.error, "");
  // Every file is staged before any is replaced, so a failure while staging replaces nothing.
  EXPECT_TRUE(report.written.empty());
  EXPECT_EQ(Read(root_ / "a.sql"), "a v1");
  EXPECT_EQ(Read(root_ / "b.sql"), "b v1");
  EXPECT_EQ(Read(root_ / "e.sql"), "e v1");
  EXPECT_EQ(Files(root_),
            (std::vector<std::string>{".schemagen-manifest.json", "a.sql", "b.sql", "c", "e.sql"}));
  // The interrupted run's own writes are not mistaken for hand edits by the next run, even
  // when the schema changed again in between.
  fs::remove(root_ / "c");
  const std::map<std::string, std::string> v3 = {
      {"a.sql", "a v3"}, {"b.sql", "b v3"}, {"c/d.sql", "d v3"}, {"e.sql", "e v3"}};
  WriteReport next = CommitToDisk(v3, root_.string());
  EXPECT_EQ(next.error, "");
  EXPECT_TRUE(next.edited.empty());
  EXPECT_EQ(Read(root_ / ".schemagen-manifest.json").find('['), std::string::npos)
      << "a finished run leaves one hash per file";
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
