// Golden trees: tests/golden/<case>/input.dsl generates exactly tests/golden/<case>/expected/.
// Missing, extra and different files all fail, with a unified diff. To accept new output:
//   SCHEMAGEN_UPDATE_GOLDEN=1 ./build/tests/schemagen_tests --gtest_filter='Golden*'
#include <gtest/gtest.h>

#include "schemagen/driver.hpp"
#include "support/test_support.hpp"

namespace schemagen::testing {
namespace {

namespace fs = std::filesystem;

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, GeneratesExpectedTree) {
  const fs::path dir = SourceDir() / "tests/golden" / GetParam();
  Compiled compiled = CompileText(ReadFile(dir / "input.dsl"), "input.dsl");
  ASSERT_TRUE(compiled.schema.has_value()) << compiled.Rendered();
  RunOptions options;
  if (fs::exists(dir / "sequelize5")) options.generate.sequelize = 5;  // marker files
  if (fs::exists(dir / "doc-lang-en")) options.generate.doc_lang = "en";
  MemorySink sink;
  // A first run: no history yet, so the create migration, its snapshot and schemagen.sum.
  // On four threads (more than the generators' tasks), then on one: the same bytes.
  options.generate.jobs = 4;
  ASSERT_TRUE(
      Generate(*compiled.schema, MemoryFileSystem(), "", options, sink, compiled.diagnostics))
      << compiled.Rendered();
  const std::map<std::string, std::string>& actual = sink.files();
  MemorySink one_thread;
  options.generate.jobs = 1;
  ASSERT_TRUE(Generate(*compiled.schema, MemoryFileSystem(), "", options, one_thread,
                       compiled.diagnostics));
  EXPECT_TRUE(one_thread.files() == actual) << "one thread generated other bytes than four";
  if (UpdateGolden()) {
    fs::remove_all(dir / "expected");
    for (const auto& [path, content] : actual) WriteFile(dir / "expected" / path, content);
    GTEST_SKIP() << "updated " << (dir / "expected").string();
  }
  const std::map<std::string, std::string> expected = ReadTree(dir / "expected");
  for (const auto& [path, content] : expected) {
    auto it = actual.find(path);
    if (it == actual.end()) {
      ADD_FAILURE() << "not generated any more: expected/" << path;
    } else if (it->second != content) {
      ADD_FAILURE() << "differs: " << path << "\n" << Diff(content, it->second, path);
    }
  }
  for (const auto& [path, content] : actual) {
    if (expected.count(path) == 0) ADD_FAILURE() << "generated but not expected: " << path;
  }
  if (HasFailure()) {
    ADD_FAILURE() << "if the new output is right, regenerate with:\n  SCHEMAGEN_UPDATE_GOLDEN=1 "
                     "build/tests/schemagen_tests --gtest_filter='*Golden*'";
  }
}

// The cases with an input.dsl (tests/golden/evolution/ holds evolution_test.cpp's cases).
std::vector<std::string> Cases() {
  std::vector<std::string> cases;
  for (const std::string& name : ListCases(SourceDir() / "tests/golden", "")) {
    if (fs::exists(SourceDir() / "tests/golden" / name / "input.dsl")) cases.push_back(name);
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenTest, ::testing::ValuesIn(Cases()), CaseName);

}  // namespace
}  // namespace schemagen::testing
