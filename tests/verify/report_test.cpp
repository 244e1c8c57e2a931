#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "schemagen/verify.hpp"

namespace schemagen::testing {
namespace {

verify::Report Sample() {
  verify::Report r;
  r.server = "postgres@/tmp/s:5432/postgres (throwaway server)";
  r.scratch = "scratch database schemagen_verify_0123456789ab";
  r.server_version = "PostgreSQL 12.22";
  r.target = 12;
  r.migrations_dir = "m";
  r.seconds = 1.5;
  verify::MigrationResult ok;
  ok.name = "1-create";
  ok.status = verify::Status::kOk;
  ok.up_ms = 12.4;
  ok.down_ms = 3;
  ok.up_again_ms = 1250;
  ok.total_ms = 1300;
  verify::MigrationResult bad = ok;
  bad.name = "2-index";
  bad.status = verify::Status::kFailed;
  bad.up_again_ms = -1;
  bad.problems = {{"2-index.down.sql", "down",
                   "the schema after DOWN differs from before UP: table t: unexpected index i "
                   "btree (a)"}};
  verify::MigrationResult skipped;
  skipped.name = "3-later";
  r.migrations = {ok, bad, skipped};
  r.schema.checked = true;
  r.isolation.checked = true;
  r.isolation.role = "app";
  verify::TableIsolation t;
  t.table = "users";
  t.status = verify::Status::kFailed;
  t.passed = {"foreign key users_company_id_fkey is ON DELETE CASCADE"};
  t.problems = {"unique index users_email_key (email) does not include company_id"};
  r.isolation.tables = {t};
  return r;
}

TEST(ReportTest, TextHasALinePerMigrationItsProblemsAndASummary) {
  EXPECT_EQ(verify::RenderText(Sample()),
            "verify: 3 migrations in m, written for PostgreSQL 12\n"
            "       on postgres@/tmp/s:5432/postgres (throwaway server), PostgreSQL 12.22, "
            "scratch database "
            "schemagen_verify_0123456789ab\n"
            "ok    1-create  1.30 s (up 12 ms, down 3 ms, up again 1.25 s)\n"
            "FAIL  2-index  1.30 s (up 12 ms, down 3 ms, up again not run)\n"
            "      2-index.down.sql: the schema after DOWN differs from before UP: table t: "
            "unexpected index i btree (a)\n"
            "skip  3-later  (not run: an earlier migration failed)\n"
            "schema: not compared with the DSL's: the last migration did not run\n"
            "tenant isolation (1 tenant table, rows written as app):\n"
            "  FAIL  users: 1 check held\n"
            "        unique index users_email_key (email) does not include company_id\n"
            "verify: FAILED: 1 migration of 3 verified, 1 table not isolated (1.50 s)\n");
}

TEST(ReportTest, JsonIsOneDocumentWithTheSameFacts) {
  const verify::Report report = Sample();
  Diagnostics diagnostics;
  const auto json = nlohmann::json::parse(verify::RenderJson(&report, diagnostics));
  EXPECT_EQ(json["ok"], false);
  EXPECT_EQ(json["migrations"].size(), 3u);
  EXPECT_EQ(json["migrations"][1]["status"], "failed");
  EXPECT_TRUE(json["migrations"][1]["ms"]["up_again"].is_null());
  EXPECT_EQ(json["migrations"][1]["problems"][0]["file"], "2-index.down.sql");
  EXPECT_EQ(json["migrations"][2]["status"], "skipped");
  EXPECT_EQ(json["isolation"]["tables"][0]["problems"][0],
            "unique index users_email_key (email) does not include company_id");
  diagnostics.Error("E0803", std::nullopt, "can't connect");
  const auto failed = nlohmann::json::parse(verify::RenderJson(nullptr, diagnostics));
  EXPECT_EQ(failed.dump(), R"({"errors":[{"code":"E0803","message":"can't connect"}],"ok":false})");
}

// A history replay: rows kept, a table a hazard changes, the recorded states.
verify::Report History() {
  verify::Report r;
  r.server = "s";
  r.scratch = "scratch database x";
  r.migrations_dir = "m";
  r.seconds = 0.5;
  verify::MigrationResult create;
  create.name = "1-create";
  create.status = verify::Status::kOk;
  create.up_ms = create.down_ms = create.up_again_ms = create.total_ms = 10;
  create.state = "schemagen-state/1-create.json";
  verify::MigrationResult change = create;
  change.name = "2-change";
  change.state = "schemagen-state/2-change.json";
  change.status = verify::Status::kFailed;
  change.rows.checked = true;
  change.rows.written = 18;
  change.rows.tables = 8;
  change.rows.kept = 15;
  change.rows.not_compared = {
      {"tickets", "data-loss step Ticket.legacy (drop column tickets.legacy)"}};
  change.rows.not_written = {{"settings", "no value of type bytea for blob"}};
  change.rows.emptied = {{"messages", "the DOWN failed on its rows (x), which y may do"}};
  change.problems = {
      {"2-change.up.sql", "rows",
       "rows of contacts changed or lost by the UP (1 of 2): id 1: name 'a' -> 'x'"}};
  r.migrations = {create, change};
  r.history.states = 3;
  r.history.compared = 2;
  r.history.problems = {{"schemagen-state/3-gone.json", "state",
                         "names 3-gone not in m: its state can't be checked"}};
  r.isolation.skipped = "--no-isolation";
  return r;
}

TEST(ReportTest, TextShowsTheRowsAndTheRecordedStates) {
  EXPECT_EQ(verify::RenderText(History()),
            "verify: 2 migrations in m\n"
            "       on s, scratch database x\n"
            "ok    1-create  10 ms (up 10 ms, down 10 ms, up again 10 ms)\n"
            "      state: as recorded in schemagen-state/1-create.json\n"
            "FAIL  2-change  10 ms (up 10 ms, down 10 ms, up again 10 ms)\n"
            "      rows: 8 tables, 15 rows kept (18 written before this UP)\n"
            "      rows: tickets not compared: data-loss step Ticket.legacy (drop column "
            "tickets.legacy)\n"
            "      rows: none written into settings: no value of type bytea for blob\n"
            "      rows: messages emptied: the DOWN failed on its rows (x), which y may do\n"
            "      state: as recorded in schemagen-state/2-change.json\n"
            "      2-change.up.sql: rows of contacts changed or lost by the UP (1 of 2): id 1: "
            "name 'a' -> 'x'\n"
            "history: 3 recorded states in schemagen-state/, 2 compared\n"
            "      schemagen-state/3-gone.json: names 3-gone not in m: its state can't be checked\n"
            "tenant isolation: not checked: --no-isolation\n"
            "verify: FAILED: 1 migration of 2 verified (0.50 s)\n");
}

TEST(ReportTest, JsonHasTheRowsAndTheHistory) {
  const verify::Report report = History();
  const auto json = nlohmann::json::parse(verify::RenderJson(&report, Diagnostics()));
  EXPECT_TRUE(json["migrations"][0]["rows"].is_null());
  EXPECT_EQ(json["migrations"][0]["state"], "schemagen-state/1-create.json");
  const auto& rows = json["migrations"][1]["rows"];
  EXPECT_EQ(rows["written"], 18);
  EXPECT_EQ(rows["tables"], 8);
  EXPECT_EQ(rows["kept"], 15);
  EXPECT_EQ(rows["not_compared"][0]["table"], "tickets");
  EXPECT_EQ(rows["not_written"][0]["reason"], "no value of type bytea for blob");
  EXPECT_EQ(rows["emptied"][0]["table"], "messages");
  EXPECT_EQ(json["migrations"][1]["problems"][0]["step"], "rows");
  EXPECT_EQ(json["history"]["states"], 3);
  EXPECT_EQ(json["history"]["compared"], 2);
  EXPECT_EQ(json["history"]["problems"][0]["file"], "schemagen-state/3-gone.json");
  EXPECT_EQ(json["ok"], false);
}

}  // namespace
}  // namespace schemagen::testing
