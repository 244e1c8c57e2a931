#include "schemagen/sema.hpp"
#include "schemagen/driver.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace schemagen::testing {
namespace {

std::vector<std::string> ColumnNames(const ir::Table& table) {
  std::vector<std::string> names;
  for (const ir::Column& c : table.columns) names.push_back(c.name);
  return names;
}

std::vector<std::string> IndexNames(const ir::Table& table) {
  std::vector<std::string> names;
  for (const ir::Index& i : table.indexes) names.push_back(i.name);
  return names;
}

constexpr const char* kHeader =
    "schema s { timestamp 20260101000000 }\nentity Company global { name string(255) }\n";

TEST(SemaTest, InjectsStandardColumnsInOrder) {
  Compiled c = CompileText(std::string(kHeader) + "entity Ticket { title string(80) }\n");
  ASSERT_TRUE(c.schema) << c.Rendered();
  const ir::Table& t = *c.schema->FindTable("Ticket");
  EXPECT_EQ(t.name, "tickets");
  EXPECT_EQ(ColumnNames(t), (std::vector<std::string>{"id", "company_id", "title", "created_at",
                                                      "updated_at", "deleted_at"}));
  EXPECT_TRUE(t.columns[0].primary_key);
  EXPECT_TRUE(t.columns[0].auto_increment);
  EXPECT_EQ(t.columns[1].attribute, "companyId");
  EXPECT_FALSE(t.columns[1].nullable);
  EXPECT_TRUE(t.columns[5].nullable);
  ASSERT_EQ(t.foreign_keys.size(), 1u);
  EXPECT_EQ(t.foreign_keys[0].ref_table, "companies");
  EXPECT_EQ(t.foreign_keys[0].on_delete, ir::Action::kCascade);
  EXPECT_EQ(t.foreign_keys[0].on_update, ir::Action::kCascade);
  ASSERT_EQ(t.indexes.size(), 1u);
  EXPECT_EQ(t.indexes[0].reason, ir::IndexReason::kTenant);
  EXPECT_EQ(t.indexes[0].name, "tickets_company_id_idx");
}

TEST(SemaTest, GlobalEntitiesAndOptOutsHaveNoTenantOrTimestamps) {
  Compiled c =
      CompileText(std::string(kHeader) +
                  "entity Country global no_soft_delete no_timestamps { code string(2) }\n");
  ASSERT_TRUE(c.schema) << c.Rendered();
  EXPECT_EQ(ColumnNames(*c.schema->FindTable("Country")), (std::vector<std::string>{"id", "code"}));
  EXPECT_TRUE(c.schema->FindTable("Company")->global);
}

TEST(SemaTest, UniquesAreTenantScopedAndPartialUnderSoftDelete) {
  Compiled c = CompileText(std::string(kHeader) +
                           "entity Contact { number string(20) unique }\n"
                           "entity Tag no_soft_delete { label string(20) unique }\n");
  ASSERT_TRUE(c.schema) << c.Rendered();
  const ir::Table& contacts = *c.schema->FindTable("Contact");
  ASSERT_EQ(contacts.indexes.size(), 2u);
  const ir::Index& unique = contacts.indexes[1];
  EXPECT_TRUE(unique.unique);
  EXPECT_EQ(unique.name, "contacts_company_id_number_key");
  EXPECT_EQ(unique.columns[0].name, "company_id");
  EXPECT_EQ(unique.where, "deleted_at IS NULL");
  const ir::Table& tags = *c.schema->FindTable("Tag");
  ASSERT_EQ(tags.uniques.size(), 1u);
  EXPECT_EQ(tags.uniques[0].columns, (std::vector<std::string>{"company_id", "label"}));
}

TEST(SemaTest, ReferencesGetColumnForeignKeyIndexAndDefaultActions) {
  Compiled c = CompileText(std::string(kHeader) +
                           "entity User { name string }\n"
                           "entity Ticket { owner -> User; helper -> User? }\n");
  ASSERT_TRUE(c.schema) << c.Rendered();
  const ir::Table& t = *c.schema->FindTable("Ticket");
  EXPECT_EQ(t.columns[2].attribute, "ownerId");
  EXPECT_EQ(t.columns[2].name, "owner_id");
  EXPECT_FALSE(t.columns[2].nullable);
  EXPECT_TRUE(t.columns[3].nullable);
  ASSERT_EQ(t.foreign_keys.size(), 3u);
  EXPECT_EQ(t.foreign_keys[1].on_delete, ir::Action::kNoAction);
  EXPECT_EQ(t.foreign_keys[2].on_delete, ir::Action::kSetNull);
  EXPECT_EQ(t.foreign_keys[1].on_update, ir::Action::kCascade);
  EXPECT_EQ(IndexNames(t),
            (std::vector<std::string>{"tickets_company_id_idx", "tickets_owner_id_idx",
                                      "tickets_helper_id_idx"}));
}

TEST(SemaTest, ResolvesInversesAndSynthesizesJunctions) {
  Compiled c =
      CompileText(std::string(kHeader) +
                  "entity User { tickets <- Ticket[]; queues <-> Queue[] through UserQueue }\n"
                  "entity Queue { users <-> User[] through UserQueue }\n"
                  "entity Ticket { user -> User }\n");
  ASSERT_TRUE(c.schema) << c.Rendered();
  const ir::Table& user = *c.schema->FindTable("User");
  ASSERT_EQ(user.relations.size(), 3u);  // company, tickets, queues
  EXPECT_EQ(user.relations[1].kind, ir::Relation::Kind::kHasMany);
  EXPECT_EQ(user.relations[1].foreign_key, "userId");
  EXPECT_EQ(user.relations[2].kind, ir::Relation::Kind::kBelongsToMany);
  EXPECT_EQ(user.relations[2].through, "UserQueue");
  EXPECT_EQ(user.relations[2].foreign_key, "userId");
  EXPECT_EQ(user.relations[2].other_key, "queueId");
  const ir::Table& junction = *c.schema->FindTable("UserQueue");
  EXPECT_TRUE(junction.junction);
  EXPECT_FALSE(junction.paranoid);
  EXPECT_EQ(junction.name, "user_queues");
  ASSERT_EQ(junction.uniques.size(), 1u);
  EXPECT_EQ(junction.uniques[0].columns,
            (std::vector<std::string>{"company_id", "user_id", "queue_id"}));
}

TEST(SemaTest, OrdersTablesSoReferencedOnesComeFirst) {
  Compiled c = CompileText(std::string(kHeader) +
                           "entity Message { ticket -> Ticket }\n"
                           "entity Ticket { title string }\n");
  ASSERT_TRUE(c.schema) << c.Rendered();
  std::vector<std::string> order;
  for (const ir::Table& t : c.schema->tables) order.push_back(t.name);
  EXPECT_EQ(order, (std::vector<std::string>{"companies", "tickets", "messages"}));
}

TEST(SemaTest, PascalCaseNamingKeepsCamelCaseColumns) {
  Compiled c = CompileText(
      "schema s { naming pascal_case timestamp 20260101000000 }\n"
      "entity Company global { name string }\n"
      "entity TicketMessage { sentAt datetime }\n");
  ASSERT_TRUE(c.schema) << c.Rendered();
  const ir::Table& t = *c.schema->FindTable("TicketMessage");
  EXPECT_EQ(t.name, "TicketMessages");
  EXPECT_EQ(ColumnNames(t), (std::vector<std::string>{"id", "companyId", "sentAt", "createdAt",
                                                      "updatedAt", "deletedAt"}));
}

TEST(SemaTest, TableNamesPluralizeTheLastWordAfterSnakeCasing) {
  Compiled c = CompileText(std::string(kHeader) +
                           "entity UserURL { href text }\n"
                           "entity Person { name text }\n");
  ASSERT_TRUE(c.schema) << c.Rendered();
  EXPECT_EQ(c.schema->FindTable("UserURL")->name, "user_urls");
  EXPECT_EQ(c.schema->FindTable("Person")->name, "people");
}

TEST(SemaTest, WarnsWhenAReferenceIsNamedLikeItsColumn) {
  Compiled c = CompileText(std::string(kHeader) + "entity Ticket { contactId -> Company? }\n");
  ASSERT_TRUE(c.schema) << c.Rendered();
  EXPECT_EQ(c.Rendered(),
            "input.dsl:3:17: warning[W0603]: reference 'contactId' gets the column 'contactIdId'\n"
            " 3 | entity Ticket { contactId -> Company? }\n"
            "   |                 ^~~~~~~~~\n"
            "note: a reference is named after what it points to: contact -> Company gets the "
            "column contactId\n"
            "1 warning generated.\n");
}

TEST(SemaTest, TimestampPrecedenceIsFlagThenHeaderThenEnvironment) {
  const std::string text =
      "schema s { timestamp 20260101000000 }\nentity Company global { a int }\n";
  SourceManager sources;
  const auto f = sources.Add("x.dsl", text);
  Diagnostics d;
  AnalyzeOptions options;
  options.timestamp_fallback = "20300101000000";
  auto from_header = Compile(sources, f, options, d);
  ASSERT_TRUE(from_header);
  EXPECT_EQ(from_header->timestamp, "20260101000000");
  options.timestamp_override = "20270101000000";
  EXPECT_EQ(Compile(sources, f, options, d)->timestamp, "20270101000000");
}

TEST(SemaTest, WarnsWhenNoTimestampIsPinned) {
  Compiled c = CompileText("entity Company global { name string }\n");
  ASSERT_TRUE(c.schema);
  EXPECT_EQ(c.schema->timestamp, "19700101000000");
  EXPECT_EQ(c.Rendered(),
            "warning[W0601]: no migration timestamp is pinned; using 19700101000000 so that "
            "output stays reproducible\n"
            "note: add 'timestamp 20260115090000' to the schema header, or pass --timestamp or "
            "SOURCE_DATE_EPOCH\n"
            "1 warning generated.\n");
}

TEST(SemaTest, CollectsEveryErrorNotJustTheFirst) {
  Compiled c = CompileText(std::string(kHeader) +
                           "entity Ticket {\n"
                           "  contact -> Contcat\n"
                           "  status strng\n"
                           "  priority integer = \"high\"\n"
                           "}\n");
  EXPECT_FALSE(c.schema);
  EXPECT_EQ(c.diagnostics.error_count(), 3u);
}

}  // namespace
}  // namespace schemagen::testing
