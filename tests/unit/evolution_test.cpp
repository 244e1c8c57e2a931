// Golden evolution cases: tests/golden/evolution/<case>/ holds DSL versions 1.dsl, 2.dsl, ...
// Each step runs schemagen on the output tree the previous successful step left (the history:
// migrations, snapshots, schemagen.sum) exactly as `schemagen N.dsl` would, and compares
//   expected/N.plan  the planned steps with their classification, and every diagnostic, and
//   expected/N/      every file of the migrations directory the step added or changed (from
//                    step 2 on: step 1's create migration is tests/golden/'s subject).
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
#include "schemagen/output.hpp"
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
    trees.push_back(sink.files());
    // Step 1 writes the create migration: tests/golden/ covers that output already.
    if (step == 1) continue;
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

// ---- the history's checks, renames, timestamps --------------------------------------------

namespace schemagen::testing {
namespace {

constexpr const char* kBase =
    R"(schema helpdesk { tenant Company  feature "helpdesk"  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Ticket {
  title     string(255)
  priority  integer = 0 check(0..5)
}
)";
constexpr const char* kMigrations = "src/database/migrations/";

struct Outcome {
  Compiled compiled;
  std::optional<history::Update> update;
  Tree files;
};

Outcome Step(const std::string& dsl, const Tree& before, RunOptions options = {}) {
  Outcome run{CompileText(dsl, "h.dsl"), std::nullopt, {}};
  EXPECT_TRUE(run.compiled.schema.has_value()) << run.compiled.Rendered();
  if (!run.compiled.schema) return run;
  MemoryFileSystem files;
  for (const auto& [path, content] : before) files.Add(path, content);
  if (options.plan.timestamp.empty()) options.plan.timestamp = "20260301120000";
  MemorySink sink;
  run.update = Generate(*run.compiled.schema, files, "", options, sink, run.compiled.diagnostics);
  run.files = sink.files();
  return run;
}

std::string Codes(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics.all()) out += d.code + " ";
  return out;
}

TEST(EvolutionHistoryTest, AnUnchangedSchemaWritesNoMigrationAndKeepsEveryFile) {
  const Outcome first = Step(kBase, {});
  ASSERT_TRUE(first.update) << first.compiled.Rendered();
  const Outcome second = Step(kBase, first.files);
  ASSERT_TRUE(second.update) << second.compiled.Rendered();
  EXPECT_TRUE(second.update->added.empty());
  ASSERT_TRUE(second.update->plan.has_value());
  EXPECT_TRUE(second.update->plan->empty());
  EXPECT_EQ(first.files, second.files);
}

TEST(EvolutionHistoryTest, AHandEditedMigrationStopsTheRunUntilRehashed) {
  Outcome first = Step(kBase, {});
  const std::string up = std::string(kMigrations) + "20260101000000-create-helpdesk.up.sql";
  ASSERT_TRUE(first.files.count(up) != 0);
  first.files[up] += "-- a hand fix\n";
  const Outcome refused = Step(kBase, first.files);
  EXPECT_FALSE(refused.update);
  EXPECT_EQ(Codes(refused.compiled.diagnostics), "E0936 ");
  EXPECT_NE(refused.compiled.Rendered().find(up + " was edited since schemagen generated it"),
            std::string::npos)
      << refused.compiled.Rendered();
  RunOptions rehash;
  rehash.load.rehash = true;
  const Outcome accepted = Step(kBase, first.files, rehash);
  ASSERT_TRUE(accepted.update) << accepted.compiled.Rendered();
  EXPECT_EQ(accepted.files.at(up), first.files.at(up));  // kept, not regenerated
  const Outcome after = Step(kBase, accepted.files);
  EXPECT_TRUE(after.update) << after.compiled.Rendered();
}

