// The schema-change document states facts the other generators write: its SQL blocks must be
// byte-identical to the .sql files of the same run, for every example and for an evolution,
// whose document describes the latest change (steps, classes, reasons, rollback, risks).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <sstream>

#include "gen/markdown.hpp"
#include "schemagen/driver.hpp"
#include "schemagen/sql.hpp"
#include "support/test_support.hpp"

namespace schemagen::testing {
namespace {

namespace fs = std::filesystem;

class DocsTest : public ::testing::TestWithParam<std::string> {};

TEST(MarkdownTest, MermaidIdsAreIdentifiersAndKeepNamesApart) {
  EXPECT_EQ(markdown::MermaidId("ticket_messages"), "ticket_messages");
  EXPECT_EQ(markdown::MermaidId("Opportunities"), "Opportunities");
  for (const char* name : {"Notes \"q\" */ ${x}", "a b", "a_b ", "ação", "1st", "t{x}", ""}) {
    const std::string id = markdown::MermaidId(name);
    EXPECT_FALSE(id.empty()) << name;
    EXPECT_TRUE(std::isalpha(static_cast<unsigned char>(id[0])) || id[0] == '_') << id;
    for (const char c : id)
      EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '_') << id;
  }
  EXPECT_NE(markdown::MermaidId("a b"), markdown::MermaidId("a-b"));
  EXPECT_NE(markdown::MermaidId("a b"), markdown::MermaidId("a_b"));
}

// The rendered meaning is checked by docs.markdown (cmark-gfm); these pin the escapes.
TEST(MarkdownTest, TextEscapesWhatMarkdownWouldReadAsMarkup) {
  EXPECT_EQ(markdown::Text("plain text, snake_case and 1.5"), "plain text, snake_case and 1.5");
  EXPECT_EQ(markdown::Text("`code` *em* _em_ [a](b) <b> ~s~ $m$ \\"),
            "\\`code\\` \\*em\\* \\_em\\_ \\[a](b) \\<b> \\~s\\~ \\$m\\$ \\\\");
  EXPECT_EQ(markdown::Text("&amp; & &#42; R&D"), "\\&amp; & \\&#42; R\\&D");
  // Block markers only at a line's start; the blanks around lines dropped.
  EXPECT_EQ(markdown::Text("# h\n> q\n- l\n+ l\n1. o\n2) o\n===\n    code\nx - y > z # w 3. v"),
            "\\# h\n\\> q\n\\- l\n\\+ l\n1\\. o\n2\\) o\n\\===\ncode\nx - y > z # w 3. v");
  EXPECT_EQ(markdown::Text("trailing  \nline\r\n"), "trailing\nline\n");
}

TEST(MarkdownTest, CodeSpansAreVerbatimAndCellsEscapePipes) {
  EXPECT_EQ(markdown::Code("a|b"), "`a|b`");
  EXPECT_EQ(markdown::Code("a`b"), "``a`b``");
  EXPECT_EQ(markdown::Code("`x`"), "`` `x` ``");
  EXPECT_EQ(markdown::Code(" x "), "`  x  `");
  EXPECT_EQ(markdown::Code("a\nb"), "`a b`");
  EXPECT_EQ(markdown::InCell(markdown::Code("a|b")), "`a\\|b`");
  EXPECT_EQ(markdown::InCell(markdown::Text("a|b\nc\\|")), "a\\|b<br>c\\\\\\|");
}

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

// ---- the document of an evolution -------------------------------------------------------

constexpr const char* kHeader = R"(/// Help desk.
schema helpdesk {
  tenant    Company
  feature   "helpdesk"
  timestamp 20260101000000
}

enum TicketStatus { open pending closed }

entity Company global {
  name  string(255)
}
)";

constexpr const char* kBefore = R"(
/// A person who talks to the company.
entity Contact {
  name     string(100)
  number   string(20)
  notes    text?
  tickets  <- Ticket[]
}

entity Ticket {
  title    string(255)
  status   TicketStatus = open
  legacy   string(50)?
  contact  -> Contact on delete cascade
}
)";

// Every class of step: a new table (safe), a column added with a default holding '|' (safe), a
// reserved-word column (safe, quoted), a shorter varchar (lock), an index (safe, online), a
// backfilled NOT NULL (data-loss-down), a dropped nullable column (data-loss, allowed) and a
// dropped NOT NULL column without default (irreversible, allowed).
constexpr const char* kAfter = R"(
/// A person who talks to the company.
entity Contact {
  number   string(10) index
  notes    text backfill ""
  tickets  <- Ticket[]
}

