#include "gen/templates.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include "schemagen/driver.hpp"
#include "support/test_support.hpp"

namespace schemagen::testing {
namespace {

namespace fs = std::filesystem;

class TemplatesTest : public ::testing::Test {
 protected:
  std::string Rendered(const Diagnostics& d) const { return RenderAll(d, sources_, {false, 50}); }
  TempDir temp_{"templates-test"};
  const fs::path& dir_ = temp_.path();
  SourceManager sources_;
};

TEST_F(TemplatesTest, EveryBuiltInTemplateIsEmbedded) {
  for (const char* name :
       {"model.ts.mustache", "enums.ts.mustache", "index.ts.mustache", "migration.ts.mustache"}) {
    ASSERT_EQ(EmbeddedTemplates().count(name), 1u) << name;
    EXPECT_EQ(EmbeddedTemplates().at(name), ReadFile(SourceDir() / "templates" / name));
  }
}

TEST_F(TemplatesTest, AMissingValueNamesTheTemplateFileAndLine) {
  WriteFile(dir_ / "index.ts.mustache", "{{{header}}}\n\n// {{owner}}\n{{{models_line}}}\n");
  Diagnostics d;
  auto templates = Templates::Load(dir_.string(), d);
  ASSERT_TRUE(templates) << Rendered(d);
  TemplateData data;
  data.set("header", "// h");
  data.set("models_line", "x");
  EXPECT_EQ(templates->Render("index.ts.mustache", data, d), std::nullopt);
  EXPECT_EQ(Rendered(d), "error[E0704]: " + (dir_ / "index.ts.mustache").string() +
                             ":3: the template uses 'owner', which its view model does not "
                             "have\n1 error generated.\n");
}

TEST_F(TemplatesTest, AnOverrideThatReplacesNothingIsAnError) {
  WriteFile(dir_ / "modle.ts.mustache", "x");
  Diagnostics d;
  EXPECT_FALSE(Templates::Load(dir_.string(), d));
  EXPECT_EQ(Rendered(d), "error[E0702]: '" + (dir_ / "modle.ts.mustache").string() +
                             "' does not replace any built-in template\n"
                             "note: did you mean 'model.ts.mustache'?\n1 error generated.\n");
}

// The generators run on several threads, each reporting into diagnostics of its own: what
// they report is merged in generator order, the same for any number of threads.
TEST_F(TemplatesTest, ErrorsFromGeneratorsOnSeveralThreadsComeInAFixedOrder) {
  WriteFile(dir_ / "model.ts.mustache", "{{{header}}}\n{{one}}\n");
  WriteFile(dir_ / "migration.ts.mustache", "{{{header}}}\n\n{{two}}\n");
  WriteFile(dir_ / "schema-changes.md.mustache", "\n\n\n{{three}}\n");
  Compiled c = CompileText(
      "schema s { timestamp 20260101000000 }\n"
      "entity Company global { name string }\n");
  ASSERT_TRUE(c.schema) << c.Rendered();
  std::string first;
  for (unsigned jobs : {1u, 4u, 1u, 3u}) {
    GenerateOptions options;
    options.templates_dir = dir_.string();
    options.jobs = jobs;
    MemorySink sink;
    Diagnostics d;
    EXPECT_FALSE(GenerateAll(*c.schema, options, sink, d));
    const std::string rendered = Rendered(d);
    EXPECT_NE(rendered.find("'one'"), std::string::npos) << rendered;
    EXPECT_NE(rendered.find("'two'"), std::string::npos) << rendered;
    EXPECT_NE(rendered.find("'three'"), std::string::npos) << rendered;
    if (first.empty()) first = rendered;
    EXPECT_EQ(rendered, first) << jobs << " threads";
  }
}

TEST_F(TemplatesTest, OverridesChangeTheGeneratedFile) {
  WriteFile(dir_ / "index.ts.mustache", "// house style\n{{{models_line}}}\n");
  Compiled c = CompileText(
      "schema s { timestamp 20260101000000 }\n"
      "entity Company global { name string }\n");
  ASSERT_TRUE(c.schema) << c.Rendered();
  GenerateOptions options;
  options.templates_dir = dir_.string();
  MemorySink sink;
  ASSERT_TRUE(GenerateAll(*c.schema, options, sink, c.diagnostics)) << c.Rendered();
  EXPECT_EQ(sink.files().at("src/models/index.ts"),
            "// house style\nexport const models = [Company];\n");
}

TEST_F(TemplatesTest, AnInvalidTemplateIsReported) {
  WriteFile(dir_ / "enums.ts.mustache", "{{#enums}}never closed\n");
  Diagnostics d;
  auto templates = Templates::Load(dir_.string(), d);
  ASSERT_TRUE(templates);
  EXPECT_EQ(templates->Render("enums.ts.mustache", TemplateData{}, d), std::nullopt);
  ASSERT_EQ(d.all().size(), 1u);
  EXPECT_EQ(d.all()[0].code, "E0703");
}

}  // namespace
}  // namespace schemagen::testing
