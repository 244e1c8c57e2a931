// Every input a fuzz target once failed on (tests/fuzz/regressions/<target>/), replayed
// through the same entry point in the normal build, so a fixed crash stays fixed without
// clang or libFuzzer. Under SCHEMAGEN_SANITIZE the sanitizers check them too.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "fuzz/fuzz_entry.hpp"
#include "support/test_support.hpp"

namespace schemagen::testing {
namespace {

namespace fs = std::filesystem;

class FuzzRegressionTest : public ::testing::TestWithParam<std::string> {};

TEST_P(FuzzRegressionTest, EveryRecordedInputRunsCleanly) {
  const auto& targets = fuzz::Targets();
  const auto target = std::find_if(targets.begin(), targets.end(),
                                   [](const fuzz::Target& t) { return t.name == GetParam(); });
  ASSERT_NE(target, targets.end());
  const fs::path dir = SourceDir() / "tests" / "fuzz" / "regressions" / GetParam();
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no regression inputs for " << GetParam();
  std::vector<fs::path> inputs;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file()) inputs.push_back(entry.path());
  }
  std::sort(inputs.begin(), inputs.end());
  for (const fs::path& input : inputs) {
    SCOPED_TRACE(input.filename().string());
    target->run(ReadFile(input));  // a crash, a hang or a sanitizer report fails the test
  }
}

INSTANTIATE_TEST_SUITE_P(Targets, FuzzRegressionTest,
                         ::testing::Values("parse", "analyze", "generate", "evolve", "state"),
                         CaseNameGenerator());

}  // namespace
}  // namespace schemagen::testing
