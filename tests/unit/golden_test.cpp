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
  GenerateOptions options;
  if (fs::exists(dir / "sequelize5")) options.sequelize = 5;  // marker files select options
  if (fs::exists(dir / "doc-lang-en")) options.doc_lang = "en";
  MemorySink sink;
  ASSERT_TRUE(GenerateAll(*compiled.schema, options, sink, compiled.diagnostics))
      << compiled.Rendered();
  const std::map<std::string, std::string>& actual = sink.files();
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

INSTANTIATE_TEST_SUITE_P(Cases, GoldenTest,
                         ::testing::ValuesIn(ListCases(SourceDir() / "tests/golden", "")),
                         CaseName);

}  // namespace
}  // namespace schemagen::testing