TEST(EvolutionHistoryTest, MissingFilesAndTamperedSnapshotsAreReported) {
  const Outcome first = Step(kBase, {});
  Tree missing = first.files;
  missing.erase(std::string(kMigrations) + "20260101000000-create-helpdesk.ts");
  EXPECT_EQ(Codes(Step(kBase, missing).compiled.diagnostics), "E0931 ");
  Tree no_sum = first.files;
  no_sum.erase(std::string(kMigrations) + "schemagen.sum");
  EXPECT_EQ(Codes(Step(kBase, no_sum).compiled.diagnostics), "E0935 ");
  Tree tampered = first.files;
  std::string& snapshot =
      tampered[std::string(kMigrations) + "schemagen-state/20260101000000-create-helpdesk.json"];
  const std::size_t at = snapshot.find("\"title\"");
  ASSERT_NE(at, std::string::npos);
  snapshot.replace(at, 7, "\"tytle\"");
  EXPECT_NE(Codes(Step(kBase, tampered).compiled.diagnostics).find("E0953"), std::string::npos);
}

// The output's manifest, as CommitToDisk writes it, for a tree of generated files.
std::string ManifestFor(const Tree& files) {
  std::string out = "{\"generator\": \"schemagen\", \"files\": {";
  for (const auto& [path, content] : files) {
    out += (out.back() == '{' ? "\"" : ", \"") + path + "\": \"" + ContentHash(content) + "\"";
  }
  return out + "}}";
}

// A history lost (schemagen-state/ deleted, or ignored by git in a fresh clone) while the
// migrations it explains are still there: planning on would rewrite the committed create
// migration and remove the later ones, so the run stops, whichever record of them survived.
TEST(EvolutionHistoryTest, MigrationsWithoutTheirHistoryStopTheRun) {
  const Outcome first = Step(kBase, {});
  ASSERT_TRUE(first.update);
  const std::string changed =
      std::string(kBase).substr(0, std::string(kBase).size() - 2) + "\n  sla integer = 24\n}\n";
  const Outcome second = Step(changed, first.files);
  ASSERT_TRUE(second.update) << second.compiled.Rendered();
  auto without = [&](const std::string& part) {
    Tree tree = second.files;
    for (auto it = tree.begin(); it != tree.end();) {
      it = it->first.find(part) != std::string::npos ? tree.erase(it) : std::next(it);
    }
    return tree;
  };
  // Only schemagen.sum remembers them.
  const Outcome sum_only = Step(changed, without("schemagen-state/"));
  EXPECT_FALSE(sum_only.update);
  EXPECT_EQ(Codes(sum_only.compiled.diagnostics), "E0937 ");
  EXPECT_NE(sum_only.compiled.Rendered().find(
                "src/database/migrations holds 6 migration files schemagen wrote "
                "(20260101000000-create-helpdesk.down.sql, "),
            std::string::npos)
      << sum_only.compiled.Rendered();
  // Only the output's manifest remembers them.
  Tree manifest_only = without("schemagen");
  manifest_only[".schemagen-manifest.json"] = ManifestFor(second.files);
  const Outcome from_manifest = Step(changed, manifest_only);
  EXPECT_EQ(Codes(from_manifest.compiled.diagnostics), "E0937 ");
  // --rehash does not get past it.
  RunOptions rehash;
  rehash.load.rehash = true;
  EXPECT_EQ(Codes(Step(changed, manifest_only, rehash).compiled.diagnostics), "E0937 ");
  // The last snapshot lost while the manifest lists its run: the two disagree.
  Tree disagree = without("schemagen-state/20260301120000");
  disagree[".schemagen-manifest.json"] = ManifestFor(second.files);
  EXPECT_NE(Codes(Step(changed, disagree).compiled.diagnostics).find("E0937"), std::string::npos);
  // A run killed while committing leaves its in-progress manifest (cli.crash_safety): the
  // files it lists are that run's unfinished work, not committed migrations.
  Tree killed = manifest_only;
  std::string& text = killed[".schemagen-manifest.json"];
  text.replace(text.find("\"files\""), 0, "\"in_progress\": true, ");
  EXPECT_TRUE(ManifestInProgress(text)) << text;
  EXPECT_EQ(Codes(Step(changed, killed).compiled.diagnostics).find("E0937"), std::string::npos);
  // The advice, followed literally (the migrations never ran anywhere: delete every file the
  // error names), gets past it.
  Tree deleted = without("schemagen-state/");
  for (auto it = deleted.begin(); it != deleted.end();) {
    const bool named = it->first.ends_with(".ts") || it->first.ends_with(".sql");
    it = named && it->first.starts_with(kMigrations) ? deleted.erase(it) : std::next(it);
  }
  const Outcome replanned = Step(changed, deleted);
  EXPECT_TRUE(replanned.update) << replanned.compiled.Rendered();
  // Files schemagen never recorded (a team's own migrations) don't stop a first run.
  const Outcome adopting =
      Step(kBase, {{std::string(kMigrations) + "20190101000000-create-users.ts", "// mine\n"}});
  EXPECT_TRUE(adopting.update) << adopting.compiled.Rendered();
}

