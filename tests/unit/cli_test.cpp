// The command line as users and build systems see it: the real binary, its exit codes, what it
// writes and what it leaves alone.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <thread>

#include "schemagen/driver.hpp"
#include "support/test_support.hpp"

namespace schemagen::testing {
namespace {

namespace fs = std::filesystem;

struct CliRun {
  int status = -1;
  std::string output;  // stdout and stderr together
};

CliRun Schemagen(const std::string& args, const std::string& env = "") {
  const std::string command = env + " " + SCHEMAGEN_BINARY + " " + args + " 2>&1";
  CliRun run;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) run.output.append(buffer, n);
    const int raw = pclose(pipe);
    run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  }
  return run;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteFile(dir_ / "s.dsl",
              "schema s { timestamp 20260101000000 }\n"
              "entity Company global { name string }\n");
  }
  TempDir temp_{"cli-test"};
  const fs::path& dir_ = temp_.path();
};

TEST_F(CliTest, VersionAndUsageErrors) {
  EXPECT_EQ(Schemagen("--version").status, 0);
  EXPECT_EQ(Schemagen("--no-such-flag x.dsl").status, 2);
  EXPECT_EQ(Schemagen("").status, 2);
  EXPECT_EQ(Schemagen("--timestamp 2026 x.dsl").status, 2);
}

TEST_F(CliTest, GeneratesIntoOutputDirectoryAndSkipsUnchangedFiles) {
  const std::string args = (dir_ / "s.dsl").string() + " -o " + (dir_ / "out").string();
  CliRun first = Schemagen(args);
  ASSERT_EQ(first.status, 0) << first.output;
  const fs::path up = dir_ / "out/src/database/migrations/20260101000000-create-s.up.sql";
  ASSERT_TRUE(fs::exists(up)) << first.output;
  const auto mtime = fs::last_write_time(up);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CliRun second = Schemagen(args);
  ASSERT_EQ(second.status, 0) << second.output;
  EXPECT_NE(second.output.find("schemagen: 0 written, "), std::string::npos) << second.output;
  EXPECT_EQ(fs::last_write_time(up), mtime);
}

TEST_F(CliTest, CheckFailsAfterADslEditAndPassesAfterRegenerating) {
  const std::string args = (dir_ / "s.dsl").string() + " -o " + (dir_ / "out").string();
  ASSERT_EQ(Schemagen(args + " -q").status, 0);
  EXPECT_EQ(Schemagen(args + " --check").status, 0);
  WriteFile(dir_ / "s.dsl",
            "schema s { timestamp 20260101000000 }\n"
            "entity Company global { name string }\n"
            "entity Note { body text }\n");
  CliRun stale = Schemagen(args + " --check");
  EXPECT_EQ(stale.status, 1);
  EXPECT_NE(stale.output.find("missing  " + (dir_ / "out").string() + "/src/models/Note.ts"),
            std::string::npos)
      << stale.output;
  EXPECT_FALSE(fs::exists(dir_ / "out/src/models/Note.ts")) << "--check must write nothing";
  ASSERT_EQ(Schemagen(args + " -q").status, 0);
  EXPECT_EQ(Schemagen(args + " --check").status, 0);
}

TEST_F(CliTest, AHandEditedFileIsProtectedUntilForced) {
  const std::string args = (dir_ / "s.dsl").string() + " -o " + (dir_ / "out").string() + " -q";
  ASSERT_EQ(Schemagen(args).status, 0);
  const fs::path model = dir_ / "out/src/models/Company.ts";
  WriteFile(model, ReadFile(model) + "// my change\n");
  WriteFile(dir_ / "s.dsl",
            "schema s { timestamp 20260101000000 }\n"
            "entity Company global { name string(100) }\n");
  CliRun refused = Schemagen(args);
  EXPECT_EQ(refused.status, 1);
  EXPECT_NE(refused.output.find(model.string() + " was edited by hand"), std::string::npos)
      << refused.output;
  EXPECT_NE(ReadFile(model).find("// my change"), std::string::npos);
  EXPECT_EQ(Schemagen(args + " --force").status, 0);
  EXPECT_EQ(ReadFile(model).find("// my change"), std::string::npos);
}

TEST_F(CliTest, ReadsStandardInput) {
  CliRun run = Schemagen("check - < " + (dir_ / "s.dsl").string());
  EXPECT_EQ(run.status, 0) << run.output;
  EXPECT_EQ(run.output, "<stdin>: ok (1 tables, 0 enums)\n");
}

TEST_F(CliTest, TimestampFlagBeatsHeaderAndEpochOnlyFillsIn) {
  WriteFile(dir_ / "bare.dsl", "entity Company global { name string }\n");
  const std::string out = " -q -o " + (dir_ / "out").string();
  ASSERT_EQ(Schemagen((dir_ / "bare.dsl").string() + out, "SOURCE_DATE_EPOCH=1767225600").status,
            0);
  EXPECT_TRUE(fs::exists(dir_ / "out/src/database/migrations/20260101000000-create-schema.up.sql"));
  const std::string out2 = " -q -o " + (dir_ / "out2").string();  // a new history
  ASSERT_EQ(Schemagen((dir_ / "s.dsl").string() + out2 + " --timestamp 20270202020202").status, 0);
  EXPECT_TRUE(fs::exists(dir_ / "out2/src/database/migrations/20270202020202-create-s.up.sql"));
  EXPECT_EQ(Schemagen((dir_ / "s.dsl").string() + out, "SOURCE_DATE_EPOCH=soon").status, 2);
}

