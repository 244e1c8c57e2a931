// Every tests/diagnostics/<case>.dsl is a bad input; compiling it must print exactly
// <case>.expected (the full text, as `schemagen check --color never <case>.dsl` prints it)
// and produce no schema. To accept new output:
//   SCHEMAGEN_UPDATE_GOLDEN=1 ./build/tests/schemagen_tests --gtest_filter='*Diagnostic*'
#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace schemagen::testing {
namespace {

namespace fs = std::filesystem;

class DiagnosticCorpusTest : public ::testing::TestWithParam<std::string> {};

TEST_P(DiagnosticCorpusTest, PrintsExpectedDiagnostics) {
  const fs::path dir = SourceDir() / "tests/diagnostics";
  const std::string name = GetParam() + ".dsl";
  Compiled compiled = CompileText(ReadFile(dir / name), name);
  EXPECT_FALSE(compiled.schema.has_value()) << "a bad input compiled without errors";
  EXPECT_TRUE(compiled.diagnostics.HasErrors());
  const std::string actual = compiled.Rendered();
  const fs::path expected_path = dir / (GetParam() + ".expected");
  if (UpdateGolden()) {
    WriteFile(expected_path, actual);
    GTEST_SKIP() << "updated " << expected_path.string();
  }
  const std::string expected = ReadFile(expected_path);
  EXPECT_EQ(expected, actual) << Diff(expected, actual, GetParam() + ".expected");
}

INSTANTIATE_TEST_SUITE_P(Cases, DiagnosticCorpusTest,
                         ::testing::ValuesIn(ListCases(SourceDir() / "tests/diagnostics", ".dsl")),
                         CaseName);

}  // namespace
}  // namespace schemagen::testing
