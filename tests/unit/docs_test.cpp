// The schema-change document states facts the other generators write: its SQL blocks must be
// byte-identical to the .sql files of the same run, for every example.
#include <gtest/gtest.h>

#include "schemagen/driver.hpp"
#include "schemagen/sql.hpp"
#include "support/test_support.hpp"

namespace schemagen::testing {
namespace {

namespace fs = std::filesystem;

class DocsTest : public ::testing::TestWithParam<std::string> {};

TEST_P(DocsTest, EmbeddedSqlIsByteIdenticalToTheSqlFiles) {
  const fs::path dsl = SourceDir() / "examples" / GetParam() / "entities.dsl";
  Compiled c = CompileText(ReadFile(dsl), "entities.dsl");
  ASSERT_TRUE(c.schema) << c.Rendered();
  for (const char* lang : {"pt", "en"}) {
    GenerateOptions options;
    options.doc_lang = lang;
    MemorySink sink;
    ASSERT_TRUE(GenerateAll(*c.schema, options, sink, c.diagnostics)) << c.Rendered();
    const std::string name = sql::CreateMigration(*c.schema).name;
    const std::string doc = sink.files().at(c.schema->docs_dir + "/schema-changes-" +
                                            sql::Slug(c.schema->feature) + ".md");
    for (const char* kind : {".up.sql", ".down.sql"}) {
      const std::string file = sink.files().at(c.schema->migrations_dir + "/" + name + kind);
      EXPECT_NE(doc.find("```sql\n" + file + "```\n"), std::string::npos)
          << lang << ": the document does not embed " << name << kind << " verbatim";
    }
    const std::string models = sink.files().at("docs/backend/MODELS.md");
    for (const ir::Table& table : c.schema->tables) {
      EXPECT_NE(models.find("### " + table.model + " (`" + table.name + "`)"), std::string::npos)
          << "MODELS.md lacks " << table.model;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Examples, DocsTest,
                         ::testing::ValuesIn(ListCases(SourceDir() / "examples", "")), CaseName);

}  // namespace
}  // namespace schemagen::testing
