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

// Every Markdown table row has as many cells as its header: an unescaped '|' from a doc
// comment or a default would break the table.
std::vector<std::string> BrokenTableRows(const std::string& markdown) {
  std::vector<std::string> broken;
  std::size_t header_cells = 0;
  bool in_code = false;
  std::size_t start = 0;
  while (start < markdown.size()) {
    const std::size_t end = markdown.find('\n', start);
    const std::string line = markdown.substr(start, end - start);
    start = end == std::string::npos ? markdown.size() : end + 1;
    if (line.rfind("```", 0) == 0) in_code = !in_code;
    if (in_code || line.empty() || line[0] != '|') {
      header_cells = 0;
      continue;
    }
    std::size_t cells = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++cells;
    }
    if (header_cells == 0)
      header_cells = cells;
    else if (cells != header_cells)
      broken.push_back(line);
  }
  return broken;
}

// The documents in English, for every example, against tests/docs-en/<example>/ (the
// Portuguese ones are committed with the examples and checked by examples.fresh).
TEST_P(DocsTest, EnglishDocumentsMatchTheirGoldenFilesAndTablesAreWellFormed) {
  const fs::path dsl = SourceDir() / "examples" / GetParam() / "entities.dsl";
  Compiled c = CompileText(ReadFile(dsl), "entities.dsl");
  ASSERT_TRUE(c.schema) << c.Rendered();
  for (const char* lang : {"pt", "en"}) {
    GenerateOptions options;
    options.doc_lang = lang;
    MemorySink sink;
    ASSERT_TRUE(GenerateAll(*c.schema, options, sink, c.diagnostics)) << c.Rendered();
    for (const auto& [path, content] : sink.files()) {
      if (path.rfind("docs/", 0) != 0) continue;
      EXPECT_EQ(BrokenTableRows(content), std::vector<std::string>{}) << lang << " " << path;
      if (std::string(lang) != "en") continue;
      const fs::path golden = SourceDir() / "tests/docs-en" / GetParam() / path;
      if (UpdateGolden()) {
        WriteFile(golden, content);
        continue;
      }
      const std::string expected = ReadFile(golden);
      EXPECT_EQ(expected, content)
          << Diff(expected, content, path) << "regenerate with SCHEMAGEN_UPDATE_GOLDEN=1";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Examples, DocsTest,
                         ::testing::ValuesIn(ListCases(SourceDir() / "examples", "")), CaseName);

}  // namespace
}  // namespace schemagen::testing
