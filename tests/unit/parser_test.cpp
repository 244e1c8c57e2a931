#include "schemagen/parser.hpp"

#include <gtest/gtest.h>

namespace schemagen {
namespace {

struct Parsed {
  SourceManager sources;
  Diagnostics diagnostics;
  std::optional<ast::File> file;
};

Parsed ParseText(const std::string& text) {
  Parsed p;
  const auto id = p.sources.Add("t.dsl", text);
  p.file = Parse(p.sources, id, p.diagnostics);
  return p;
}

std::string SpanText(const Parsed& p, Span span) {
  return p.sources.file(span.file).text().substr(span.begin, span.end - span.begin);
}

TEST(ParserTest, BuildsEntitiesFieldsAndOptions) {
  Parsed p = ParseText(
      "entity Ticket table \"tix\" no_timestamps {\n"
      "  priority integer = 0 check(0..5) index\n"
      "  contact -> Contact? on delete set null on update cascade\n"
      "  messages <- Message[] via ticket\n"
      "  tags <-> Tag[] through TicketTag; note text?\n"
      "  index(status, updatedAt desc) using btree where sql \"status <> 'x'\"\n"
      "  unique(contact, priority)\n"
      "  check(sql \"priority >= 0\")\n"
      "}\n");
  ASSERT_TRUE(p.file) << RenderAll(p.diagnostics, p.sources, {});
  ASSERT_EQ(p.file->entities.size(), 1u);
  const ast::Entity& e = p.file->entities[0];
  EXPECT_EQ(e.name.text, "Ticket");
  ASSERT_EQ(e.options.size(), 2u);
  EXPECT_EQ(e.options[0].name.text, "table");
  EXPECT_EQ(e.options[0].value->text, "tix");
  EXPECT_EQ(e.options[1].name.text, "no_timestamps");
  ASSERT_EQ(e.fields.size(), 5u);

  const ast::Field& priority = e.fields[0];
  EXPECT_EQ(priority.kind, ast::Field::Kind::kColumn);
  EXPECT_EQ(priority.type.text, "integer");
  ASSERT_EQ(priority.options.size(), 3u);
  EXPECT_EQ(priority.options[0].kind, ast::FieldOption::Kind::kDefault);
  EXPECT_EQ(priority.options[0].value->kind, ast::Literal::Kind::kNumber);
  EXPECT_EQ(priority.options[1].check->min->text, "0");
  EXPECT_EQ(priority.options[1].check->max->text, "5");
  EXPECT_EQ(priority.options[2].kind, ast::FieldOption::Kind::kIndex);
  EXPECT_EQ(SpanText(p, priority.span), "priority integer = 0 check(0..5) index");

  const ast::Field& contact = e.fields[1];
  EXPECT_EQ(contact.kind, ast::Field::Kind::kBelongsTo);
  EXPECT_TRUE(contact.nullable.has_value());
  EXPECT_EQ(contact.options[0].kind, ast::FieldOption::Kind::kOnDelete);
  EXPECT_EQ(contact.options[0].action->kind, ast::Action::Kind::kSetNull);
  EXPECT_EQ(contact.options[1].kind, ast::FieldOption::Kind::kOnUpdate);
  EXPECT_EQ(contact.options[1].action->kind, ast::Action::Kind::kCascade);

  EXPECT_EQ(e.fields[2].kind, ast::Field::Kind::kHasMany);
  EXPECT_EQ(e.fields[2].via->text, "ticket");
  EXPECT_EQ(e.fields[3].kind, ast::Field::Kind::kManyToMany);
  EXPECT_EQ(e.fields[3].through->text, "TicketTag");
  EXPECT_EQ(e.fields[4].name.text, "note");

  ASSERT_EQ(e.indexes.size(), 2u);
  EXPECT_FALSE(e.indexes[0].unique);
  EXPECT_TRUE(e.indexes[0].columns[1].descending);
  EXPECT_EQ(e.indexes[0].method->text, "btree");
  EXPECT_EQ(e.indexes[0].where->text, "status <> 'x'");
  EXPECT_TRUE(e.indexes[1].unique);
  ASSERT_EQ(e.checks.size(), 1u);
  EXPECT_EQ(e.checks[0].check.kind, ast::Check::Kind::kSql);
  EXPECT_EQ(e.checks[0].check.text, "priority >= 0");
}

TEST(ParserTest, AttachesDocCommentsToTheFollowingDeclaration) {
  Parsed p = ParseText(
      "/// The tenant.\n"
      "/// Second line.\n"
      "entity Company global {\n"
      "  // not a doc comment\n"
      "  name string(255)\n"
      "  /// Legal name.\n"
      "  legal string?\n"
      "  code string /// trailing doc\n"
      "}\n"
      "//// four slashes are a plain comment\n"
      "enum Status { /// first\n  open\n  /// closed ones\n  closed }\n");
  ASSERT_TRUE(p.file) << RenderAll(p.diagnostics, p.sources, {});
  const ast::Entity& e = p.file->entities[0];
  EXPECT_EQ(e.doc, "The tenant.\nSecond line.");
  EXPECT_EQ(e.fields[0].doc, "");
  EXPECT_EQ(e.fields[1].doc, "Legal name.");
  EXPECT_EQ(e.fields[2].doc, "trailing doc");
  EXPECT_EQ(p.file->enums[0].doc, "");
  EXPECT_EQ(p.file->enums[0].values[1].doc, "closed ones");
}

TEST(ParserTest, UnescapesStrings) {
  Parsed p = ParseText("schema s { feature \"a \\\"b\\\" \\\\ c\\n\" }\n");
  ASSERT_TRUE(p.file);
  EXPECT_EQ(p.file->schemas[0].settings[0].value.text, "a \"b\" \\ c\n");
}

TEST(ParserTest, SyntaxErrorNamesWhatWasExpectedInWords) {
  Parsed p = ParseText("entity Ticket {\n  priority\n}\n");
  EXPECT_FALSE(p.file);
  EXPECT_EQ(RenderAll(p.diagnostics, p.sources, {}),
            "t.dsl:2:11: error[E0114]: expected a type (like string(255), integer or an enum's "
            "name) or a relation (-> Entity, <- Entity[], <-> Entity[] through Junction) after "
            "the field's name\n"
            " 2 |   priority\n"
            "   |           ^\n"
            "1 error generated.\n");
}

TEST(ParserTest, UnterminatedStringPointsAtTheEndOfTheLine) {
  Parsed p = ParseText("schema s { feature \"abc\n}\n");
  EXPECT_FALSE(p.file);
  EXPECT_EQ(RenderAll(p.diagnostics, p.sources, {}),
            "t.dsl:1:24: error[E0103]: unterminated string: expected '\"' before the end of the "
            "line\n"
            " 1 | schema s { feature \"abc\n"
            "   |                        ^\n"
            "1 error generated.\n");
}

TEST(ParserTest, ReportsTheEndOfFile) {
  Parsed p = ParseText("entity Ticket {\n  name string\n");
  EXPECT_FALSE(p.file);
  ASSERT_EQ(p.diagnostics.all().size(), 1u);
  EXPECT_EQ(p.diagnostics.all()[0].code, "E0113");
  EXPECT_NE(p.diagnostics.all()[0].message.find("(reached the end of the file)"),
            std::string::npos);
}

TEST(ParserTest, ACommentInsideACallDoesNotChangeItsName) {
  Parsed p = ParseText("entity T { at datetime = now/* the moment */() }\n");
  ASSERT_TRUE(p.file) << RenderAll(p.diagnostics, p.sources, {});
  EXPECT_EQ(p.file->entities[0].fields[0].options[0].value->text, "now");
}

TEST(ParserTest, ParsesEvolutionHints) {
  Parsed p = ParseText(
      "entity Ticket was \"Case\" {\n"
      "  priority  integer = 1 backfill 0 check(0..5)\n"
      "  code      integer using sql \"NULLIF(code, '')::integer\"\n"
      "  title     string(200) was subject\n"
      "  contact   -> Contact was customer on delete cascade\n"
      "  status    Status backfill open; opened datetime backfill now(); note text backfill \"\"\n"
      "}\n");
  ASSERT_TRUE(p.file) << RenderAll(p.diagnostics, p.sources, {});
  const ast::Entity& e = p.file->entities[0];
  ASSERT_EQ(e.options.size(), 1u);
  EXPECT_EQ(e.options[0].name.text, "was");
  EXPECT_EQ(e.options[0].value->text, "Case");
  ASSERT_EQ(e.fields.size(), 7u);

  const ast::Field& priority = e.fields[0];
  ASSERT_EQ(priority.options.size(), 3u);
  EXPECT_EQ(priority.options[1].kind, ast::FieldOption::Kind::kBackfill);
  EXPECT_EQ(priority.options[1].value->kind, ast::Literal::Kind::kNumber);
  EXPECT_EQ(priority.options[1].value->text, "0");
  EXPECT_EQ(SpanText(p, priority.options[1].span), "backfill 0");
  EXPECT_EQ(priority.options[2].kind, ast::FieldOption::Kind::kCheck);

  const ast::Field& code = e.fields[1];
  ASSERT_EQ(code.options.size(), 1u);
  EXPECT_EQ(code.options[0].kind, ast::FieldOption::Kind::kUsing);
  EXPECT_EQ(code.options[0].value->kind, ast::Literal::Kind::kString);
  EXPECT_EQ(code.options[0].value->text, "NULLIF(code, '')::integer");
  EXPECT_EQ(SpanText(p, code.options[0].span), "using sql \"NULLIF(code, '')::integer\"");

  const ast::Field& title = e.fields[2];
  ASSERT_EQ(title.options.size(), 1u);
  EXPECT_EQ(title.options[0].kind, ast::FieldOption::Kind::kWas);
  EXPECT_EQ(title.options[0].value->kind, ast::Literal::Kind::kIdent);
  EXPECT_EQ(title.options[0].value->text, "subject");
  EXPECT_EQ(SpanText(p, title.options[0].value->span), "subject");

  const ast::Field& contact = e.fields[3];
  EXPECT_EQ(contact.kind, ast::Field::Kind::kBelongsTo);
  ASSERT_EQ(contact.options.size(), 2u);
  EXPECT_EQ(contact.options[0].kind, ast::FieldOption::Kind::kWas);
  EXPECT_EQ(contact.options[0].value->text, "customer");
  EXPECT_EQ(contact.options[1].kind, ast::FieldOption::Kind::kOnDelete);

  EXPECT_EQ(e.fields[4].options[0].value->kind, ast::Literal::Kind::kIdent);
  EXPECT_EQ(e.fields[4].options[0].value->text, "open");
  EXPECT_EQ(e.fields[5].options[0].value->kind, ast::Literal::Kind::kCall);
  EXPECT_EQ(e.fields[5].options[0].value->text, "now");
  EXPECT_EQ(e.fields[6].options[0].value->kind, ast::Literal::Kind::kString);
  EXPECT_EQ(e.fields[6].options[0].value->text, "");
}

TEST(ParserTest, HintKeywordsAreWholeWordsAndStillFieldNames) {
  // `was`, `using` and `backfill` are keywords only where an option may stand.
  Parsed p = ParseText("entity T {\n  was integer\n  using text\n  backfill boolean\n}\n");
  ASSERT_TRUE(p.file) << RenderAll(p.diagnostics, p.sources, {});
  EXPECT_EQ(p.file->entities[0].fields.size(), 3u);
  Parsed typo = ParseText("entity T {\n  title text wasted\n}\n");
  EXPECT_FALSE(typo.file);
  ASSERT_EQ(typo.diagnostics.all().size(), 1u);
  EXPECT_EQ(typo.diagnostics.all()[0].code, "E0115");
  Parsed misspelt = ParseText("entity T {\n  priority integer backfil 0\n}\n");
  ASSERT_EQ(misspelt.diagnostics.all().size(), 1u);
  ASSERT_EQ(misspelt.diagnostics.all()[0].notes.size(), 1u);
  EXPECT_EQ(misspelt.diagnostics.all()[0].notes[0].message, "did you mean 'backfill'?");
}

TEST(ParserTest, HintSyntaxErrorsHaveTheirOwnCodes) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"  title string was\n", "E0143"},
      {"  title string was \"subject\"\n", "E0143"},
      {"  code integer using \"x::integer\"\n", "E0144"},
      {"  code integer using gin\n", "E0144"},
      {"  code integer using sql x\n", "E0130"},
      {"  priority integer backfill\n", "E0145"},
      {"  name text backfill 'x'\n", "E0145"},
  };
  for (const auto& [field, code] : cases) {
    Parsed p = ParseText("entity T {\n" + field + "}\n");
    EXPECT_FALSE(p.file) << field;
    ASSERT_EQ(p.diagnostics.all().size(), 1u) << field;
    EXPECT_EQ(p.diagnostics.all()[0].code, code) << field;
  }
}

TEST(ParserTest, EmptyInputIsAnEmptyFile) {
  Parsed p = ParseText("");
  ASSERT_TRUE(p.file);
  EXPECT_TRUE(p.file->entities.empty());
}

}  // namespace
}  // namespace schemagen