/// Labels | tags for tickets.
entity Tag {
  label  string(50)
}

entity Ticket {
  title    string(255)
  status   TicketStatus = open
  mark     string(20) = "a|b"
  order    integer?
  contact  -> Contact on delete cascade
}
)";

using Tree = std::map<std::string, std::string>;

struct DocRun {
  Compiled compiled;
  std::optional<history::Update> update;
  Tree files;
  std::string Doc() const { return files.at("docs/db/schema-changes-helpdesk.md"); }
};

DocRun GenerateRun(const std::string& dsl, const Tree& before, const std::string& lang,
                   const std::vector<std::string>& allow = {}) {
  DocRun run{CompileText(dsl, "h.dsl"), std::nullopt, {}};
  EXPECT_TRUE(run.compiled.schema.has_value()) << run.compiled.Rendered();
  if (!run.compiled.schema) return run;
  MemoryFileSystem fs;
  for (const auto& [path, content] : before) fs.Add(path, content);
  RunOptions options;
  options.generate.doc_lang = lang;
  options.plan.timestamp = "20260301120000";
  for (const std::string& a : allow) options.plan.plan.allow.push_back(*evolve::ParseAllowance(a));
  MemorySink sink;
  run.update = Generate(*run.compiled.schema, fs, "", options, sink, run.compiled.diagnostics);
  EXPECT_TRUE(run.update.has_value()) << run.compiled.Rendered();
  run.files = sink.files();
  return run;
}

// Section `number` of a document: from its "## N." heading to the next "## " heading.
std::string Section(const std::string& doc, int number) {
  const std::size_t start = doc.find(fmt::format("\n## {}. ", number));
  if (start == std::string::npos) return "";
  const std::size_t end = doc.find("\n## ", start + 1);
  return doc.substr(start + 1, end == std::string::npos ? std::string::npos : end - start - 1);
}

// The Markdown cell text of a planner string, as the document escapes it.
std::string Cell(const std::string& text) { return markdown::InCell(markdown::Text(text)); }
// A code span of a planner string in a table cell.
std::string Code(const std::string& text) { return markdown::InCell(markdown::Code(text)); }

std::size_t Count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

struct Words {
  const char* steps;
  const char* created;
  const char* no_tables;
  const char* outside;
  const char* column_lost;
  const char* rows_lost;
  const char* may_lose;
  const char* not_back;
  const char* may_fail;
  const char* alter_locks;
  const char* rollback_loss;
  const char* only_creates;
};
constexpr Words kPt = {"- passos: **",
                       "| Tag | `tags` | criada | 1 |",
                       "Nenhum: esta mudança não cria tabelas.",
                       "Roda **fora de transação**",
                       "sim: os valores de ",
                       "sim: todas as linhas de ",
                       "pode falhar ou perder dados: ",
                       "não, mas o que o UP apagou não volta: ",
                       "pode falhar: ",
                       "Os ALTER TABLE em tabelas existentes (`contacts`, `tickets`)",
                       "O rollback perde dados (passos com perda: ",
                       "Nenhuma: esta mudança só cria tabelas novas."};
constexpr Words kEn = {"- steps: **",
                       "| Tag | `tags` | created | 1 |",
                       "None: this change creates no tables.",
                       "Runs **outside a transaction**",
                       "yes: the values of ",
                       "yes: every row of ",
                       "may fail or lose data: ",
                       "no, but what the UP deleted doesn't come back: ",
                       "may fail: ",
                       "The ALTER TABLEs on existing tables (`contacts`, `tickets`)",
                       "Rolling back loses data (steps with a loss: ",
                       "None: this change only creates new tables."};

class EvolutionDocsTest : public ::testing::TestWithParam<std::string> {
 protected:
  const Words& w() const { return GetParam() == "en" ? kEn : kPt; }
};