// The history is not trusted: a name in schemagen.sum or a snapshot that is not a plain file
// name of the migrations directory is an error before anything is read through it.
TEST(EvolutionHistoryTest, HistoryNamesOutsideTheMigrationsDirectoryAreRefused) {
  const Outcome first = Step(kBase, {});
  Tree sum = first.files;
  std::string& text = sum[std::string(kMigrations) + "schemagen.sum"];
  text.erase(text.find("total "), text.find('\n', text.find("total ")) - text.find("total ") + 1);
  text += "../../../etc/passwd sha256:" + std::string(64, 'a') + "\n";
  const Outcome bad_sum = Step(kBase, sum);
  EXPECT_FALSE(bad_sum.update);
  EXPECT_NE(bad_sum.compiled.Rendered().find("lists '../../../etc/passwd', which is not a file of "
                                             "the migrations directory"),
            std::string::npos)
      << bad_sum.compiled.Rendered();

  Tree snapshot = first.files;
  std::string& json =
      snapshot[std::string(kMigrations) + "schemagen-state/20260101000000-create-helpdesk.json"];
  const std::string name = "\"20260101000000-create-helpdesk\"";
  const std::size_t at = json.find(name);
  ASSERT_NE(at, std::string::npos);
  json.insert(at + name.size(), ", \"../../x\"");
  RunOptions rehash;  // past the sum, to the snapshot's own check
  rehash.load.rehash = true;
  const Outcome bad_snapshot = Step(kBase, snapshot, rehash);
  EXPECT_FALSE(bad_snapshot.update);
  EXPECT_NE(Codes(bad_snapshot.compiled.diagnostics).find("E09"), std::string::npos)
      << bad_snapshot.compiled.Rendered();
  EXPECT_EQ(bad_snapshot.compiled.Rendered().find("can't read"), std::string::npos)
      << bad_snapshot.compiled.Rendered();
}

TEST(EvolutionHistoryTest, ARenamedFieldRenamesItsConstraintsInsteadOfDroppingThem) {
  const Outcome first = Step(kBase, {});
  std::string renamed = kBase;
  renamed.replace(renamed.find("priority  integer"), 17, "urgency   integer");
  renamed.replace(renamed.find("check(0..5)"), 11, "check(0..5) was priority");
  const Outcome second = Step(renamed, first.files);
  ASSERT_TRUE(second.update) << second.compiled.Rendered();
  std::vector<std::string> summaries;
  for (const evolve::Step& step : second.update->plan->steps) summaries.push_back(step.summary);
  EXPECT_EQ(summaries,
            (std::vector<std::string>{
                "rename column tickets.priority to urgency",
                "rename check constraint tickets_priority_check to tickets_urgency_check",
            }));
  // The hint stays in the DSL; the next run sees the rename as done.
  const Outcome third = Step(renamed, second.files);
  ASSERT_TRUE(third.update) << third.compiled.Rendered();
  EXPECT_TRUE(third.update->added.empty());
}

TEST(EvolutionHistoryTest, AWasNamingNothingIsAnErrorWithASuggestion) {
  const Outcome first = Step(kBase, {});
  std::string renamed = kBase;
  renamed.replace(renamed.find("title     string(255)"), 21, "subject   string(255) was titl");
  const Outcome second = Step(renamed, first.files);
  EXPECT_FALSE(second.update);
  EXPECT_NE(second.compiled.Rendered().find("error[E0902]: field Ticket.subject says it was "
                                            "titl, but Ticket had no field titl"),
            std::string::npos)
      << second.compiled.Rendered();
  EXPECT_NE(second.compiled.Rendered().find("did you mean title?"), std::string::npos)
      << second.compiled.Rendered();
}

