// `schemagen fmt`: the canonical text of each construct and of comments in every position, and,
// on every example, golden input and tests/format/ case, that formatting is idempotent and
// changes nothing that schemagen generates, also after random changes of spacing and comments
// (and, on the diagnostics corpus, that it keeps the same diagnostics).
// To accept new output of tests/format/ cases:
//   SCHEMAGEN_UPDATE_GOLDEN=1 ./build/tests/schemagen_tests --gtest_filter='*FormatCase*'
#include "schemagen/format.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <random>

#include "schemagen/driver.hpp"
#include "support/test_support.hpp"

namespace schemagen::testing {
namespace {

namespace fs = std::filesystem;

// Formats `text`, or nullopt on a syntax error.
std::optional<std::string> TryFmt(const std::string& text, std::string* errors = nullptr) {
  SourceManager sources;
  Diagnostics diagnostics;
  const auto id = sources.Add("entities.dsl", text);
  std::optional<std::string> out = FormatFile(sources, id, diagnostics);
  if (errors != nullptr) *errors = RenderAll(diagnostics, sources, {});
  return out;
}

// Formats `text`; a syntax error fails the test.
std::string Fmt(const std::string& text) {
  std::string errors;
  std::optional<std::string> out = TryFmt(text, &errors);
  EXPECT_TRUE(out.has_value()) << errors << "formatting:\n" << text;
  return out.value_or("");
}

// `input` formats to `expected`, and `expected` is already canonical.
void ExpectFormat(const std::string& input, const std::string& expected) {
  EXPECT_EQ(Fmt(input), expected);
  EXPECT_EQ(Fmt(expected), expected) << "formatting the result again changed it";
}

// Every file schemagen generates from `text`, or the diagnostics when it doesn't compile
// (their line numbers differ between two layouts, so only the codes are kept).
// `name` locates the files it imports.
std::map<std::string, std::string> Generate(const std::string& text, const std::string& name) {
  Compiled compiled = CompileText(text, name);
  if (!compiled.schema) {
    std::string codes;
    for (const Diagnostic& d : compiled.diagnostics.Sorted()) codes += d.code + "\n";
    return {{"<errors>", codes}};
  }
  MemorySink sink;
  EXPECT_TRUE(GenerateAll(*compiled.schema, GenerateOptions{}, sink, compiled.diagnostics))
      << compiled.Rendered();
  return sink.files();
}

// Formatting `text` is idempotent and leaves every generated file as it was (or, for a file
// that doesn't compile, the same diagnostics).
void ExpectSafe(const std::string& text, const std::string& name = "entities.dsl",
                bool must_compile = true) {
  const std::string once = Fmt(text);
  EXPECT_EQ(Fmt(once), once) << "formatting twice differs from formatting once";
  const auto before = Generate(text, name);
  const auto after = Generate(once, name);
  if (must_compile) {
    EXPECT_EQ(before.count("<errors>"), 0u) << before.begin()->second;
  }
  for (const auto& [path, content] : before) {
    auto it = after.find(path);
    if (it == after.end()) {
      ADD_FAILURE() << "not generated after formatting: " << path;
    } else if (it->second != content) {
      ADD_FAILURE() << "differs after formatting: " << path << "\n"
                    << Diff(content, it->second, path);
    }
  }
  for (const auto& [path, content] : after) {
    if (before.count(path) == 0) ADD_FAILURE() << "generated only after formatting: " << path;
  }
}

// The header and tenant that let a fragment compile.
const std::string kHeader =
    "schema docs {\n"
    "  timestamp 20260101000000\n"
    "}\n"
    "\n"
    "entity Company global {\n"
    "  name  string(255)\n"
    "}\n"
    "\n";

// ---- declarations and tokens ---------------------------------------------------------------

TEST(FormatTest, SchemaHeaderAlignsValuesOneColumnAfterTheLongestKey) {
  ExpectFormat(
      "schema legacy { naming pascal_case  tenant Company  feature \"legacy\"\n"
      "timestamp 20200101000000 soft_delete false }\n",
      "schema legacy {\n"
      "  naming      pascal_case\n"
      "  tenant      Company\n"
      "  feature     \"legacy\"\n"
      "  timestamp   20200101000000\n"
      "  soft_delete false\n"
      "}\n");
  ExpectFormat("schema   empty{  }", "schema empty {}\n");
}

TEST(FormatTest, EnumFitsOnOneLineWithoutCommas) {
  ExpectFormat("enum Level {\n  low,\n  medium ,high\n  \"very-high\"\n}\n",
               "enum Level { low medium high \"very-high\" }\n");
  ExpectFormat("enum Empty{}", "enum Empty {}\n");
}

TEST(FormatTest, EnumLongerThanTheLineTakesOneValuePerLine) {
  std::string values;
  std::string lines;
  for (int i = 0; i < 12; ++i) {
    values += " value_number_" + std::to_string(i);
    lines += "  value_number_" + std::to_string(i) + "\n";
  }
  ExpectFormat("enum Long {" + values + " }", "enum Long {\n" + lines + "}\n");
  // 100 columns fit; 101 don't.
  const std::string fits = "enum E { " + std::string(89, 'a') + " }";
  ASSERT_EQ(fits.size(), 100u);
  ExpectFormat(fits, fits + "\n");
  ExpectFormat("enum E { " + std::string(90, 'a') + " }",
               "enum E {\n  " + std::string(90, 'a') + "\n}\n");
}

TEST(FormatTest, EntityTakesOneMemberPerLineWithTypesInOneColumn) {
  ExpectFormat("entity Person { fullName string(255);  email string(255) unique }\n",
               "entity Person {\n"
               "  fullName  string(255)\n"
               "  email     string(255) unique\n"
               "}\n");
  ExpectFormat("entity Tag\n  global\n  table \"tags\" { label string(50) }",
               "entity Tag global table \"tags\" {\n"
               "  label  string(50)\n"
               "}\n");
}

TEST(FormatTest, EmptyEntityStaysOnOneLine) {
  ExpectFormat("entity Marker {\n\n}\n", "entity Marker {}\n");
  ExpectFormat("entity Marker global{}", "entity Marker global {}\n");
}

TEST(FormatTest, FieldsRelationsAndOptionsAreCanonical) {
  ExpectFormat(
      "entity Ticket {\n"
      "  price decimal( 12 ,2 ) ?   = 0 check( 0 .. )\n"
      "  code   string ( 10 )   unique  check(length   3..10)check(match  \"^[A-Z]+$\")\n"
      "  settings jsonb = \"{}\" index( gin )\n"
      "  region string index\n"
      "  legacyNo integer?   column   \"LEGACY_NO\"\n"
      "  contact->Contact?   on   delete   set   null on update  no  action\n"
      "  creator  -> User on delete restrict on update cascade\n"
      "  messages<-Message [ ] via ticket\n"
      "  profile <- Profile\n"
      "  tags<->Tag[]through TicketTag\n"
      "  index( status , updatedAt  desc, priority asc )where sql \"x\"   using gin\n"
      "  unique(contact,code)\n"
      "  check( sql \"price > 0\" )\n"
      "}\n",
      "entity Ticket {\n"
      "  price     decimal(12, 2)? = 0 check(0..)\n"
      "  code      string(10) unique check(length 3..10) check(match \"^[A-Z]+$\")\n"
      "  settings  jsonb = \"{}\" index(gin)\n"
      "  region    string index\n"
      "  legacyNo  integer? column \"LEGACY_NO\"\n"
      "  contact   -> Contact? on delete set null on update no action\n"
      "  creator   -> User on delete restrict on update cascade\n"
      "  messages  <- Message[] via ticket\n"
      "  profile   <- Profile\n"
      "  tags      <-> Tag[] through TicketTag\n"
      "  index(status, updatedAt desc, priority) using gin where sql \"x\"\n"
      "  unique(contact, code)\n"
      "  check(sql \"price > 0\")\n"
      "}\n");
}

// Every evolution hint in a schema, one line each: hints generate nothing, so comparing the
// generated files can't show that formatting kept them.
std::vector<std::string> Hints(const std::string& text) {
  Compiled compiled = CompileText(text);
  EXPECT_TRUE(compiled.schema) << compiled.Rendered();
  std::vector<std::string> hints;
  if (!compiled.schema) return hints;
  for (const ir::Table& table : compiled.schema->tables) {
    if (!table.was.empty()) hints.push_back(table.model + " was " + table.was);
    for (const ir::Column& column : table.columns) {
      const std::string at = table.model + "." + column.attribute;
      if (!column.was.empty()) hints.push_back(at + " was " + column.was);
      if (!column.using_sql.empty()) hints.push_back(at + " using " + column.using_sql);
      if (column.backfill) {
        hints.push_back(at + " backfill " +
                        std::to_string(static_cast<int>(column.backfill->kind)) + " " +
                        column.backfill->value);
      }
    }
  }
  return hints;
}

TEST(FormatTest, EvolutionHintsAreCanonicalAndSurviveFormatting) {
  const std::string input =
      "schema s { timestamp 20260101000000 }\n"
      "enum Status { open closed }\n"
      "entity Company global { name string(255) }\n"
      "entity Contact   was   \"Person\"   { name string(255) was   fullName }\n"
      "entity Ticket was\"Case\" no_soft_delete{\n"
      "  priority integer   backfill   0 = 1   check(0..5)\n"
      "  code integer using   sql   \"NULLIF(code, '')::integer\"\n"
      "  title string(200)   was subject   unique\n"
      "  contact->Contact was   customer on delete cascade\n"
      "  status Status backfill\"closed\"; opened datetime backfill now ( )\n"
      "  note text backfill \"say \\\"hi\\\"\"; ratio decimal(5, 2) backfill -1.50\n"
      "}\n";
  const std::string expected =
      "schema s {\n"
      "  timestamp 20260101000000\n"
      "}\n"
      "\n"
      "enum Status { open closed }\n"
      "\n"
      "entity Company global {\n"
      "  name  string(255)\n"
      "}\n"
      "\n"
      "entity Contact was \"Person\" {\n"
      "  name  string(255) was fullName\n"
      "}\n"
      "\n"
      "entity Ticket was \"Case\" no_soft_delete {\n"
      "  priority  integer backfill 0 = 1 check(0..5)\n"
      "  code      integer using sql \"NULLIF(code, '')::integer\"\n"
      "  title     string(200) was subject unique\n"
      "  contact   -> Contact was customer on delete cascade\n"
      "  status    Status backfill \"closed\"\n"
      "  opened    datetime backfill now()\n"
      "  note      text backfill \"say \\\"hi\\\"\"\n"
      "  ratio     decimal(5, 2) backfill -1.50\n"
      "}\n";
  ExpectFormat(input, expected);
  const std::vector<std::string> hints = Hints(input);
  EXPECT_EQ(hints, (std::vector<std::string>{
                       "Contact was Person",
                       "Contact.name was fullName",
                       "Ticket was Case",
                       "Ticket.priority backfill 0 0",
                       "Ticket.code using NULLIF(code, '')::integer",
                       "Ticket.title was subject",
                       "Ticket.contactId was customerId",
                       "Ticket.status backfill 1 closed",
                       "Ticket.opened backfill 3 ",
                       "Ticket.note backfill 1 say \"hi\"",
                       "Ticket.ratio backfill 0 -1.50",
                   }));
  EXPECT_EQ(Hints(expected), hints);
}

TEST(FormatTest, LiteralsAreReEscapedAndNumbersKeptAsWritten) {
  ExpectFormat(
      "entity Post { a text = \"it's \\\"quoted\\\"\\n\"; b text = \"tab\there\\\\d\"\n"
      "c integer = -3 check(-10..10); d decimal(5, 2) = 1.50 check(..999.99)\n"
      "e datetime = now ( ); f uuid = uuid(); g boolean = false; h text? = null\n"
      "i Status = draft; j Level = \"very-high\" }",
      "entity Post {\n"
      "  a  text = \"it's \\\"quoted\\\"\\n\"\n"
      "  b  text = \"tab\\there\\\\d\"\n"
      "  c  integer = -3 check(-10..10)\n"
      "  d  decimal(5, 2) = 1.50 check(..999.99)\n"
      "  e  datetime = now()\n"
      "  f  uuid = uuid()\n"
      "  g  boolean = false\n"
      "  h  text? = null\n"
      "  i  Status = draft\n"
      "  j  Level = \"very-high\"\n"
      "}\n");
}

TEST(FormatTest, ImportsComeFirstInTheOrderWritten) {
  ExpectFormat("entity A {}\nimport   \"b.dsl\"\nimport \"c.dsl\"\nenum E { x }\n",
               "import \"b.dsl\"\n"
               "import \"c.dsl\"\n"
               "\n"
               "entity A {}\n"
               "\n"
               "enum E { x }\n");
}

TEST(FormatTest, ImportsMoveUpWithTheirComments) {
  ExpectFormat("entity A {}\n// For B.\nimport \"b.dsl\" // b\n",
               "// For B.\n"
               "import \"b.dsl\" // b\n"
               "\n"
               "entity A {}\n");
}

TEST(FormatTest, OneBlankLineBetweenDeclarationsAndKeptBetweenMembers) {
  ExpectFormat(
      "\n\nenum A { x }\nenum B { y }\n\n\n\nentity C {\n\n  a int\n\n\n  b int\n  c int\n\n}"
      "\n\n\n",
      "enum A { x }\n"
      "\n"
      "enum B { y }\n"
      "\n"
      "entity C {\n"
      "  a  int\n"
      "\n"
      "  b  int\n"
      "  c  int\n"
      "}\n");
}

TEST(FormatTest, EmptyFileStaysEmpty) {
  ExpectFormat("", "");
  ExpectFormat("\n  \n\n", "");
}

TEST(FormatTest, WindowsLineEndingsAndTabsBecomeCanonical) {
  ExpectFormat("// note\t \r\nentity A {\r\n\tname\tstring // x \r\n}\r\n",
               "// note\n"
               "entity A {\n"
               "  name  string // x\n"
               "}\n");
}

// ---- comments ------------------------------------------------------------------------------

TEST(FormatTest, CommentsAboveDeclarationsStayAbove) {
  ExpectFormat(
      "// File header.\n"
      "\n"
      "/// Doc of A.\n"
      "enum A { x }\n"
      "// about B\n"
      "\n"
      "\n"
      "/// Doc of B.\n"
      "/// Second line.\n"
      "entity B {}\n",
      "// File header.\n"
      "\n"
      "/// Doc of A.\n"
      "enum A { x }\n"
      "\n"
      "// about B\n"
      "\n"
      "/// Doc of B.\n"
      "/// Second line.\n"
      "entity B {}\n");
}

TEST(FormatTest, CommentsAboveMembersStayAboveIndented) {
  ExpectFormat(
      "entity A {\n"
      "/// Doc of x.\n"
      "      x int\n"
      "    // plain\n"
      "\n"
      "        //   spaced text is kept\n"
      "y int\n"
      "}\n",
      "entity A {\n"
      "  /// Doc of x.\n"
      "  x  int\n"
      "  // plain\n"
      "\n"
      "  //   spaced text is kept\n"
      "  y  int\n"
      "}\n");
}

TEST(FormatTest, TrailingCommentsStayAfterTheirCode) {
  ExpectFormat(
      "import \"b.dsl\"   // imported\n"
      "schema s { // the header\n"
      "  feature \"f\"    // a setting\n"
      "}   // after the header\n"
      "enum E { // values\n"
      "  a // first\n"
      "  b, // second\n"
      "}\n"
      "entity A { // open\n"
      "  x int   /// Doc of x.\n"
      "  index(x)      // an index\n"
      "} // close\n",
      "import \"b.dsl\" // imported\n"
      "\n"
      "schema s { // the header\n"
      "  feature \"f\" // a setting\n"
      "} // after the header\n"
      "\n"
      "enum E { // values\n"
      "  a // first\n"
      "  b // second\n"
      "}\n"
      "\n"
      "entity A { // open\n"
      "  x  int /// Doc of x.\n"
      "  index(x) // an index\n"
      "} // close\n");
}

TEST(FormatTest, CommentAfterAOneLineDeclarationStaysOnItsLine) {
  ExpectFormat("enum E { a b }   // short\nentity M {}  /* empty */ // really\n",
               "enum E { a b } // short\n"
               "\n"
               "entity M {} /* empty */ // really\n");
}

TEST(FormatTest, CommentsInAHeaderTrailItsLine) {
  ExpectFormat(
      "entity A // first\n"
      "  global /* second */\n"
      "  table \"a\"\n"
      "{\n"
      "  x int\n"
      "}\n"
      "enum E /* inside */ { a }\n",
      "entity A global table \"a\" { /* second */ // first\n"
      "  x  int\n"
      "}\n"
      "\n"
      "enum E { a } /* inside */\n");
}

TEST(FormatTest, SeveralLineCommentsInAHeaderMoveIntoTheBody) {
  ExpectFormat(
      "entity A // one\n"
      "  // two\n"
      "  global {\n"
      "  x int\n"
      "}\n",
      "entity A global { // one\n"
      "  // two\n"
      "  x  int\n"
      "}\n");
  // A doc comment there documented nothing; a blank line keeps it from documenting x.
  ExpectFormat(
      "entity A // one\n"
      "  /// two\n"
      "  global {\n"
      "  x int\n"
      "}\n",
      "entity A global { // one\n"
      "  /// two\n"
      "\n"
      "  x  int\n"
      "}\n");
}

TEST(FormatTest, CommentsInsideAMemberTrailIt) {
  ExpectFormat(
      "entity A {\n"
      "  x /* why */ int /* more */ unique\n"
      "  index(/* first */ x)\n"
      "}\n",
      "entity A {\n"
      "  x  int unique /* why */ /* more */\n"
      "  index(x) /* first */\n"
      "}\n");
}

TEST(FormatTest, CommentsBeforeCodeOnTheirLineStayBeforeIt) {
  ExpectFormat(
      "/* lead */ entity A {\n"
      "  /* a */ /* b */ x int\n"
      "  y int\n"
      "}\n",
      "/* lead */ entity A {\n"
      "  /* a */ /* b */ x  int\n"
      "  y  int\n"
      "}\n");
}

TEST(FormatTest, CommentsAtTheEndOfABodyStayBeforeTheBrace) {
  ExpectFormat(
      "entity A {\n"
      "  x int\n"
      "\n"
      "  // end of A\n"
      "\n"
      "}\n"
      "entity B {\n"
      "  // only a comment\n"
      "}\n"
      "enum E {\n"
      "  a\n"
      "  // not yet: b\n"
      "}\n",
      "entity A {\n"
      "  x  int\n"
      "\n"
      "  // end of A\n"
      "}\n"
      "\n"
      "entity B {\n"
      "  // only a comment\n"
      "}\n"
      "\n"
      "enum E {\n"
      "  a\n"
      "  // not yet: b\n"
      "}\n");
}

TEST(FormatTest, CommentsAtTheEndOfTheFileStayThere) {
  ExpectFormat("entity A {}\n// end\n// of file   \n", "entity A {}\n// end\n// of file\n");
  ExpectFormat("entity A {}\n\n\n// end\n", "entity A {}\n\n// end\n");
  ExpectFormat("// only\n\n  // comments\n", "// only\n\n// comments\n");
}

// The parser reads a comment right after the name as part of it (`now/* x */()` calls
// "now/*"); the formatter prints the name alone and the comment after the field.
TEST(FormatTest, CommentBetweenAFunctionAndItsParenthesesTrailsTheField) {
  ExpectFormat("entity A { t datetime = now/* x */() }",
               "entity A {\n  t  datetime = now() /* x */\n}\n");
  ExpectFormat("entity A { t datetime = now /* x */ () }",
               "entity A {\n  t  datetime = now() /* x */\n}\n");
}

TEST(FormatTest, BlockCommentsAreKeptVerbatim) {
  ExpectFormat(
      "/*\n"
      " * A banner.   \n"
      " */\n"
      "entity A {\n"
      "    /* one\n"
      "       two */\n"
      "  x int /* trailing\n"
      "  and more */ // then this\n"
      "  s string = \"not /* a comment */\" // nor \"this\" /* one */\n"
      "}\n",
      "/*\n"
      " * A banner.\n"
      " */\n"
      "entity A {\n"
      "  /* one\n"
      "       two */\n"
      "  x  int /* trailing\n"
      "  and more */ // then this\n"
      "  s  string = \"not /* a comment */\" // nor \"this\" /* one */\n"
      "}\n");
}

// The parser gives a trailing `///` to every field that starts on its line, and a doc above a
// one-line entity to the entity only: both survive splitting the line.
TEST(FormatTest, TrailingDocOfSeveralFieldsIsRepeatedOnEach) {
  ExpectFormat(
      "/// Doc of T.\n"
      "entity T { a int; b int } /// Doc of a and b.\n",
      "/// Doc of T.\n"
      "entity T {\n"
      "  a  int /// Doc of a and b.\n"
      "  b  int /// Doc of a and b.\n"
      "}\n");
  ExpectSafe(kHeader + "/// Doc of T.\nentity T { a int; b int } /// Doc of a and b.\n");
  ExpectFormat("entity T {\n  a int } /// Doc of a.\n", "entity T {\n  a  int /// Doc of a.\n}\n");
  ExpectSafe(kHeader + "entity T {\n  a int } /// Doc of a.\n");
  ExpectSafe(kHeader + "entity T {\n  /// Doc of a.\n  a int; b int /// Doc of b.\n}\n");
}

TEST(FormatTest, DetachedDocStaysDetached) {
  const std::string text = kHeader +
                           "/// Not a doc: a blank line follows.\n"
                           "\n"
                           "entity T {\n"
                           "  /// Not a doc either.\n"
                           "\n"
                           "  a  int\n"
                           "}\n";
  EXPECT_EQ(Fmt(text), text);
  ExpectSafe(text);
}

// ---- every example, golden input and tests/format/ case ----------------------------------

std::vector<std::string> SchemaFiles() {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(SourceDir() / "examples")) {
    const std::string path = fs::relative(entry.path(), SourceDir()).generic_string();
    if (entry.path().extension() == ".dsl" && path.find("/generated/") == std::string::npos) {
      files.push_back(path);
    }
  }
  std::sort(files.begin(), files.end());
  for (const std::string& name : ListCases(SourceDir() / "tests/golden", "")) {
    files.push_back("tests/golden/" + name + "/input.dsl");
  }
  for (const std::string& name : ListCases(SourceDir() / "tests/format", "")) {
    files.push_back("tests/format/" + name + "/input.dsl");
  }
  return files;
}

class FormatSchemaTest : public ::testing::TestWithParam<std::string> {};

// The file's path, so that its imports are found, and whether it compiles on its own (an
// imported file may not).
struct SchemaFile {
  std::string name;
  std::string text;
  bool compiles = false;
};

SchemaFile Load(const std::string& path) {
  SchemaFile file{(SourceDir() / path).string(), ReadFile(SourceDir() / path), false};
  file.compiles = Generate(file.text, file.name).count("<errors>") == 0;
  return file;
}

TEST_P(FormatSchemaTest, IsIdempotentAndKeepsTheGeneratedFiles) {
  const SchemaFile file = Load(GetParam());
  ExpectSafe(file.text, file.name, file.compiles);
}

INSTANTIATE_TEST_SUITE_P(Files, FormatSchemaTest, ::testing::ValuesIn(SchemaFiles()), CaseName);

// ---- random layouts of the same files -------------------------------------------------------

struct Token {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool comment = false;
};

bool IsWordChar(const std::string& text, std::size_t i) {
  return i < text.size() &&
         (std::isalnum(static_cast<unsigned char>(text[i])) != 0 || text[i] == '_');
}

// The tokens of a valid file, with comments as tokens.
std::vector<Token> Tokenize(const std::string& text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    if (std::isspace(static_cast<unsigned char>(text[i])) != 0) {
      ++i;
      continue;
    }
    Token token{i, i + 1, false};
    if (text[i] == '"') {
      while (token.end < text.size() && text[token.end] != '"') {
        token.end += text[token.end] == '\\' ? 2 : 1;
      }
      ++token.end;
    } else if (text.compare(i, 2, "//") == 0) {
      token = {i, std::min(text.find('\n', i), text.size()), true};
    } else if (text.compare(i, 2, "/*") == 0) {
      token = {i, text.find("*/", i) + 2, true};
    } else if (text.compare(i, 3, "<->") == 0) {
      token.end = i + 3;
    } else if (text.compare(i, 2, "->") == 0 || text.compare(i, 2, "<-") == 0 ||
               text.compare(i, 2, "..") == 0) {
      token.end = i + 2;
    } else if (IsWordChar(text, i) || (text[i] == '-' && IsWordChar(text, i + 1))) {
      while (IsWordChar(text, token.end)) ++token.end;
      if (text.compare(token.end, 1, ".") == 0 && IsWordChar(text, token.end + 1)) {
        for (++token.end; IsWordChar(text, token.end);) ++token.end;
      }
    }
    tokens.push_back(token);
    i = token.end;
  }
  return tokens;
}