TEST_P(EvolutionDocsTest, TheDocumentDescribesTheLatestChange) {
  const DocRun first = GenerateRun(std::string(kHeader) + kBefore, {}, GetParam());
  ASSERT_TRUE(first.update);
  const DocRun run = GenerateRun(std::string(kHeader) + kAfter, first.files, GetParam(),
                                 {"data-loss:Ticket.legacy", "irreversible:Contact.name"});
  ASSERT_TRUE(run.update) << run.compiled.Rendered();
  ASSERT_TRUE(run.update->evolution);
  const std::vector<evolve::Step>& steps = run.update->latest;
  const std::string doc = run.Doc();
  EXPECT_EQ(BrokenTableRows(doc), std::vector<std::string>{}) << doc;
  for (evolve::Safety safety :
       {evolve::Safety::kSafe, evolve::Safety::kLock, evolve::Safety::kDataLossDown,
        evolve::Safety::kDataLossUp, evolve::Safety::kIrreversible}) {
    const auto n = std::count_if(steps.begin(), steps.end(),
                                 [&](const evolve::Step& s) { return s.safety == safety; });
    EXPECT_GE(n, 1) << "the change lacks a step of class " << evolve::SafetyName(safety);
    EXPECT_NE(Section(doc, 1).find(fmt::format("| `{}` | {} |", evolve::SafetyName(safety), n)),
              std::string::npos)
        << Section(doc, 1);
  }
  EXPECT_NE(Section(doc, 1).find(w().steps + std::to_string(steps.size()) + "**"),
            std::string::npos);
  EXPECT_NE(Section(doc, 1).find(w().created), std::string::npos) << Section(doc, 1);
  for (const sql::Migration& m : run.update->latest_migrations)
    EXPECT_NE(Section(doc, 1).find(Code(m.name)), std::string::npos) << m.name;

  // 2: only the new table; 3: every step on an existing table, with its class and reason.
  const std::string created = Section(doc, 2);
  EXPECT_NE(created.find("### Tag (`tags`)"), std::string::npos) << created;
  EXPECT_NE(created.find("\nLabels | tags for tickets.\n"), std::string::npos) << created;
  EXPECT_EQ(created.find("### Ticket"), std::string::npos) << created;
  const std::string altered = Section(doc, 3);
  for (const evolve::Step& step : steps) {
    const std::string row = fmt::format("| {} | `{}` | {} |", Code(step.summary),
                                        evolve::SafetyName(step.safety), Cell(step.reason));
    EXPECT_EQ(altered.find(row) != std::string::npos, step.table != "tags") << row << altered;
  }
  EXPECT_NE(altered.find("### Ticket (`tickets`"), std::string::npos);
  EXPECT_NE(altered.find("### Contact (`contacts`"), std::string::npos);

  // 4: each migration's files, verbatim, the main one first; the online one says so.
  const std::string migrations = Section(doc, 4);
  ASSERT_EQ(run.update->latest_migrations.size(), 2u);
  std::size_t previous = 0;
  for (const sql::Migration& m : run.update->latest_migrations) {
    for (const char* kind : {".up.sql", ".down.sql"}) {
      const std::string file = run.files.at("src/database/migrations/" + m.name + kind);
      const std::size_t at = migrations.find("```sql\n" + file + "```\n");
      EXPECT_NE(at, std::string::npos) << m.name << kind << " is not embedded verbatim";
      EXPECT_GT(at, previous) << m.name << kind << " out of order";
      previous = at;
    }
  }
  EXPECT_EQ(Count(migrations, w().outside), 1u);
  EXPECT_GT(migrations.find(w().outside),
            migrations.find(Code(run.update->latest_migrations[1].name)));

  // 5: the online DOWN first, then the main one; what each step's DOWN loses.
  const std::string rollback = Section(doc, 5);
  const std::size_t online = rollback.find(run.update->latest_migrations[1].name + ".down.sql");
  const std::size_t main = rollback.find(run.update->latest_migrations[0].name + ".down.sql");
  EXPECT_NE(online, std::string::npos);
  EXPECT_LT(online, main) << rollback;
  EXPECT_NE(rollback.find(std::string(w().rows_lost) + "`tags`"), std::string::npos) << rollback;
  EXPECT_NE(rollback.find(std::string(w().column_lost) + "`tickets.mark`"), std::string::npos);
  EXPECT_NE(rollback.find(std::string(w().column_lost) + "`tickets.order`"), std::string::npos);
  for (const evolve::Step& step : steps) {
    const char* loss = step.safety == evolve::Safety::kDataLossDown   ? w().may_lose
                       : step.safety == evolve::Safety::kDataLossUp   ? w().not_back
                       : step.safety == evolve::Safety::kIrreversible ? w().may_fail
                                                                      : nullptr;
    if (loss == nullptr) continue;
    const std::string row = fmt::format("| {} | `{}` | {}{}", Code(step.summary),
                                        evolve::SafetyName(step.safety), loss, Cell(step.reason));
    EXPECT_NE(rollback.find(row), std::string::npos) << row << rollback;
  }

  // 8: one row per step that is not safe, with its reason and a mitigation; the generic rows.
  const std::string risks = Section(doc, 8);
  std::size_t hazards = 0;
  for (const evolve::Step& step : steps) {
    const std::string row = fmt::format("| {} (`{}`): {} | ", Code(step.summary),
                                        evolve::SafetyName(step.safety), Cell(step.reason));
    const std::size_t at = risks.find(row);
    EXPECT_EQ(at != std::string::npos, step.safety != evolve::Safety::kSafe) << row << risks;
    if (at == std::string::npos) continue;
    ++hazards;
    const std::string mitigation =
        risks.substr(at + row.size(), risks.find('\n', at) - at - row.size());
    EXPECT_GT(mitigation.size(), 3u) << row;
    if (!step.advice.empty()) {
      EXPECT_EQ(mitigation, Cell(step.advice) + " |");
    }
  }
  EXPECT_GE(hazards, 4u);
  EXPECT_NE(risks.find(w().alter_locks), std::string::npos) << risks;
  EXPECT_NE(risks.find(w().rollback_loss), std::string::npos) << risks;

  // The diagram, performance and tenant checklist describe the whole schema, as on creation.
  MemorySink create;
  GenerateOptions options;
  options.doc_lang = GetParam();
  Diagnostics diagnostics;
  ASSERT_TRUE(GenerateAll(*run.compiled.schema, options, create, diagnostics));
  const std::string full = create.files().at("docs/db/schema-changes-helpdesk.md");
  EXPECT_EQ(Section(doc, 6), Section(full, 6));
  EXPECT_EQ(Section(doc, 7), Section(full, 7));
  EXPECT_EQ(doc.substr(0, doc.find("\n## 1.")), full.substr(0, full.find("\n## 1.")));
  EXPECT_EQ(run.files.at("docs/backend/MODELS.md"), create.files().at("docs/backend/MODELS.md"));

  // Run again unchanged: the document still describes that change, from the snapshot.
  const DocRun again = GenerateRun(std::string(kHeader) + kAfter, run.files, GetParam());
  ASSERT_TRUE(again.update);
  EXPECT_TRUE(again.update->added.empty());
  EXPECT_EQ(again.Doc(), doc);
}

