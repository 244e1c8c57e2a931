// The PostgreSQL target (issue 19): the header setting and its override, the forms that depend
// on the major (sql_targets.cpp), the target a history keeps, and the snapshot that records it.
#include <gtest/gtest.h>

#include "schemagen/driver.hpp"
#include "schemagen/sql.hpp"
#include "schemagen/state.hpp"
#include "support/test_support.hpp"

namespace schemagen::testing {
namespace {

constexpr const char* kHelpDesk =
    "schema s { tenant Company timestamp 20260101000000 %s }\n"
    "entity Company global { name string(100) }\n"
    "entity User { name string(100) }\n"
    "entity Ticket {\n"
    "  title string(80)\n"
    "  assignee -> User? on delete set null\n"
    "  publicId uuid = uuid()\n"
    "}\n";

Compiled HelpDesk(const std::string& header) {
  std::string text = kHelpDesk;
  text.replace(text.find("%s"), 2, header);
  return CompileText(text);
}

const ir::ForeignKey& AssigneeKey(const ir::Schema& schema) {
  const ir::Table* tickets = schema.FindTableByName("tickets");
  for (const ir::ForeignKey& fk : tickets->foreign_keys) {
    if (ir::ReferenceColumn(fk) == "assignee_id") return fk;
  }
  throw std::logic_error("no assignee key");
}

std::string UpText(const ir::Schema& schema) {
  return sql::RenderFile(sql::CreateMigration(schema).up, "up");
}

TEST(PostgresTargetTest, DefaultIsTheOldestAndTheHeaderOrOverrideChooses) {
  Compiled plain = HelpDesk("");
  ASSERT_TRUE(plain.schema) << plain.Rendered();
  EXPECT_EQ(ir::PostgresTarget(*plain.schema), 12);
  Compiled fifteen = HelpDesk("postgres 15");
  ASSERT_TRUE(fifteen.schema) << fifteen.Rendered();
  EXPECT_EQ(fifteen.schema->postgres, 15);
  AnalyzeOptions options;
  options.postgres_override = 18;
  Compiled overridden = CompileText(
      "schema s { postgres 13 timestamp 20260101000000 }\nentity A global { n integer }\n",
      options);
  ASSERT_TRUE(overridden.schema) << overridden.Rendered();
  EXPECT_EQ(overridden.schema->postgres, 18);
}

TEST(PostgresTargetTest, SetNullOfSomeColumnsIsATriggerBefore15) {
  Compiled twelve = HelpDesk("postgres 12");
  Compiled fifteen = HelpDesk("postgres 15");
  ASSERT_TRUE(twelve.schema && fifteen.schema);
  const ir::ForeignKey& fk = AssigneeKey(*twelve.schema);
  ASSERT_EQ(fk.set_null_columns, std::vector<std::string>{"assignee_id"});
  EXPECT_TRUE(sql::SetNullByTrigger(fk, 12));
  EXPECT_TRUE(sql::SetNullByTrigger(fk, 14));
  EXPECT_FALSE(sql::SetNullByTrigger(fk, 15));
  EXPECT_EQ(sql::OnDelete(fk, 12), "SET NULL");
  EXPECT_EQ(sql::OnDelete(fk, 15), "SET NULL (assignee_id)");

  const std::string up12 = UpText(*twelve.schema);
  EXPECT_NE(up12.find("REFERENCES users (company_id, id) ON DELETE SET NULL ON UPDATE CASCADE"),
            std::string::npos)
      << up12;
  EXPECT_EQ(up12.find("SET NULL (assignee_id) ON UPDATE"), std::string::npos) << up12;
  EXPECT_NE(up12.find("CREATE FUNCTION tickets_company_id_assignee_id_fkey_set_null() RETURNS "
                      "trigger LANGUAGE plpgsql AS $body$\nBEGIN\n  NEW.company_id := "
                      "OLD.company_id;\n  RETURN NEW;\nEND\n$body$;"),
            std::string::npos)
      << up12;
  EXPECT_NE(up12.find("CREATE TRIGGER tickets_company_id_assignee_id_fkey_set_null BEFORE UPDATE "
                      "OF company_id ON tickets FOR EACH ROW\n  WHEN (pg_trigger_depth() > 0 AND "
                      "NEW.company_id IS NULL AND NEW.assignee_id IS NULL AND OLD.assignee_id IS "
                      "NOT NULL)\n  EXECUTE FUNCTION "
                      "tickets_company_id_assignee_id_fkey_set_null('assignee_id');"),
            std::string::npos)
      << up12;
  const std::string down12 = sql::RenderFile(sql::CreateMigration(*twelve.schema).down, "down");
  EXPECT_NE(down12.find("DROP TABLE tickets;\nDROP FUNCTION "
                        "tickets_company_id_assignee_id_fkey_set_null();"),
            std::string::npos)
      << down12;

  const std::string up15 = UpText(*fifteen.schema);
  EXPECT_NE(up15.find("ON DELETE SET NULL (assignee_id)"), std::string::npos) << up15;
  EXPECT_EQ(up15.find("CREATE TRIGGER"), std::string::npos) << up15;
}

TEST(PostgresTargetTest, SetNullOfTheWholeKeyNeedsNoTrigger) {
  ir::ForeignKey fk;
  fk.name = "tickets_contact_id_fkey";
  fk.columns = {"contact_id"};
  fk.on_delete = ir::Action::kSetNull;
  EXPECT_FALSE(sql::SetNullByTrigger(fk, 12));
  fk.set_null_columns = {"contact_id"};
  EXPECT_FALSE(sql::SetNullByTrigger(fk, 12));
  EXPECT_TRUE(sql::SetNullTrigger(ir::Table{}, fk, 12).empty());
}

TEST(PostgresTargetTest, TriggerNamesStayWithin63Bytes) {
  ir::ForeignKey fk;
  fk.name = std::string(60, 'k');
  const std::string name = sql::SetNullTriggerName(fk);
  EXPECT_LE(name.size(), 63u);
  ir::ForeignKey other = fk;
  other.name = std::string(59, 'k') + "x";
  EXPECT_NE(sql::SetNullTriggerName(other), name);
}

TEST(PostgresTargetTest, RandomUuidNeedsPgcryptoBefore13) {
  Compiled twelve = HelpDesk("postgres 12");
  Compiled thirteen = HelpDesk("postgres 13");
  ASSERT_TRUE(twelve.schema && thirteen.schema);
  EXPECT_TRUE(sql::NeedsPgcrypto(*twelve.schema));
  EXPECT_FALSE(sql::NeedsPgcrypto(*thirteen.schema));
  const sql::Migration m = sql::CreateMigration(*twelve.schema);
  ASSERT_FALSE(m.up.empty());
  EXPECT_EQ(m.up.front().text, sql::EnsurePgcrypto().text);
  EXPECT_NE(m.up.front().text.find("CREATE EXTENSION pgcrypto;"), std::string::npos);
  EXPECT_EQ(m.down.back().text, sql::DropPgcryptoIfCreated().text);
  EXPECT_NE(m.down.back().text.find("EXCEPTION WHEN dependent_objects_still_exist"),
            std::string::npos);
  EXPECT_EQ(UpText(*thirteen.schema).find("pgcrypto"), std::string::npos);
}

TEST(PostgresTargetTest, SnapshotRecordsTheTargetAndALegacyOneMeans15) {
  Compiled twelve = HelpDesk("postgres 12");
  ASSERT_TRUE(twelve.schema);
  const std::string json = state::SchemaJson(*twelve.schema);
  EXPECT_NE(json.find("\"postgres\":12"), std::string::npos) << json;
  ir::Schema legacy = *twelve.schema;
  legacy.postgres = 0;
  EXPECT_EQ(state::SchemaJson(legacy).find("\"postgres\""), std::string::npos);
  EXPECT_EQ(ir::PostgresTarget(legacy), 15);
}

}  // namespace
}  // namespace schemagen::testing