// Rewrites a canonical file with random but valid spacing: other blanks and indentation,
// members joined with ';', entities on one line, CRLF. With `comments`, also random comments
// of every kind in every position and extra blank lines.
class Scrambler {
 public:
  Scrambler(unsigned seed, bool comments) : random_(seed), comments_(comments) {}

  std::string operator()(const std::string& canonical) {
    const std::string text = JoinMembers(canonical);
    const std::vector<Token> tokens = Tokenize(text);
    std::string out = Chance(20) ? Blanks(0, 2) + "\n" : "";
    bool header = false;  // between `entity`, `enum` or `schema` and its '{'
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const std::string token = text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
      const bool line_start = tokens[i].begin == 0 || text[tokens[i].begin - 1] == '\n';
      if (line_start && (token == "entity" || token == "enum" || token == "schema")) header = true;
      if (token == "{") header = false;
      out += token;
      const std::size_t next = i + 1 < tokens.size() ? tokens[i + 1].begin : text.size();
      const std::string gap = text.substr(tokens[i].end, next - tokens[i].end);
      if (header && text.compare(next, 1, "\"") != 0 && Chance(15)) {
        // A header may span lines, with line comments between its words (not in `table "x"`).
        out += (comments_ && Chance(50) ? " " + Comment(false) : "") + "\n" + Blanks(0, 4);
      } else {
        out += Gap(text, tokens[i], gap, next);
      }
    }
    if (Chance(20)) {
      std::string crlf;
      for (char c : out) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
      return crlf;
    }
    return out;
  }

 private:
  bool Chance(int percent) { return std::uniform_int_distribution<int>(0, 99)(random_) < percent; }
  std::string Blanks(int min, int max) {
    std::string blanks;
    for (int n = std::uniform_int_distribution<int>(min, max)(random_); n > 0; --n) {
      blanks += Chance(20) ? '\t' : ' ';
    }
    return blanks;
  }
  std::string Comment(bool block_only) {
    const std::string n = std::to_string(++count_);
    const int kind = std::uniform_int_distribution<int>(block_only ? 2 : -1, 4)(random_);
    if (kind == -1) return "//// q" + n;
    if (kind == 0) return "// c" + n + Blanks(0, 1);
    if (kind == 1) return "/// d" + n;
    if (kind == 2) return "/* b" + n + " */";
    if (kind == 3) return "/*m" + n + Blanks(0, 1) + "\n" + Blanks(0, 3) + "*/";
    return "/** e" + n + " */";
  }

  // The text between `left` and the next token (which starts at `next`).
  std::string Gap(const std::string& text, const Token& left, const std::string& gap,
                  std::size_t next) {
    // Only blanks pad a list's ','. And the parser reads a comment right after a function's
    // name as part of the name (`now/* x */()`), so none goes between the name and "()".
    const bool call = IsWordChar(text, left.end - 1) && text.compare(next, 1, "(") == 0 &&
                      text.find_first_not_of(" \t", next + 1) == text.find(')', next);
    const bool blanks_only = text[left.end - 1] == ',' || text.compare(next, 1, ",") == 0 || call;
    if (gap.find('\n') == std::string::npos) {
      if (next == text.size()) return gap;
      if (blanks_only) return Blanks(0, 2);
      std::string out = gap.empty() && !Chance(30) ? "" : Blanks(1, 3);
      if (comments_ && !left.comment && Chance(8)) out += Comment(true) + Blanks(0, 1);
      return out;
    }
    std::string out;
    const bool line_comment = left.comment && text.compare(left.begin, 2, "//") == 0;
    if (comments_ && !line_comment && Chance(10)) out += Blanks(1, 2) + Comment(false);
    out += Blanks(0, 1) + "\n";
    for (std::size_t n = std::count(gap.begin(), gap.end(), '\n'); n > 1; --n) {
      out += Blanks(0, 2) + "\n";
    }
    if (comments_ && Chance(4)) out += "\n";
    if (comments_ && Chance(12)) out += Blanks(0, 4) + Comment(false) + "\n";
    if (next == text.size()) return out;
    out += Blanks(0, 6);
    if (comments_ && Chance(4)) out += Comment(true) + Blanks(0, 1);
    return out;
  }

  // Joins runs of members without comments with ';', and sometimes a whole entity onto its
  // header's line.
  std::string JoinMembers(const std::string& text) {
    std::vector<std::string> lines;
    for (std::size_t at = 0; at < text.size();) {
      const std::size_t end = text.find('\n', at);
      lines.push_back(text.substr(at, end - at));
      at = end + 1;
    }
    auto plain = [](const std::string& line) {
      return line.size() > 2 && line.compare(0, 2, "  ") == 0 && line[2] != ' ' &&
             line.find("//") == std::string::npos && line.find("/*") == std::string::npos;
    };
    std::string out;
    bool in_entity = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (lines[i] == "}" || lines[i].compare(0, 1, " ") != 0) in_entity = false;
      const bool header = lines[i].compare(0, 7, "entity ") == 0 && lines[i].ends_with(" {");
      if (header) in_entity = true;
      if (header && Chance(25)) {
        std::size_t last = i + 1;
        while (last < lines.size() && plain(lines[last])) ++last;
        if (last < lines.size() && lines[last] == "}" && last > i + 1) {
          out += lines[i];
          for (std::size_t m = i + 1; m < last; ++m)
            out += (m == i + 1 ? " " : "; ") + lines[m].substr(2);
          out += " }\n";
          i = last;
          continue;
        }
      }
      out += lines[i];
      if (in_entity && plain(lines[i]) && i + 1 < lines.size() && plain(lines[i + 1]) &&
          Chance(30)) {
        out += ";" + Blanks(0, 2) + lines[++i].substr(2);
        while (i + 1 < lines.size() && plain(lines[i + 1]) && Chance(30)) {
          out += "; " + lines[++i].substr(2);
        }
      }
      out += "\n";
    }
    return out;
  }

  std::mt19937 random_;
  bool comments_;
  int count_ = 0;
};

