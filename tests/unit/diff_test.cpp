#include "schemagen/diff.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace schemagen::testing {
namespace {

using Lines = std::vector<std::string>;

// A column as the inspector reads one back: defaults are kNumber holding PostgreSQL's text.
ir::Column Col(const std::string& name, ir::TypeKind kind, bool nullable = false,
               const std::string& default_sql = "") {
  ir::Column c;
  c.name = name;
  c.type.kind = kind;
  c.nullable = nullable;
  if (!default_sql.empty()) c.default_value = ir::Default{ir::Default::Kind::kNumber, default_sql};
  return c;
}

ir::Column Varchar(const std::string& name, int length, bool nullable = false) {
  ir::Column c = Col(name, ir::TypeKind::kString, nullable);
  c.type.length = length;
  return c;
}

// tickets(id serial PK, company_id FK, status, priority), as a database holds it.
ir::Table Tickets() {
  ir::Table t;
  t.name = "tickets";
  ir::Column id = Col("id", ir::TypeKind::kInteger);
  id.primary_key = true;
  id.auto_increment = true;
  t.columns = {id, Col("company_id", ir::TypeKind::kInteger), Varchar("status", 255),
               Col("priority", ir::TypeKind::kInteger, false, "0")};
  t.columns[2].default_value = ir::Default{ir::Default::Kind::kNumber, "'open'::character varying"};
  t.primary_key_name = "tickets_pkey";
  ir::ForeignKey fk;
  fk.name = "tickets_company_id_fkey";
  fk.columns = {"company_id"};
  fk.ref_table = "companies";
  fk.ref_columns = {"id"};
  fk.on_delete = ir::Action::kCascade;
  fk.on_update = ir::Action::kCascade;
  t.foreign_keys = {fk};
  ir::Check check;
  check.name = "tickets_priority_check";
  check.column = "priority";
  check.expression = "((priority >= 0) AND (priority <= 5))";
  t.checks = {check};
  ir::Index index;
  index.name = "tickets_status_updated_at_idx";
  index.columns = {{"status", false}, {"priority", true}};
  t.indexes = {index};
  return t;
}

ir::Schema SchemaOf(std::vector<ir::Table> tables) {
  ir::Schema s;
  s.tables = std::move(tables);
  return s;
}

Lines Messages(const ir::Schema& from, const ir::Schema& to, diff::Options options = {}) {
  return diff::Describe(diff::Diff(from, to, options));
}

TEST(DiffTest, EqualSchemasHaveNoChanges) {
  EXPECT_TRUE(diff::Diff(SchemaOf({Tickets()}), SchemaOf({Tickets()})).empty());
}

TEST(DiffTest, ColumnDefinitionChangeReadsAsExpectedAndFound) {
  ir::Schema found = SchemaOf({Tickets()});
  found.tables[0].columns[3].nullable = true;
  found.tables[0].columns[3].default_value.reset();
  const std::vector<diff::Change> changes = diff::Diff(SchemaOf({Tickets()}), found);
  ASSERT_EQ(changes.size(), 1u);
  const auto& table = std::get<diff::ModifyTable>(changes[0]);
  ASSERT_EQ(table.changes.size(), 1u);
  const auto& column = std::get<diff::ModifyColumn>(table.changes[0]);
  EXPECT_TRUE(column.facets.nullable);
  EXPECT_TRUE(column.facets.default_value);
  EXPECT_FALSE(column.facets.type);
  EXPECT_EQ(diff::Describe(changes),
            (Lines{"table tickets: column priority: expected integer NOT NULL DEFAULT 0, found "
                   "integer NULL"}));
}

TEST(DiffTest, MissingAndUnexpectedTablesAndColumns) {
  ir::Schema found = SchemaOf({Tickets()});
  found.tables[0].columns.erase(found.tables[0].columns.begin() + 2);
  found.tables[0].columns.push_back(Col("note", ir::TypeKind::kText, true));
  ir::Table extra;
  extra.name = "foo";
  found.tables.push_back(extra);
  ir::Table gone;
  gone.name = "companies";
  EXPECT_EQ(Messages(SchemaOf({gone, Tickets()}), found),
            (Lines{"missing table companies",
                   "table tickets: missing column status character varying(255) NOT NULL DEFAULT "
                   "'open'::character varying",
                   "table tickets: unexpected column note text NULL", "unexpected table foo"}));
}

TEST(DiffTest, IndexChangesShowColumnsOrderMethodAndPredicate) {
  ir::Schema found = SchemaOf({Tickets()});
  ir::Index& index = found.tables[0].indexes[0];
  index.columns[1].descending = false;
  index.where = "((status)::text <> 'closed'::text)";
  ir::Index gin;
  gin.name = "tickets_metadata_idx";
  gin.method = "gin";
  gin.columns = {{"metadata", false}};
  found.tables[0].indexes.push_back(gin);
  EXPECT_EQ(Messages(SchemaOf({Tickets()}), found),
            (Lines{"table tickets: index tickets_status_updated_at_idx: expected btree (status, "
                   "priority DESC), found btree (status, priority) WHERE ((status)::text <> "
                   "'closed'::text)",
                   "table tickets: unexpected index tickets_metadata_idx gin (metadata)"}));
}

TEST(DiffTest, ForeignKeyActionsAndPrimaryKey) {
  ir::Schema found = SchemaOf({Tickets()});
  found.tables[0].foreign_keys[0].on_delete = ir::Action::kRestrict;
  found.tables[0].columns[0].primary_key = false;
  EXPECT_EQ(Messages(SchemaOf({Tickets()}), found),
            (Lines{"table tickets: primary key: expected tickets_pkey (id), found none",
                   "table tickets: foreign key tickets_company_id_fkey: expected (company_id) "
                   "REFERENCES companies (id) ON DELETE CASCADE ON UPDATE CASCADE, found "
                   "(company_id) REFERENCES companies (id) ON DELETE RESTRICT ON UPDATE CASCADE"}));
}

TEST(DiffTest, ExpressionsCompareByTextOnlyWhenBothAreNormalized) {
  ir::Schema found = SchemaOf({Tickets()});
  found.tables[0].checks[0].expression = "((priority >= 1) AND (priority <= 5))";
  found.tables[0].columns[2].default_value->value = "'closed'::character varying";
  EXPECT_EQ(Messages(SchemaOf({Tickets()}), found),
            (Lines{"table tickets: column status: expected character varying(255) NOT NULL "
                   "DEFAULT 'open'::character varying, found character varying(255) NOT NULL "
                   "DEFAULT 'closed'::character varying",
                   "table tickets: check constraint tickets_priority_check: expected CHECK "
                   "((priority >= 0) AND (priority <= 5)), found CHECK ((priority >= 1) AND "
                   "(priority <= 5))"}));
  EXPECT_TRUE(Messages(SchemaOf({Tickets()}), found, {.expressions = false}).empty());
}

TEST(DiffTest, WithoutExpressionsPresenceStillCounts) {
  ir::Schema found = SchemaOf({Tickets()});
  found.tables[0].columns[3].default_value.reset();
  found.tables[0].indexes[0].where = "(deleted_at IS NULL)";
  EXPECT_EQ(Messages(SchemaOf({Tickets()}), found, {.expressions = false}),
            (Lines{"table tickets: column priority: expected integer NOT NULL DEFAULT 0, found "
                   "integer NOT NULL",
                   "table tickets: index tickets_status_updated_at_idx: expected btree (status, "
                   "priority DESC), found btree (status, priority DESC) WHERE (deleted_at IS "
                   "NULL)"}));
}

TEST(DiffTest, CommentsOfTablesAndColumns) {
  ir::Schema expected = SchemaOf({Tickets()});
  expected.tables[0].doc = "A conversation.";
  expected.tables[0].columns[2].doc = "Where it stands.";
  EXPECT_EQ(Messages(expected, SchemaOf({Tickets()})),
            (Lines{"table tickets: column status: comment: expected 'Where it stands.', found none",
                   "table tickets: comment: expected 'A conversation.', found none"}));
}

TEST(DiffTest, TheSemanticPassIrMatchesItsDatabaseFormOnNonExpressionFacts) {
  Compiled c = CompileText(
      "schema s { timestamp 20260101000000 }\n"
      "enum Status { open closed }\n"
      "entity Company global { name string(255) }\n"
      "entity Ticket { status Status = open\n priority integer = 0 check(0..5) }\n");
  ASSERT_TRUE(c.schema) << c.Rendered();
  // What the inspector reads back: enums are varchar, defaults and checks are rewritten.
  ir::Schema inspected = *c.schema;
  for (ir::Table& table : inspected.tables) {
    for (ir::Column& column : table.columns) {
      if (column.type.kind == ir::TypeKind::kEnum) column.type = Varchar("x", 255).type;
      if (column.default_value) {
        column.default_value = ir::Default{ir::Default::Kind::kNumber, "(normalized)"};
      }
    }
    for (ir::Check& check : table.checks) check.expression = "(normalized)";
    table.relations.clear();
  }
  EXPECT_TRUE(Messages(*c.schema, inspected, {.expressions = false}).empty());
  inspected.tables[1].columns[2].type.length = 20;
  EXPECT_EQ(Messages(*c.schema, inspected, {.expressions = false}),
            (Lines{"table tickets: column status: expected character varying(255) NOT NULL "
                   "DEFAULT 'open', found character varying(20) NOT NULL DEFAULT (normalized)"}));
}

TEST(DiffTest, DefaultNullIsNoDefault) {
  ir::Schema expected = SchemaOf({Tickets()});
  ir::Column note = Col("note", ir::TypeKind::kText, true);
  note.default_value = ir::Default{ir::Default::Kind::kNull, ""};
  expected.tables[0].columns.push_back(note);
  ir::Schema found = SchemaOf({Tickets()});
  found.tables[0].columns.push_back(Col("note", ir::TypeKind::kText, true));
  EXPECT_TRUE(Messages(expected, found).empty());
}

TEST(DiffTest, TypesWithoutATypeKindCompareByTheirName) {
  ir::Schema expected = SchemaOf({Tickets()});
  ir::Column raw = Col("payload", ir::TypeKind::kText);
  raw.type.pg_name = "bytea";
  expected.tables[0].columns.push_back(raw);
  ir::Schema found = expected;
  found.tables[0].columns.back().type.pg_name = "text[]";
  EXPECT_EQ(Messages(expected, found),
            (Lines{"table tickets: column payload: expected bytea NOT NULL, found text[] NOT "
                   "NULL"}));
}

TEST(DiffTest, CatalogObjectsLeftBehindOrMissing) {
  inspect::Catalog before;
  before.objects = {{"sequence", "tickets_id_seq", "integer, start 1, increment 1"},
                    {"type", "mood", "enum ('a')"}};
  inspect::Catalog after;
  after.objects = {{"sequence", "orphan_seq", "bigint, start 1, increment 1"},
                   {"type", "mood", "enum ('a', 'b')"}};
  EXPECT_EQ(diff::Describe(diff::Diff(before, after)),
            (Lines{"missing sequence tickets_id_seq (integer, start 1, increment 1)",
                   "type mood: expected enum ('a'), found enum ('a', 'b')",
                   "unexpected sequence orphan_seq (bigint, start 1, increment 1)"}));
}

TEST(DiffTest, ChangesAreTypedForEvolution) {
  // The same changes drive ALTER migrations (issue 6): previous IR -> new IR.
  ir::Schema next = SchemaOf({Tickets()});
  next.tables[0].columns.push_back(Col("closed_at", ir::TypeKind::kDateTime, true));
  next.tables[0].indexes.clear();
  const std::vector<diff::Change> changes = diff::Diff(SchemaOf({Tickets()}), next);
  ASSERT_EQ(changes.size(), 1u);
  const auto& table = std::get<diff::ModifyTable>(changes[0]);
  ASSERT_EQ(table.changes.size(), 2u);
  EXPECT_EQ(std::get<diff::AddColumn>(table.changes[0]).object.name, "closed_at");
  EXPECT_EQ(std::get<diff::DropIndex>(table.changes[1]).object.name,
            "tickets_status_updated_at_idx");
}

TEST(DiffTest, TextRenderings) {
  ir::Column serial = Col("id", ir::TypeKind::kBigInt);
  serial.auto_increment = true;
  EXPECT_EQ(diff::ColumnText(serial), "bigserial NOT NULL");
  ir::Check check;
  check.expression = "(a > 0) AND (b > 0)";
  EXPECT_EQ(diff::CheckText(check), "CHECK ((a > 0) AND (b > 0))");
  check.expression = "((a > 0) AND (b > 0))";
  EXPECT_EQ(diff::CheckText(check), "CHECK ((a > 0) AND (b > 0))");
  ir::Index index;
  index.unique = true;
  index.columns = {{"company_id", false}, {"email", false}};
  index.where = "deleted_at IS NULL";
  EXPECT_EQ(diff::IndexText(index), "UNIQUE btree (company_id, email) WHERE (deleted_at IS NULL)");
}

}  // namespace
}  // namespace schemagen::testing