TEST_P(EvolutionDocsTest, AChangeThatOnlyCreatesTablesHasNoAlterations) {
  const DocRun first = GenerateRun(std::string(kHeader) + kBefore, {}, GetParam());
  ASSERT_TRUE(first.update);
  const DocRun run = GenerateRun(std::string(kHeader) + kBefore +
                                     "\n/// Labels | tags for tickets.\nentity Tag {\n  label  "
                                     "string(50)\n}\n",
                                 first.files, GetParam());
  ASSERT_TRUE(run.update);
  const std::string doc = run.Doc();
  EXPECT_EQ(BrokenTableRows(doc), std::vector<std::string>{}) << doc;
  EXPECT_NE(Section(doc, 1).find(w().created), std::string::npos) << Section(doc, 1);
  EXPECT_NE(Section(doc, 2).find("### Tag (`tags`)"), std::string::npos);
  EXPECT_EQ(Section(doc, 2).find("### Contact"), std::string::npos);
  EXPECT_NE(Section(doc, 3).find(w().only_creates), std::string::npos) << Section(doc, 3);
  ASSERT_EQ(run.update->latest_migrations.size(), 1u);
  const std::string name = run.update->latest_migrations[0].name;
  for (const char* kind : {".up.sql", ".down.sql"}) {
    const std::string file = run.files.at("src/database/migrations/" + name + kind);
    EXPECT_NE(Section(doc, 4).find("```sql\n" + file + "```\n"), std::string::npos);
  }
  EXPECT_EQ(Section(doc, 4).find(w().outside), std::string::npos);
  EXPECT_NE(Section(doc, 8).find(w().rollback_loss), std::string::npos) << Section(doc, 8);
  EXPECT_EQ(Section(doc, 8).find(w().alter_locks), std::string::npos) << Section(doc, 8);
}