// How many random layouts each file gets; SCHEMAGEN_FORMAT_SEEDS=1000 searches longer.
unsigned Seeds(unsigned fallback) {
  const char* value = std::getenv("SCHEMAGEN_FORMAT_SEEDS");
  return value != nullptr ? static_cast<unsigned>(std::stoul(value)) : fallback;
}

TEST_P(FormatSchemaTest, OtherSpacingGivesTheSameText) {
  const std::string canonical = Fmt(Load(GetParam()).text);
  for (unsigned seed = 1; seed <= Seeds(12); ++seed) {
    const std::string scrambled = Scrambler(seed, false)(canonical);
    EXPECT_EQ(Fmt(scrambled), canonical) << "seed " << seed << ", formatting:\n" << scrambled;
  }
}

TEST_P(FormatSchemaTest, RandomCommentsAreKeptSafely) {
  const SchemaFile file = Load(GetParam());
  const std::string canonical = Fmt(file.text);
  for (unsigned seed = 1; seed <= Seeds(16); ++seed) {
    const std::string scrambled = Scrambler(seed, true)(canonical);
    SCOPED_TRACE("seed " + std::to_string(seed) + ", formatting:\n" + scrambled);
    ExpectSafe(scrambled, file.name, file.compiles);
    // Every comment is printed once (a trailing doc that documents several fields once each).
    for (const Token& token : Tokenize(scrambled)) {
      if (!token.comment) continue;
      std::string text = scrambled.substr(token.begin, token.end - token.begin);
      text = text.substr(0, text.find_first_of("\r\n"));
      text = text.substr(0, text.find_last_not_of(" \t") + 1);
      EXPECT_NE(Fmt(scrambled).find(text), std::string::npos) << "lost " << text;
    }
  }
}

