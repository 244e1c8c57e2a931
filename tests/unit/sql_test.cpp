#include "schemagen/sql.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace schemagen::testing {
namespace {

TEST(SqlTest, CreateMigrationUpAndDown) {
  Compiled c = CompileText(
      "schema s { feature \"Help Desk!\" timestamp 20260101000000 }\n"
      "entity Company global no_soft_delete { name string(100) }\n"
      "/// A ticket.\n"
      "entity Ticket no_soft_delete {\n"
      "  /// Its title.\n"
      "  title string(80) unique\n"
      "  order integer = 0 check(0..)\n"
      "}\n");
  ASSERT_TRUE(c.schema) << c.Rendered();
  const sql::Migration m = sql::CreateMigration(*c.schema);
  EXPECT_EQ(m.name, "20260101000000-create-help-desk");
  EXPECT_EQ(sql::RenderFile(m.up, "up"),
            "-- up\n"
            "\n"
            "CREATE TABLE companies (\n"
            "  id serial NOT NULL,\n"
            "  name varchar(100) NOT NULL,\n"
            "  created_at timestamptz NOT NULL DEFAULT now(),\n"
            "  updated_at timestamptz NOT NULL DEFAULT now(),\n"
            "  CONSTRAINT companies_pkey PRIMARY KEY (id)\n"
            ");\n"
            "\n"
            "-- A ticket.\n"
            "CREATE TABLE tickets (\n"
            "  id serial NOT NULL,\n"
            "  company_id integer NOT NULL,\n"
            "  title varchar(80) NOT NULL,\n"
            "  \"order\" integer NOT NULL DEFAULT 0,\n"
            "  created_at timestamptz NOT NULL DEFAULT now(),\n"
            "  updated_at timestamptz NOT NULL DEFAULT now(),\n"
            "  CONSTRAINT tickets_pkey PRIMARY KEY (id),\n"
            "  CONSTRAINT tickets_company_id_fkey FOREIGN KEY (company_id) REFERENCES companies "
            "(id) ON DELETE CASCADE ON UPDATE CASCADE,\n"
            "  CONSTRAINT tickets_company_id_title_key UNIQUE (company_id, title),\n"
            "  CONSTRAINT tickets_order_check CHECK (\"order\" >= 0)\n"
            ");\n"
            "CREATE INDEX tickets_company_id_idx ON tickets (company_id);\n"
            "COMMENT ON TABLE tickets IS 'A ticket.';\n"
            "COMMENT ON COLUMN tickets.title IS 'Its title.';\n");
  EXPECT_EQ(sql::RenderFile(m.down, "down"),
            "-- down\n"
            "DROP TABLE tickets;\n"
            "DROP TABLE companies;\n");
}

TEST(SqlTest, MultiLineCommentsStayComments) {
  EXPECT_EQ(sql::RenderFile({{"line one\nline two */ DROP TABLE x;", "SELECT 1;"}}, "h"),
            "-- h\n\n-- line one\n-- line two */ DROP TABLE x;\nSELECT 1;\n");
}

TEST(SqlTest, SlugIsSafeForFileNames) {
  EXPECT_EQ(sql::Slug("Atendimento ao Cliente"), "atendimento-ao-cliente");
  EXPECT_EQ(sql::Slug("../../etc"), "etc");
  EXPECT_EQ(sql::Slug("!!!"), "schema");
}

}  // namespace
}  // namespace schemagen::testing
