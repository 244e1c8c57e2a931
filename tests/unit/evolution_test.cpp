// Golden evolution cases: tests/golden/evolution/<case>/ holds DSL versions 1.dsl, 2.dsl, ...
// Each step runs schemagen on the output tree the previous successful step left (the history:
// migrations, snapshots, schemagen.sum) exactly as `schemagen N.dsl` would, and compares
//   expected/N.plan  the planned steps with their classification, and every diagnostic, and
//   expected/N/      every file of the migrations directory the step added or changed.
// Options of a step come from N.args, one per line: `--allow KIND[:SUBJECT]`, `--rehash`, and
// the test-only `@from K` (start from the tree after step K instead of the previous one: a
// second branch), `@merge K` (add the files of step K's tree this one lacks: a git merge), and
// `@remove NAME` (delete a run's migration files and snapshot: resolving a branch conflict).
// Step K (K > 1) is stamped 2026-03-0K 12:00:00. Every step also checks that no migration file
// or snapshot of the history changed. To accept new output:
//   SCHEMAGEN_UPDATE_GOLDEN=1 build/tests/schemagen_tests --gtest_filter='*Evolution*'
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "schemagen/driver.hpp"
#include "schemagen/state.hpp"
#include "support/test_support.hpp"

namespace schemagen::testing {
namespace {

namespace fs = std::filesystem;
using Tree = std::map<std::string, std::string>;

const fs::path kCases = SourceDir() / "tests/golden/evolution";

struct StepArgs {
  RunOptions options;
  int from = 0;
  int merge = 0;
  std::vector<std::string> remove;
};

StepArgs ReadArgs(const fs::path& file, int step) {
  StepArgs args;
  args.from = step - 1;
  if (!fs::exists(file)) return args;
  std::istringstream in(ReadFile(file));
  std::string word;
  while (in >> word) {
    std::string value;
    if (word == "--rehash") {
      args.options.load.rehash = true;
      continue;
    }
    in >> value;
    if (word == "--allow") {
      auto allowance = evolve::ParseAllowance(value);
      EXPECT_TRUE(allowance.has_value()) << file << ": bad --allow " << value;
      if (allowance) args.options.plan.plan.allow.push_back(*allowance);
    } else if (word == "@from") {
      args.from = std::stoi(value);
    } else if (word == "@merge") {
      args.merge = std::stoi(value);
    } else if (word == "@remove") {
      args.remove.push_back(value);
    } else {
      ADD_FAILURE() << file << ": unknown option " << word;
    }
  }
  return args;
}

std::string PlanText(const std::optional<history::Update>& update, const Compiled& compiled) {
  std::string out;
  if (update && update->plan) {
    out += fmt::format("{} steps\n", update->plan->steps.size());
    for (const evolve::Step& step : update->plan->steps) {
      out += fmt::format("[{}] {}\n    {}\n", evolve::SafetyName(step.safety), step.summary,
                         step.reason);
    }
  } else if (update) {
    out += "create\n";
  }
  if (update) {
    for (const sql::Migration& m : update->added) out += "migration " + m.name + "\n";
  }
  out += RenderAll(compiled.diagnostics, compiled.sources, {false, 50});
  return out;
}

void Expect(const fs::path& file, const std::string& actual) {
  if (UpdateGolden()) {
    WriteFile(file, actual);
    return;
  }
  ASSERT_TRUE(fs::exists(file)) << "missing " << file << "; actual:\n" << actual;
  const std::string expected = ReadFile(file);
  EXPECT_EQ(expected, actual) << Diff(expected, actual, file.filename().string());
}

bool InHistory(const std::string& path, const std::string& migrations_dir) {
  return path.rfind(migrations_dir + "/", 0) == 0;
}

class EvolutionTest : public ::testing::TestWithParam<std::string> {};

TEST_P(EvolutionTest, EachStepWritesExactlyTheExpectedMigrations) {
  const fs::path dir = kCases / GetParam();
  std::vector<Tree> trees = {Tree{}};  // trees[k]: the output tree after step k
  if (UpdateGolden()) fs::remove_all(dir / "expected");
  for (int step = 1; fs::exists(dir / fmt::format("{}.dsl", step)); ++step) {
    SCOPED_TRACE(fmt::format("step {}", step));
    const StepArgs args = ReadArgs(dir / fmt::format("{}.args", step), step);
    ASSERT_LT(args.from, static_cast<int>(trees.size()));
    Tree before = trees[static_cast<std::size_t>(args.from)];
    if (args.merge > 0) {
      for (const auto& [path, content] : trees[static_cast<std::size_t>(args.merge)])
        before.emplace(path, content);
    }
    for (const std::string& run : args.remove) {
      for (auto it = before.begin(); it != before.end();) {
        it = it->first.find(run) != std::string::npos ? before.erase(it) : std::next(it);
      }
    }
    MemoryFileSystem files;
    for (const auto& [path, content] : before) files.Add(path, content);
    Compiled compiled =
        CompileText(ReadFile(dir / fmt::format("{}.dsl", step)), fmt::format("{}.dsl", step));
    ASSERT_TRUE(compiled.schema.has_value()) << compiled.Rendered();
    RunOptions options = args.options;
    options.plan.timestamp = fmt::format("202603{:02}120000", step);
    MemorySink sink;
    const auto update = Generate(*compiled.schema, files, "", options, sink, compiled.diagnostics);
    Expect(dir / "expected" / fmt::format("{}.plan", step), PlanText(update, compiled));
    if (!update) {
      trees.push_back(before);  // a refused step writes nothing
      continue;
    }
    const std::string& migrations = compiled.schema->migrations_dir;
    Tree added;
    for (const auto& [path, content] : sink.files()) {
      if (!InHistory(path, migrations)) continue;
      const auto old = before.find(path);
      const bool is_sum = path == migrations + "/" + state::kSumFile;
      if (old != before.end() && !is_sum) {
        EXPECT_EQ(old->second, content) << "a migration or snapshot was rewritten: " << path;
      }
      if (old == before.end() || old->second != content) {
        added[path.substr(migrations.size() + 1)] = content;
      }
    }
    for (const auto& [path, content] : before) {
      if (InHistory(path, migrations)) {
        EXPECT_TRUE(sink.files().count(path) != 0) << "dropped from the history: " << path;
      }
    }
    const fs::path expected = dir / "expected" / std::to_string(step);
    if (UpdateGolden()) {
      for (const auto& [path, content] : added) WriteFile(expected / path, content);
    } else {
      const Tree want = fs::exists(expected) ? ReadTree(expected) : Tree{};
      for (const auto& [path, content] : want) {
        const auto it = added.find(path);
        if (it == added.end()) {
          ADD_FAILURE() << "not written: " << path;
        } else if (it->second != content) {
          ADD_FAILURE() << "differs: " << path << "\n" << Diff(content, it->second, path);
        }
      }
      for (const auto& [path, content] : added) {
        if (want.count(path) == 0) ADD_FAILURE() << "written but not expected: " << path;
      }
    }
    trees.push_back(sink.files());
  }
  if (HasFailure()) {
    ADD_FAILURE() << "if the new output is right, regenerate with:\n  SCHEMAGEN_UPDATE_GOLDEN=1 "
                     "build/tests/schemagen_tests --gtest_filter='*Evolution*'";
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, EvolutionTest, ::testing::ValuesIn(ListCases(kCases, "")),
                         CaseNameGenerator());

}  // namespace
}  // namespace schemagen::testing