TEST_F(CliTest, ErrorsWriteNothingAndNeverUseColourWhenPiped) {
  WriteFile(dir_ / "bad.dsl", "entity Company global { name strng }\n");
  CliRun run = Schemagen((dir_ / "bad.dsl").string() + " -o " + (dir_ / "out").string());
  EXPECT_EQ(run.status, 1);
  EXPECT_FALSE(fs::exists(dir_ / "out"));
  EXPECT_EQ(run.output.find('\x1b'), std::string::npos);
  EXPECT_NE(run.output.find("bad.dsl:1:30: error[E0202]: unknown type 'strng'"), std::string::npos)
      << run.output;
  CliRun forced = Schemagen("check --color always " + (dir_ / "bad.dsl").string(), "NO_COLOR=");
  EXPECT_NE(forced.output.find('\x1b'), std::string::npos);
}

TEST(DriverTest, TimestampFromEpoch) {
  EXPECT_EQ(TimestampFromEpoch("0"), "19700101000000");
  EXPECT_EQ(TimestampFromEpoch("1767225600"), "20260101000000");
  EXPECT_EQ(TimestampFromEpoch("-5"), std::nullopt);
  EXPECT_EQ(TimestampFromEpoch(""), std::nullopt);
}

}  // namespace
}  // namespace schemagen::testing

namespace schemagen::testing {
namespace {

class CliEvolutionTest : public ::testing::Test {
 protected:
  TempDir tmp_{"cli-evolution"};
};

TEST_F(CliEvolutionTest, PlanPrintsTheNextMigrationWritesNothingAndSignalsIt) {
  const fs::path dir = tmp_.path();
  const std::string v1 =
      "schema s { tenant Company  timestamp 20260101000000 }\n"
      "entity Company global { name string(100) }\n"
      "entity Ticket { title string(100) }\n";
  WriteFile(dir / "s.dsl", v1);
  const std::string out = " -q -o " + (dir / "out").string();
  ASSERT_EQ(Schemagen((dir / "s.dsl").string() + out).status, 0);
  CliRun same = Schemagen("plan --exit-code " + (dir / "s.dsl").string() + out);
  EXPECT_EQ(same.status, 0) << same.output;
  EXPECT_NE(same.output.find("no changes"), std::string::npos) << same.output;

  WriteFile(dir / "s.dsl", v1.substr(0, v1.size() - 2) + "\n  sla integer = 24\n}\n");
  const std::map<std::string, std::string> before = ReadTree(dir / "out");
  CliRun planned =
      Schemagen("plan --exit-code --timestamp 20260301120000 " + (dir / "s.dsl").string() + out);
  EXPECT_EQ(planned.status, 3) << planned.output;
  EXPECT_NE(planned.output.find("[safe] add column tickets.sla integer NOT NULL DEFAULT 24"),
            std::string::npos)
      << planned.output;
  EXPECT_NE(planned.output.find("ALTER TABLE tickets ADD COLUMN sla integer NOT NULL DEFAULT 24;"),
            std::string::npos)
      << planned.output;
  CliRun json =
      Schemagen("plan --format json --timestamp 20260301120000 " + (dir / "s.dsl").string() + out);
  EXPECT_EQ(json.status, 0) << json.output;
  EXPECT_NE(json.output.find("\"status\": \"changes\""), std::string::npos) << json.output;
  EXPECT_NE(json.output.find("\"class\": \"safe\""), std::string::npos) << json.output;
  EXPECT_NE(json.output.find("\"name\": \"20260301120000-add-ticket-sla\""), std::string::npos)
      << json.output;
  EXPECT_EQ(ReadTree(dir / "out"), before) << "plan wrote something";
  EXPECT_EQ(Schemagen("--check " + (dir / "s.dsl").string() + out).status, 1);

  ASSERT_EQ(Schemagen("--timestamp 20260301120000 " + (dir / "s.dsl").string() + out).status, 0);
  EXPECT_TRUE(fs::exists(dir / "out/src/database/migrations/20260301120000-add-ticket-sla.ts"));
  EXPECT_EQ(ReadFile(dir / "out/src/database/migrations/20260101000000-create-s.up.sql"),
            before.at("src/database/migrations/20260101000000-create-s.up.sql"));

  // A refused hazard exits 1 with the reason; --allow accepts it.
  WriteFile(dir / "s.dsl", v1);
  CliRun refused = Schemagen((dir / "s.dsl").string() + out);
  EXPECT_EQ(refused.status, 1);
  EXPECT_NE(refused.output.find("error[E0907]: drop column tickets.sla (data-loss)"),
            std::string::npos)
      << refused.output;
  EXPECT_EQ(Schemagen("--allow data-loss:Ticket.sla " + (dir / "s.dsl").string() + out).status, 0);
  EXPECT_EQ(Schemagen("--allow everything " + (dir / "s.dsl").string() + out).status, 2);
}

}  // namespace
}  // namespace schemagen::testing
