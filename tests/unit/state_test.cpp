#include "schemagen/state.hpp"

#include <gtest/gtest.h>

#include "schemagen/diff.hpp"
#include "schemagen/driver.hpp"
#include "support/test_support.hpp"

namespace schemagen::testing {
namespace {

namespace fs = std::filesystem;

// The root schema of an example: examples/<name>/entities.dsl, or one level down
// (examples/cmake-consumer/schema/entities.dsl, which imports a second file).
fs::path ExampleRoot(const std::string& example) {
  const fs::path dir = SourceDir() / "examples" / example;
  if (fs::exists(dir / "entities.dsl")) return dir / "entities.dsl";
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_directory() && fs::exists(entry.path() / "entities.dsl"))
      return entry.path() / "entities.dsl";
  }
  return {};
}

std::string Messages(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics.all()) out += d.code + " " + d.message + "\n";
  return out;
}

bool HasError(const Diagnostics& diagnostics, const std::string& code,
              const std::string& fragment) {
  for (const Diagnostic& d : diagnostics.all()) {
    if (d.code == code && d.message.find(fragment) != std::string::npos) return true;
  }
  return false;
}

void Replace(std::string& text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << "no " << from;
  text.replace(at, from.size(), to);
}

std::vector<sql::Statement> Statements(const std::string& tag) {
  return {{"", tag + " without a comment;"}, {"why " + tag + "\nsecond line", tag + " \"q\";"}};
}

evolve::Step MakeStep(const std::string& subject, evolve::Safety safety) {
  evolve::Step step;
  step.subject = subject;
  step.table = "tickets";
  step.summary = "change " + subject;
  step.safety = safety;
  step.reason = safety == evolve::Safety::kSafe ? "" : "because " + subject;
  step.advice = safety == evolve::Safety::kDataLossUp ? "copy it first" : "";
  step.up = Statements("up");
  step.down = Statements("down");
  if (safety == evolve::Safety::kLock) step.up_online = Statements("online");
  return step;
}

const char* kSmall = R"(schema shop {
  tenant    Company
  feature   "shop"
  timestamp 20260101000000
}

entity Company global {
  name  string(255)
}

/// A ticket.
entity Ticket {
  title     string(200)
  priority  integer = 0 check(0..5)
  code      string(20)? check(match "^[A-Z]+$")
}
)";

ir::Schema Small() {
  Compiled c = CompileText(kSmall);
  EXPECT_TRUE(c.schema) << c.Rendered();
  return c.schema ? *c.schema : ir::Schema{};
}

state::Snapshot SmallSnapshot() {
  state::Snapshot snapshot;
  snapshot.migrations = {"20260101000000-create-shop"};
  snapshot.schema = Small();
  return snapshot;
}

void ExpectSameColumn(const ir::Column& a, const ir::Column& b, const std::string& where) {
  EXPECT_EQ(a.attribute, b.attribute) << where;
  EXPECT_EQ(a.name, b.name) << where;
  EXPECT_EQ(a.type.kind, b.type.kind) << where;
  EXPECT_EQ(a.type.length, b.type.length) << where;
  EXPECT_EQ(a.type.precision, b.type.precision) << where;
  EXPECT_EQ(a.type.scale, b.type.scale) << where;
  EXPECT_EQ(a.type.enum_name, b.type.enum_name) << where;
  EXPECT_EQ(a.type.pg_name, b.type.pg_name) << where;
  EXPECT_EQ(a.nullable, b.nullable) << where;
  EXPECT_EQ(a.primary_key, b.primary_key) << where;
  EXPECT_EQ(a.auto_increment, b.auto_increment) << where;
  ASSERT_EQ(a.default_value.has_value(), b.default_value.has_value()) << where;
  if (a.default_value) {
    EXPECT_EQ(a.default_value->kind, b.default_value->kind) << where;
    EXPECT_EQ(a.default_value->value, b.default_value->value) << where;
  }
  EXPECT_EQ(a.origin, b.origin) << where;
  EXPECT_EQ(a.doc, b.doc) << where;
}

