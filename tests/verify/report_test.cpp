#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "schemagen/verify.hpp"

namespace schemagen::testing {
namespace {

verify::Report Sample() {
  verify::Report r;
  r.server = "postgres@/tmp/s:5432/postgres (throwaway server)";
  r.scratch = "scratch database schemagen_verify_0123456789ab";
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
            "verify: 3 migrations in m\n"
            "       on postgres@/tmp/s:5432/postgres (throwaway server), scratch database "
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

}  // namespace
}  // namespace schemagen::testing