// The diagnostics corpus holds odd inputs, many of them syntactically valid: those format
// too, to the same diagnostics.
std::vector<std::string> ParsableDiagnosticsCases() {
  std::vector<std::string> cases;
  for (const std::string& name : ListCases(SourceDir() / "tests/diagnostics", ".dsl")) {
    if (TryFmt(ReadFile(SourceDir() / "tests/diagnostics" / (name + ".dsl")))) {
      cases.push_back(name);
    }
  }
  return cases;
}

class FormatDiagnosticsCorpusTest : public ::testing::TestWithParam<std::string> {};

TEST_P(FormatDiagnosticsCorpusTest, KeepsTheDiagnostics) {
  const fs::path path = SourceDir() / "tests/diagnostics" / (GetParam() + ".dsl");
  ExpectSafe(ReadFile(path), path.string(), false);
}

INSTANTIATE_TEST_SUITE_P(Cases, FormatDiagnosticsCorpusTest,
                         ::testing::ValuesIn(ParsableDiagnosticsCases()), CaseName);

// tests/format/<case>/input.dsl formats to tests/format/<case>/expected.dsl.
class FormatCaseTest : public ::testing::TestWithParam<std::string> {};

TEST_P(FormatCaseTest, FormatsToExpected) {
  const fs::path dir = SourceDir() / "tests/format" / GetParam();
  const std::string actual = Fmt(ReadFile(dir / "input.dsl"));
  if (UpdateGolden()) {
    WriteFile(dir / "expected.dsl", actual);
    GTEST_SKIP() << "updated " << (dir / "expected.dsl").string();
  }
  const std::string expected = ReadFile(dir / "expected.dsl");
  EXPECT_EQ(actual, expected) << Diff(expected, actual, GetParam() + "/expected.dsl");
  EXPECT_EQ(Fmt(expected), expected) << "expected.dsl is not canonical";
}

INSTANTIATE_TEST_SUITE_P(Cases, FormatCaseTest,
                         ::testing::ValuesIn(ListCases(SourceDir() / "tests/format", "")),
                         CaseName);

}  // namespace
}  // namespace schemagen::testing