void ExpectSameConstraints(const ir::Table& a, const ir::Table& b) {
  ASSERT_EQ(a.foreign_keys.size(), b.foreign_keys.size()) << a.name;
  for (std::size_t i = 0; i < a.foreign_keys.size(); ++i) {
    const ir::ForeignKey &x = a.foreign_keys[i], &y = b.foreign_keys[i];
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.columns, y.columns) << x.name;
    EXPECT_EQ(x.ref_table, y.ref_table) << x.name;
    EXPECT_EQ(x.ref_columns, y.ref_columns) << x.name;
    EXPECT_EQ(x.on_delete, y.on_delete) << x.name;
    EXPECT_EQ(x.on_update, y.on_update) << x.name;
    EXPECT_EQ(x.deferred, y.deferred) << x.name;
  }
  ASSERT_EQ(a.uniques.size(), b.uniques.size()) << a.name;
  for (std::size_t i = 0; i < a.uniques.size(); ++i) {
    EXPECT_EQ(a.uniques[i].name, b.uniques[i].name);
    EXPECT_EQ(a.uniques[i].columns, b.uniques[i].columns) << a.uniques[i].name;
  }
  ASSERT_EQ(a.checks.size(), b.checks.size()) << a.name;
  for (std::size_t i = 0; i < a.checks.size(); ++i) {
    const ir::Check &x = a.checks[i], &y = b.checks[i];
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.kind, y.kind) << x.name;
    EXPECT_EQ(x.column, y.column) << x.name;
    EXPECT_EQ(x.expression, y.expression) << x.name;
    EXPECT_EQ(x.min, y.min) << x.name;
    EXPECT_EQ(x.max, y.max) << x.name;
    EXPECT_EQ(x.pattern, y.pattern) << x.name;
  }
  ASSERT_EQ(a.indexes.size(), b.indexes.size()) << a.name;
  for (std::size_t i = 0; i < a.indexes.size(); ++i) {
    const ir::Index &x = a.indexes[i], &y = b.indexes[i];
    EXPECT_EQ(x.name, y.name);
    ASSERT_EQ(x.columns.size(), y.columns.size()) << x.name;
    for (std::size_t k = 0; k < x.columns.size(); ++k) {
      EXPECT_EQ(x.columns[k].name, y.columns[k].name) << x.name;
      EXPECT_EQ(x.columns[k].descending, y.columns[k].descending) << x.name;
    }
    EXPECT_EQ(x.unique, y.unique) << x.name;
    EXPECT_EQ(x.method, y.method) << x.name;
    EXPECT_EQ(x.where, y.where) << x.name;
    EXPECT_EQ(x.reason, y.reason) << x.name;
  }
}

void ExpectSameRelations(const ir::Table& a, const ir::Table& b) {
  ASSERT_EQ(a.relations.size(), b.relations.size()) << a.name;
  for (std::size_t i = 0; i < a.relations.size(); ++i) {
    const ir::Relation &x = a.relations[i], &y = b.relations[i];
    EXPECT_EQ(x.kind, y.kind) << a.model << "." << x.name;
    EXPECT_EQ(x.name, y.name) << a.model;
    EXPECT_EQ(x.target, y.target) << a.model << "." << x.name;
    EXPECT_EQ(x.foreign_key, y.foreign_key) << a.model << "." << x.name;
    EXPECT_EQ(x.through, y.through) << a.model << "." << x.name;
    EXPECT_EQ(x.other_key, y.other_key) << a.model << "." << x.name;
    EXPECT_EQ(x.on_delete, y.on_delete) << a.model << "." << x.name;
    EXPECT_EQ(x.on_update, y.on_update) << a.model << "." << x.name;
  }
}