TEST_P(EvolutionDocsTest, AChangeThatCreatesNoTableSaysSo) {
  const DocRun first = GenerateRun(std::string(kHeader) + kBefore, {}, GetParam());
  ASSERT_TRUE(first.update);
  std::string after = std::string(kHeader) + kBefore;
  after.replace(after.find("string(20)"), 10, "string(20) index");
  const DocRun run = GenerateRun(after, first.files, GetParam());
  ASSERT_TRUE(run.update);
  const std::string doc = run.Doc();
  EXPECT_EQ(BrokenTableRows(doc), std::vector<std::string>{}) << doc;
  const std::string heading = Section(doc, 2).substr(0, Section(doc, 2).find('\n'));
  EXPECT_EQ(Section(doc, 2), heading + "\n\n_" + w().no_tables + "_\n") << Section(doc, 2);
  // An index alone: only the online migration, outside a transaction.
  ASSERT_EQ(run.update->latest_migrations.size(), 1u);
  EXPECT_FALSE(run.update->latest_migrations[0].transactional);
  EXPECT_NE(Section(doc, 4).find(w().outside), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Languages, EvolutionDocsTest, ::testing::Values("pt", "en"), CaseName);

// Every step of every golden evolution case (tests/golden/evolution/<case>/N.dsl, with the
// --allow and --rehash of N.args; the branch cases stop at their first @ directive): the
// document embeds the latest change's .sql files verbatim and its tables are well formed.
class EvolutionCaseDocsTest : public ::testing::TestWithParam<std::string> {};

TEST_P(EvolutionCaseDocsTest, EveryStepsDocumentEmbedsItsMigrationsVerbatim) {
  const fs::path dir = SourceDir() / "tests/golden/evolution" / GetParam();
  for (const char* lang : {"pt", "en"}) {
    Tree tree;
    for (int step = 1; fs::exists(dir / fmt::format("{}.dsl", step)); ++step) {
      SCOPED_TRACE(fmt::format("{} step {}", lang, step));
      RunOptions options;
      options.generate.doc_lang = lang;
      options.plan.timestamp = fmt::format("202603{:02}120000", step);
      bool directive = false;
      if (const fs::path args = dir / fmt::format("{}.args", step); fs::exists(args)) {
        std::istringstream in(ReadFile(args));
        std::string word;
        while (in >> word) {
          if (word == "--rehash") {
            options.load.rehash = true;
          } else if (word == "--allow" && in >> word) {
            if (auto allowance = evolve::ParseAllowance(word))
              options.plan.plan.allow.push_back(*allowance);
          } else {
            directive = true;
          }
        }
      }
      if (directive) break;
      Compiled c =
          CompileText(ReadFile(dir / fmt::format("{}.dsl", step)), fmt::format("{}.dsl", step));
      ASSERT_TRUE(c.schema) << c.Rendered();
      MemoryFileSystem files;
      for (const auto& [path, content] : tree) files.Add(path, content);
      MemorySink sink;
      const auto update = Generate(*c.schema, files, "", options, sink, c.diagnostics);
      if (!update) continue;  // a refused step writes nothing
      const std::string doc = sink.files().at(c.schema->docs_dir + "/schema-changes-" +
                                              sql::Slug(c.schema->feature) + ".md");
      EXPECT_EQ(BrokenTableRows(doc), std::vector<std::string>{});
      EXPECT_EQ(Count(doc, "```sql\n"), 2 * update->latest_migrations.size());
      for (const sql::Migration& m : update->latest_migrations) {
        for (const char* kind : {".up.sql", ".down.sql"}) {
          const std::string file = sink.files().at(c.schema->migrations_dir + "/" + m.name + kind);
          EXPECT_NE(doc.find("```sql\n" + file + "```\n"), std::string::npos)
              << "the document does not embed " << m.name << kind << " verbatim";
        }
      }
      if (update->evolution) {
        for (const evolve::Step& s : update->latest) {
          EXPECT_NE(doc.find(Code(s.summary)), std::string::npos) << s.summary;
        }
      }
      tree = sink.files();
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, EvolutionCaseDocsTest,
                         ::testing::ValuesIn(ListCases(SourceDir() / "tests/golden/evolution", "")),
                         CaseName);

}  // namespace
}  // namespace schemagen::testing