TEST(EvolutionHistoryTest, ANewMigrationIsAlwaysStampedAfterTheLastOne) {
  const Outcome first = Step(kBase, {});
  std::string changed = kBase;
  changed.replace(changed.find("}\n", changed.find("entity Ticket")), 2, "  sla integer = 24\n}\n");
  RunOptions early;
  early.plan.timestamp = "20250101000000";  // before the create migration
  const Outcome second = Step(changed, first.files, early);
  ASSERT_TRUE(second.update) << second.compiled.Rendered();
  ASSERT_EQ(second.update->added.size(), 1u);
  EXPECT_EQ(second.update->added[0].name, "20260101000001-add-ticket-sla");
}

TEST(EvolutionPlanTest, TimestampsCarryAndAllowancesParse) {
  EXPECT_EQ(evolve::AddSeconds("20261231235959", 1), "20270101000000");
  EXPECT_EQ(evolve::AddSeconds("20240228235959", 1), "20240229000000");
  EXPECT_EQ(evolve::AddSeconds("20230228235959", 1), "20230301000000");
  const auto all = evolve::ParseAllowance("data-loss");
  ASSERT_TRUE(all);
  EXPECT_EQ(all->safety, evolve::Safety::kDataLossUp);
  EXPECT_EQ(all->subject, "");
  const auto one = evolve::ParseAllowance("irreversible:Ticket.title");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->safety, evolve::Safety::kIrreversible);
  EXPECT_EQ(one->subject, "Ticket.title");
  EXPECT_FALSE(evolve::ParseAllowance("safe"));
  EXPECT_FALSE(evolve::ParseAllowance("data-loss:"));
  EXPECT_FALSE(evolve::ParseAllowance("everything"));
}

TEST(EvolutionPlanTest, AnAllowanceForOneEntityDoesNotCoverAnotherWithTheSamePrefix) {
  std::string with_more = kBase;
  with_more += "entity TicketNote { body text }\nentity Tick { body text }\n";
  const Outcome first = Step(with_more, {});
  ASSERT_TRUE(first.update) << first.compiled.Rendered();
  RunOptions options;
  options.plan.plan.allow.push_back(*evolve::ParseAllowance("data-loss:Tick"));
  const Outcome second = Step(kBase, first.files, options);
  EXPECT_FALSE(second.update);
  const std::string text = second.compiled.Rendered();
  EXPECT_NE(text.find("drop table ticket_notes (data-loss)"), std::string::npos) << text;
  EXPECT_EQ(text.find("drop table ticks (data-loss)"), std::string::npos) << text;
}

}  // namespace
}  // namespace schemagen::testing

namespace schemagen::testing {
namespace {

TEST(EvolutionHistoryTest, TheLastRunCanBeRemovedWholeAndPlannedAgain) {
  const std::string base =
      "schema h { tenant Company  timestamp 20260101000000 }\n"
      "entity Company global { name string(100) }\n"
      "entity Ticket { title string(100) }\n";
  const std::string changed = base.substr(0, base.size() - 2) + "\n  sla integer = 24\n}\n";
  auto run = [](const std::string& dsl, const Tree& before, const std::string& timestamp) {
    Compiled compiled = CompileText(dsl, "h.dsl");
    MemoryFileSystem files;
    for (const auto& [path, content] : before) files.Add(path, content);
    RunOptions options;
    options.plan.timestamp = timestamp;
    MemorySink sink;
    const bool ok = compiled.schema &&
                    Generate(*compiled.schema, files, "", options, sink, compiled.diagnostics);
    EXPECT_TRUE(ok) << compiled.Rendered();
    return sink.files();
  };
  const Tree first = run(base, {}, "");
  Tree second = run(changed, first, "20260301120000");
  // The team drops the unreleased migration to plan it again: its files and its snapshot go.
  for (auto it = second.begin(); it != second.end();) {
    it = it->first.find("20260301120000-") != std::string::npos ? second.erase(it) : std::next(it);
  }
  const Tree third = run(changed, second, "20260302120000");
  EXPECT_TRUE(third.count("src/database/migrations/20260302120000-add-ticket-sla.up.sql") != 0);
  EXPECT_EQ(third.at("src/database/migrations/schemagen.sum").find("20260301120000"),
            std::string::npos);
}

}  // namespace
}  // namespace schemagen::testing