void ExpectSameSchema(const ir::Schema& a, const ir::Schema& b) {
  EXPECT_EQ(a.source, b.source);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.doc, b.doc);
  EXPECT_EQ(a.feature, b.feature);
  EXPECT_EQ(a.tenant, b.tenant);
  EXPECT_EQ(a.tenant_table, b.tenant_table);
  EXPECT_EQ(a.naming, b.naming);
  EXPECT_EQ(a.timestamp, b.timestamp);
  EXPECT_EQ(a.migrations_dir, b.migrations_dir);
  EXPECT_EQ(a.models_dir, b.models_dir);
  EXPECT_EQ(a.docs_dir, b.docs_dir);
  ASSERT_EQ(a.enums.size(), b.enums.size());
  for (std::size_t i = 0; i < a.enums.size(); ++i) {
    EXPECT_EQ(a.enums[i].name, b.enums[i].name);
    EXPECT_EQ(a.enums[i].values, b.enums[i].values);
    EXPECT_EQ(a.enums[i].doc, b.enums[i].doc);
  }
  ASSERT_EQ(a.tables.size(), b.tables.size());
  for (std::size_t t = 0; t < a.tables.size(); ++t) {
    const ir::Table &x = a.tables[t], &y = b.tables[t];
    EXPECT_EQ(x.model, y.model);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.doc, y.doc) << x.name;
    EXPECT_EQ(x.global, y.global) << x.name;
    EXPECT_EQ(x.paranoid, y.paranoid) << x.name;
    EXPECT_EQ(x.timestamps, y.timestamps) << x.name;
    EXPECT_EQ(x.junction, y.junction) << x.name;
    EXPECT_EQ(x.primary_key_name, y.primary_key_name) << x.name;
    ASSERT_EQ(x.columns.size(), y.columns.size()) << x.name;
    for (std::size_t c = 0; c < x.columns.size(); ++c)
      ExpectSameColumn(x.columns[c], y.columns[c], x.name + "." + x.columns[c].name);
    ExpectSameConstraints(x, y);
    ExpectSameRelations(x, y);
    // The lookups work on the loaded schema (FromJson reindexes it).
    EXPECT_EQ(b.FindTable(x.model), &y);
    EXPECT_EQ(b.FindTableByName(x.name), &y);
  }
}

class StateExampleTest : public ::testing::TestWithParam<std::string> {};

TEST_P(StateExampleTest, SnapshotRoundTripsExactly) {
  const fs::path root = ExampleRoot(GetParam());
  ASSERT_FALSE(root.empty()) << "no entities.dsl in examples/" << GetParam();
  SourceManager sources;
  Diagnostics diagnostics;
  const auto schema =
      CompileFile(DiskFileSystem(), root.string(), sources, AnalyzeOptions{}, diagnostics);
  ASSERT_TRUE(schema) << RenderAll(diagnostics, sources, {});

  state::Snapshot snapshot;
  snapshot.migrations = {schema->timestamp + "-create-" + schema->feature};
  snapshot.parent = state::Sha256("the state before");
  snapshot.steps = {MakeStep("Ticket.priority", evolve::Safety::kLock)};
  snapshot.schema = *schema;
  const std::string text = state::ToJson(snapshot);
  EXPECT_EQ(text, state::ToJson(snapshot)) << "not deterministic";

  Diagnostics read_diagnostics;
  const auto loaded = state::FromJson(text, "state.json", read_diagnostics);
  ASSERT_TRUE(loaded) << Messages(read_diagnostics);
  EXPECT_FALSE(read_diagnostics.HasErrors()) << Messages(read_diagnostics);
  const std::string again = state::ToJson(*loaded);
  EXPECT_EQ(text, again) << Diff(text, again, "state.json");
  EXPECT_EQ(diff::Describe(diff::Diff(*schema, loaded->schema)), std::vector<std::string>{});
  EXPECT_EQ(state::SchemaJson(*schema), state::SchemaJson(loaded->schema));
  EXPECT_EQ(state::SchemaHash(*schema), state::SchemaHash(loaded->schema));
  EXPECT_EQ(loaded->migrations, snapshot.migrations);
  EXPECT_EQ(loaded->parent, snapshot.parent);
  ExpectSameSchema(*schema, loaded->schema);
}

INSTANTIATE_TEST_SUITE_P(Examples, StateExampleTest,
                         ::testing::ValuesIn(ListCases(SourceDir() / "examples", "")), CaseName);

