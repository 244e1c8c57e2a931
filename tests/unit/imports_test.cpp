// Multi-file schemas: `import "x.dsl"` with references across files, diagnostics in the right
// file, cycles and missing files reported, each file read once.
#include <gtest/gtest.h>

#include "schemagen/driver.hpp"

namespace schemagen {
namespace {

struct Result {
  SourceManager sources;
  Diagnostics diagnostics;
  std::optional<ir::Schema> schema;
  std::string Rendered() const { return RenderAll(diagnostics, sources, {false, 50}); }
};

Result CompileTree(const MemoryFileSystem& fs, const std::string& root) {
  Result r;
  r.schema = CompileFile(fs, root, r.sources, AnalyzeOptions{}, r.diagnostics);
  return r;
}

TEST(ImportsTest, ReferencesCrossFilesAndImportsComeFirst) {
  MemoryFileSystem fs;
  fs.Add("app/entities.dsl",
         "import \"billing/billing.dsl\"\n"
         "import \"core.dsl\"\n"
         "schema app { timestamp 20260101000000 }\n"
         "entity Ticket { invoice -> Invoice? }\n");
  fs.Add("app/core.dsl", "entity Company global { name string }\n");
  fs.Add("app/billing/billing.dsl",
         "import \"../core.dsl\"\n"
         "entity Invoice { total decimal(12, 2) }\n");
  Result r = CompileTree(fs, "app/entities.dsl");
  ASSERT_TRUE(r.schema) << r.Rendered();
  std::vector<std::string> order;
  for (const ir::Table& t : r.schema->tables) order.push_back(t.model);
  EXPECT_EQ(order, (std::vector<std::string>{"Company", "Invoice", "Ticket"}));
  EXPECT_EQ(r.sources.size(), 3u);  // core.dsl is read once although imported twice
  EXPECT_EQ(r.schema->source, "entities.dsl");
}

TEST(ImportsTest, DiagnosticsPointAtTheFileThatHasTheMistake) {
  MemoryFileSystem fs;
  fs.Add("entities.dsl", "import \"billing.dsl\"\nentity Company global { name string }\n");
  fs.Add("billing.dsl", "entity Invoice { customer -> Custmer }\n");
  Result r = CompileTree(fs, "entities.dsl");
  EXPECT_FALSE(r.schema);
  EXPECT_EQ(r.Rendered(),
            "billing.dsl:1:30: error[E0201]: unknown entity 'Custmer'\n"
            " 1 | entity Invoice { customer -> Custmer }\n"
            "   |                              ^~~~~~~\n"
            "1 error generated.\n");
}

TEST(ImportsTest, ReportsImportCycles) {
  MemoryFileSystem fs;
  fs.Add("a.dsl", "import \"b.dsl\"\nentity Company global { name string }\n");
  fs.Add("b.dsl", "import \"a.dsl\"\n");
  Result r = CompileTree(fs, "a.dsl");
  EXPECT_FALSE(r.schema);
  EXPECT_EQ(r.Rendered(),
            "b.dsl:1:1: error[E0140]: import cycle: a.dsl -> b.dsl -> a.dsl\n"
            " 1 | import \"a.dsl\"\n"
            "   | ^~~~~~~~~~~~~~\n"
            "1 error generated.\n");
}

TEST(ImportsTest, ReportsAMissingImportAtTheImport) {
  MemoryFileSystem fs;
  fs.Add("a.dsl", "entity Company global { name string }\nimport \"nope.dsl\"\n");
  Result r = CompileTree(fs, "a.dsl");
  EXPECT_FALSE(r.schema);
  EXPECT_EQ(r.Rendered(),
            "a.dsl:2:1: error[E0141]: can't read imported file 'nope.dsl': No such file or "
            "directory\n"
            " 2 | import \"nope.dsl\"\n"
            "   | ^~~~~~~~~~~~~~~~~\n"
            "1 error generated.\n");
}

TEST(ImportsTest, AnUnreadableRootIsADiagnostic) {
  MemoryFileSystem fs;
  Result r = CompileTree(fs, "missing.dsl");
  EXPECT_FALSE(r.schema);
  EXPECT_EQ(r.Rendered(),
            "error[E0142]: can't read 'missing.dsl': No such file or directory\n"
            "1 error generated.\n");
}

}  // namespace
}  // namespace schemagen