TEST(StateTest, Sha256OfAbcIsTheKnownVector) {
  EXPECT_EQ(state::Sha256("abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(state::Sha256(""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(StateTest, SnapshotJsonHasSortedKeysAndEndsInANewline) {
  const state::Snapshot snapshot = SmallSnapshot();
  const std::string text = state::ToJson(snapshot);
  // Objects that fit in a line stay on one line (a column, a key, an index), so a diff of
  // two snapshots shows one line per changed part.
  EXPECT_EQ(text.rfind("{\n  \"format\": 1,\n  \"generator\": \"schemagen\",\n"
                       "  \"migrations\": [\"20260101000000-create-shop\"],\n  \"parent\": \"\",\n"
                       "  \"schema\": {\n",
                       0),
            0u)
      << text;
  EXPECT_NE(text.find("\n  \"schema_hash\": \"" + state::SchemaHash(snapshot.schema) +
                      "\",\n  \"steps\": []\n}\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(R"("kind":"range",)"), std::string::npos);
  EXPECT_NE(text.find(R"("origin":"tenant")"), std::string::npos);
  EXPECT_NE(text.find(R"("on_delete":"cascade")"), std::string::npos);
  EXPECT_NE(text.find(R"("kind":"belongs_to")"), std::string::npos);
  EXPECT_NE(text.find(R"("naming": "snake_case")"), std::string::npos);
  EXPECT_EQ(text.find("span"), std::string::npos);
}

TEST(StateTest, SchemaHashChangesWithAColumnType) {
  ir::Schema schema = Small();
  const std::string before = state::SchemaHash(schema);
  EXPECT_EQ(before, state::SchemaHash(Small()));
  EXPECT_EQ(before, state::Sha256(state::SchemaJson(schema)));
  ir::Column& title = schema.tables.back().columns.at(2);
  ASSERT_EQ(title.name, "title") << "the DSL's column order changed";
  title.type.kind = ir::TypeKind::kText;
  title.type.length = 0;
  EXPECT_NE(before, state::SchemaHash(schema));
}

TEST(StateTest, EvolutionHintsAndSpansAreNotRecorded) {
  ir::Schema schema = Small();
  const std::string before = state::SchemaJson(schema);
  ir::Table& tickets = schema.tables.back();
  tickets.was = "Issue";
  tickets.span = Span{};
  for (ir::Column& column : tickets.columns) {
    column.was = "old" + column.attribute;
    column.using_sql = "x::text";
    column.backfill = ir::Default{ir::Default::Kind::kNumber, "1"};
  }
  EXPECT_EQ(before, state::SchemaJson(schema));
  state::Snapshot snapshot;
  snapshot.schema = schema;
  Diagnostics diagnostics;
  const auto loaded = state::FromJson(state::ToJson(snapshot), "s.json", diagnostics);
  ASSERT_TRUE(loaded) << Messages(diagnostics);
  const ir::Table& loaded_tickets = loaded->schema.tables.back();
  EXPECT_EQ(loaded_tickets.was, "");
  for (const ir::Column& column : loaded_tickets.columns) {
    EXPECT_EQ(column.was, "");
    EXPECT_EQ(column.using_sql, "");
    EXPECT_FALSE(column.backfill.has_value());
  }
}

TEST(StateTest, OptionalCheckBoundsKeepEmptyApartFromUnset) {
  state::Snapshot snapshot = SmallSnapshot();
  ir::Check& check = snapshot.schema.tables.back().checks.at(0);
  check.min = "";
  check.max = std::nullopt;
  check.pattern = "";
  ir::Column& code = snapshot.schema.tables.back().columns.back();
  code.type.pg_name = "text[]";
  code.default_value = ir::Default{ir::Default::Kind::kString, ""};
  Diagnostics diagnostics;
  const auto loaded = state::FromJson(state::ToJson(snapshot), "s.json", diagnostics);
  ASSERT_TRUE(loaded) << Messages(diagnostics);
  const ir::Check& read = loaded->schema.tables.back().checks.at(0);
  EXPECT_EQ(read.min, std::optional<std::string>(""));
  EXPECT_EQ(read.max, std::nullopt);
  EXPECT_EQ(read.pattern, std::optional<std::string>(""));
  const ir::Column& read_code = loaded->schema.tables.back().columns.back();
  EXPECT_EQ(read_code.type.pg_name, "text[]");
  ASSERT_TRUE(read_code.default_value);
  EXPECT_EQ(read_code.default_value->kind, ir::Default::Kind::kString);
  EXPECT_EQ(read_code.default_value->value, "");
}

TEST(StateTest, StepsRoundTrip) {
  state::Snapshot snapshot = SmallSnapshot();
  using evolve::Safety;
  for (Safety safety : {Safety::kSafe, Safety::kLock, Safety::kDataLossDown, Safety::kDataLossUp,
                        Safety::kIrreversible}) {
    snapshot.steps.push_back(
        MakeStep("Ticket.s" + std::to_string(static_cast<int>(safety)), safety));
  }
  snapshot.steps.back().table = "";
  snapshot.steps.back().down_online = Statements("down online");
  const std::string text = state::ToJson(snapshot);
  EXPECT_NE(text.find(R"("safety": "data-loss-down")"), std::string::npos);
  EXPECT_NE(text.find(R"("safety": "data-loss")"), std::string::npos);
  Diagnostics diagnostics;
  const auto loaded = state::FromJson(text, "s.json", diagnostics);
  ASSERT_TRUE(loaded) << Messages(diagnostics);
  ASSERT_EQ(loaded->steps.size(), snapshot.steps.size());
  const auto same = [](const std::vector<sql::Statement>& a, const std::vector<sql::Statement>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i].comment != b[i].comment || a[i].text != b[i].text) return false;
    }
    return true;
  };
  for (std::size_t i = 0; i < snapshot.steps.size(); ++i) {
    const evolve::Step &a = snapshot.steps[i], &b = loaded->steps[i];
    EXPECT_EQ(a.subject, b.subject);
    EXPECT_EQ(a.table, b.table);
    EXPECT_EQ(a.summary, b.summary);
    EXPECT_EQ(a.safety, b.safety) << a.subject;
    EXPECT_EQ(a.reason, b.reason);
    EXPECT_EQ(a.advice, b.advice);
    EXPECT_TRUE(same(a.up, b.up)) << a.subject;
    EXPECT_TRUE(same(a.down, b.down)) << a.subject;
    EXPECT_TRUE(same(a.up_online, b.up_online)) << a.subject;
    EXPECT_TRUE(same(a.down_online, b.down_online)) << a.subject;
  }
  EXPECT_EQ(text, state::ToJson(*loaded));
}

TEST(StateTest, AHandEditedSchemaIsCaughtByTheHash) {
  std::string text = state::ToJson(SmallSnapshot());
  Replace(text, R"("title")", R"("headline")");
  Diagnostics diagnostics;
  EXPECT_FALSE(state::FromJson(text, "schemagen-state/x.json", diagnostics));
  ASSERT_EQ(diagnostics.error_count(), 1u) << Messages(diagnostics);
  const Diagnostic& d = diagnostics.all()[0];
  EXPECT_EQ(d.code, "E0953");
  EXPECT_EQ(d.message.rfind("schemagen-state/x.json: /schema_hash: the schema does not match", 0),
            0u)
      << d.message;
  EXPECT_NE(d.message.find("restore this file from version control"), std::string::npos);
}

TEST(StateTest, NotJsonReportsThePosition) {
  Diagnostics diagnostics;
  EXPECT_FALSE(state::FromJson("{\n  \"format\": 1,\n  oops\n}\n", "s.json", diagnostics));
  ASSERT_EQ(diagnostics.error_count(), 1u) << Messages(diagnostics);
  EXPECT_EQ(diagnostics.all()[0].code, "E0950");
  EXPECT_EQ(diagnostics.all()[0].message.rfind("s.json: not JSON: line 3, column 3 (byte 20): ", 0),
            0u)
      << diagnostics.all()[0].message;

  Diagnostics empty;
  EXPECT_FALSE(state::FromJson("", "s.json", empty));
  EXPECT_TRUE(HasError(empty, "E0950", "s.json: not JSON: line 1")) << Messages(empty);
}

// Found by fuzz_state (issue 9): a number beyond a double made json::parse throw out_of_range,
// which escaped FromJson and aborted the run.
TEST(StateTest, ANumberBeyondADoubleIsNotJsonRatherThanACrash) {
  Diagnostics diagnostics;
  EXPECT_FALSE(state::FromJson("{\n  \"format\": 1e999\n}\n", "s.json", diagnostics));
  EXPECT_TRUE(HasError(diagnostics, "E0950", "s.json: not JSON: ")) << Messages(diagnostics);
  EXPECT_NE(Messages(diagnostics).find("number overflow"), std::string::npos)
      << Messages(diagnostics);
}

TEST(StateTest, AnotherFormatIsRefused) {
  std::string text = state::ToJson(SmallSnapshot());
  Replace(text, "\"format\": 1,", "\"format\": 2,");
  Diagnostics diagnostics;
  EXPECT_FALSE(state::FromJson(text, "s.json", diagnostics));
  ASSERT_EQ(diagnostics.error_count(), 1u) << Messages(diagnostics);
  EXPECT_TRUE(HasError(diagnostics, "E0951",
                       "s.json: /format: snapshot format 2 was written by a "
                       "newer schemagen; this one reads format 1. Upgrade"))
      << Messages(diagnostics);

  Replace(text, "\"format\": 2,", "\"format\": 0,");
  Diagnostics old;
  EXPECT_FALSE(state::FromJson(text, "s.json", old));
  EXPECT_TRUE(HasError(old, "E0951", "unknown snapshot format 0")) << Messages(old);

  Replace(text, "\"format\": 0,", "\"format\": \"1\",");
  Diagnostics typed;
  EXPECT_FALSE(state::FromJson(text, "s.json", typed));
  EXPECT_TRUE(HasError(typed, "E0952", "s.json: /format: expected an integer, found \"1\""))
      << Messages(typed);
}

TEST(StateTest, MissingOrIllTypedMembersNameTheirPointer) {
  std::string text = state::ToJson(SmallSnapshot());
  Replace(text, ",\n  \"steps\": []", "");
  Diagnostics diagnostics;
  EXPECT_FALSE(state::FromJson(text, "s.json", diagnostics));
  EXPECT_EQ(Messages(diagnostics), "E0952 s.json: /steps: missing member (expected an array)\n");

  const state::Snapshot small = SmallSnapshot();
  std::string kind = state::ToJson(small);
  const std::vector<ir::Column>& columns = small.schema.tables.at(1).columns;
  std::size_t title = 0;
  while (title < columns.size() && columns[title].name != "title") ++title;
  ASSERT_LT(title, columns.size());
  const std::size_t at = kind.find(R"("kind":"string")", kind.find(R"("attribute":"title")"));
  ASSERT_NE(at, std::string::npos);
  kind.replace(at, std::string(R"("kind":"string")").size(), R"("kind":"intgr")");
  Diagnostics typo;
  EXPECT_FALSE(state::FromJson(kind, "s.json", typo));
  EXPECT_TRUE(HasError(typo, "E0953", "/schema_hash")) << Messages(typo);
  EXPECT_TRUE(HasError(typo, "E0952",
                       "s.json: /schema/tables/1/columns/" + std::to_string(title) +
                           "/type/kind: expected one of string, text, integer, bigint, smallint, "
                           "decimal, real, double, boolean, date, datetime, uuid, json, jsonb, "
                           "enum, found \"intgr\""))
      << Messages(typo);

  Diagnostics array;
  EXPECT_FALSE(state::FromJson("[1]", "s.json", array));
  EXPECT_EQ(Messages(array), "E0952 s.json: expected a snapshot object, found an array\n");
}

// A member the reader does not know, with a hash made to match, is still refused: the loaded
// schema must print back to exactly what its hash covers.
TEST(StateTest, UnknownSchemaMembersAreRefusedOthersIgnored) {
  const state::Snapshot snapshot = SmallSnapshot();
  std::string schema = state::SchemaJson(snapshot.schema);
  Replace(schema, "{\"docs_dir\"", "{\"aaa\":1,\"docs_dir\"");
  std::string text = state::ToJson(snapshot);
  Replace(text, "\"schema\": {\n    \"docs_dir\"",
          "\"schema\": {\n    \"aaa\": 1,\n    \"docs_dir\"");
  Replace(text, state::SchemaHash(snapshot.schema), state::Sha256(schema));
  Diagnostics diagnostics;
  EXPECT_FALSE(state::FromJson(text, "s.json", diagnostics));
  EXPECT_EQ(Messages(diagnostics),
            "E0952 s.json: /schema/aaa: unknown member (this schemagen reads snapshot format "
            "1)\n");

  std::string extra = state::ToJson(snapshot);
  Replace(extra, "\"generator\": \"schemagen\",",
          "\"generator\": \"schemagen\",\n  \"generator_version\": \"9.9\",");
  Diagnostics ignored;
  EXPECT_TRUE(state::FromJson(extra, "s.json", ignored)) << Messages(ignored);
}

TEST(StateTest, SumRendersSortedWithATotal) {
  state::Sum sum;
  const std::string b = state::Sha256("b"), a = state::Sha256("a");
  sum.files = {{"20260102000000-b.up.sql", b}, {"20260101000000-a.up.sql", a}};
  const std::string entries =
      "20260101000000-a.up.sql " + a + "\n20260102000000-b.up.sql " + b + "\n";
  const std::string text = state::RenderSum(sum);
  EXPECT_EQ(text,
            "# schemagen.sum: the SHA-256 of every migration file schemagen generated here. Do "
            "not edit;\n"
            "# after a deliberate edit of a migration run `schemagen --rehash`.\n"
            "total " +
                state::Sha256(entries) + "\n" + entries);
  Diagnostics diagnostics;
  const auto parsed = state::ParseSum(text, "schemagen.sum", diagnostics);
  ASSERT_TRUE(parsed) << Messages(diagnostics);
  ASSERT_EQ(parsed->files.size(), 2u);
  EXPECT_EQ(parsed->files[0], std::make_pair(std::string("20260101000000-a.up.sql"), a));
  EXPECT_EQ(parsed->files[1], std::make_pair(std::string("20260102000000-b.up.sql"), b));
  EXPECT_EQ(state::RenderSum(*parsed), text);

  Diagnostics empty_diagnostics;
  const auto empty = state::ParseSum(state::RenderSum({}), "schemagen.sum", empty_diagnostics);
  ASSERT_TRUE(empty) << Messages(empty_diagnostics);
  EXPECT_TRUE(empty->files.empty());
}

TEST(StateTest, SumWithAChangedEntryFailsOnTheTotal) {
  state::Sum sum;
  sum.files = {{"a.up.sql", state::Sha256("a")}, {"b.up.sql", state::Sha256("b")}};
  std::string text = state::RenderSum(sum);
  Replace(text, "b.up.sql " + state::Sha256("b"), "b.up.sql " + state::Sha256("c"));
  Diagnostics diagnostics;
  EXPECT_FALSE(state::ParseSum(text, "m/schemagen.sum", diagnostics));
  ASSERT_EQ(diagnostics.error_count(), 1u) << Messages(diagnostics);
  EXPECT_TRUE(HasError(diagnostics, "E0955",
                       "m/schemagen.sum:3: schemagen.sum was edited or merged by hand"))
      << Messages(diagnostics);
  EXPECT_TRUE(
      HasError(diagnostics, "E0955",
               "keep the entries of both sides, delete the total line and rerun schemagen"));
}

TEST(StateTest, MalformedSumLinesAreReportedWithTheirNumber) {
  state::Sum sum;
  sum.files = {{"a.up.sql", state::Sha256("a")}};
  std::string text = state::RenderSum(sum) + "\nb.up.sql sha256:XYZ\n";
  Diagnostics diagnostics;
  EXPECT_FALSE(state::ParseSum(text, "schemagen.sum", diagnostics));
  EXPECT_EQ(Messages(diagnostics),
            "E0954 schemagen.sum:6: expected `NAME sha256:HEX` (64 lowercase hex digits), found "
            "`b.up.sql sha256:XYZ`\n");

  Diagnostics conflict;
  EXPECT_FALSE(state::ParseSum("<<<<<<< HEAD\n" + state::RenderSum(sum), "s.sum", conflict));
  EXPECT_TRUE(HasError(conflict, "E0954", "s.sum:1: an unresolved git merge conflict"))
      << Messages(conflict);

  // No total line (what the advice of E0955 and of a conflict leaves): read, entries checked.
  Diagnostics no_total;
  const auto without_total =
      state::ParseSum("a.up.sql " + state::Sha256("a") + "\n", "s.sum", no_total);
  ASSERT_TRUE(without_total) << Messages(no_total);
  EXPECT_EQ(without_total->files.size(), 1u);

  Diagnostics twice;
  const std::string total_line = "total " + state::Sha256("a.up.sql " + state::Sha256("a") + "\n");
  EXPECT_FALSE(state::ParseSum(state::RenderSum(sum) + total_line + "\n", "s.sum", twice));
  EXPECT_TRUE(HasError(twice, "E0954", "s.sum:5: a second total line (the first is line 3)"))
      << Messages(twice);
}

}  // namespace
}  // namespace schemagen::testing
