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

TEST(SemaTest, ReferencesBetweenTenantTablesAreSameTenantKeys) {
  Compiled c = CompileText(std::string(kHeader) +
                           "entity Country global { code string(2) }\n"
                           "entity User { name string }\n"
                           "entity Ticket { owner -> User; helper -> User?; country -> Country?;"
                           " parent -> Ticket? }\n");
  ASSERT_TRUE(c.schema) << c.Rendered();
  const ir::Table& t = *c.schema->FindTable("Ticket");
  ASSERT_EQ(t.foreign_keys.size(), 5u);
  const ir::ForeignKey& tenant = t.foreign_keys[0];
  EXPECT_EQ(tenant.columns, std::vector<std::string>{"company_id"});
  const ir::ForeignKey& owner = t.foreign_keys[1];
  EXPECT_EQ(owner.name, "tickets_company_id_owner_id_fkey");
  EXPECT_EQ(owner.columns, (std::vector<std::string>{"company_id", "owner_id"}));
  EXPECT_EQ(owner.ref_columns, (std::vector<std::string>{"company_id", "id"}));
  EXPECT_TRUE(owner.set_null_columns.empty());
  EXPECT_EQ(ir::ReferenceColumn(owner), "owner_id");
  EXPECT_TRUE(ir::IsSameTenantKey(owner, "company_id"));
  // SET NULL nulls the reference only, never the tenant column.
  EXPECT_EQ(t.foreign_keys[2].set_null_columns, std::vector<std::string>{"helper_id"});
  // A global target keeps the plain key; a reference to the table itself is same-tenant too.
  EXPECT_EQ(t.foreign_keys[3].columns, std::vector<std::string>{"country_id"});
  EXPECT_EQ(t.foreign_keys[4].ref_table, "tickets");
  EXPECT_EQ(t.foreign_keys[4].columns, (std::vector<std::string>{"company_id", "parent_id"}));
  // The targets get the key the references need; indexes stay on the reference columns.
  for (const char* model : {"User", "Ticket"}) {
    const ir::Table& target = *c.schema->FindTable(model);
    ASSERT_EQ(target.uniques.size(), 1u) << model;
    EXPECT_EQ(target.uniques[0].columns, (std::vector<std::string>{"company_id", "id"}));
  }
  EXPECT_EQ(c.schema->FindTable("User")->uniques[0].name, "users_company_id_id_key");
  EXPECT_TRUE(c.schema->FindTable("Country")->uniques.empty());
  EXPECT_EQ(IndexNames(t),
            (std::vector<std::string>{"tickets_company_id_idx", "tickets_owner_id_idx",
                                      "tickets_helper_id_idx", "tickets_country_id_idx",
                                      "tickets_parent_id_idx"}));
  EXPECT_FALSE(t.row_security);
  EXPECT_TRUE(t.policies.empty());
}

TEST(SemaTest, SameTenantReferencesCanBeTurnedOff) {
  Compiled c = CompileText(
      "schema s { timestamp 20260101000000  same_tenant_references false }\n"
      "entity Company global { name string(255) }\n"
      "entity User { name string }\nentity Ticket { owner -> User? }\n");
  ASSERT_TRUE(c.schema) << c.Rendered();
  const ir::Table& t = *c.schema->FindTable("Ticket");
  EXPECT_EQ(t.foreign_keys[1].columns, std::vector<std::string>{"owner_id"});
  EXPECT_TRUE(t.foreign_keys[1].set_null_columns.empty());
  EXPECT_TRUE(c.schema->FindTable("User")->uniques.empty());
}

TEST(SemaTest, RowLevelSecurityProtectsEveryTenantTable) {
  Compiled c = CompileText(
      "schema s { tenant Organization  timestamp 20260101000000  row_level_security true }\n"
      "entity Organization global { name string(255) }\n"
      "entity Country global { code string(2) }\n"
      "entity User { name string }\n");
  ASSERT_TRUE(c.schema) << c.Rendered();
  EXPECT_TRUE(c.schema->row_level_security);
  EXPECT_EQ(c.schema->tenant_setting, "app.current_organization_id");
  for (const char* global : {"Organization", "Country"}) {
    const ir::Table& t = *c.schema->FindTable(global);
    EXPECT_FALSE(t.row_security) << global;
    EXPECT_TRUE(t.policies.empty()) << global;
  }
  const ir::Table& users = *c.schema->FindTable("User");
  EXPECT_TRUE(users.row_security);
  EXPECT_TRUE(users.force_row_security);
  ASSERT_EQ(users.policies.size(), 1u);
  const ir::Policy& p = users.policies[0];
  EXPECT_EQ(p.name, "users_tenant_isolation");
  EXPECT_EQ(p.command, "ALL");
  const std::string current =
      "organization_id = NULLIF(current_setting('app.current_organization_id', true), "
      "'')::integer";
  EXPECT_EQ(p.using_expr, current);
  EXPECT_EQ(p.check_expr, current);
}

TEST(SemaTest, TenantSettingNamesThePoliciesSetting) {
  Compiled c = CompileText(
      "schema s { timestamp 20260101000000  row_level_security true\n"
      "  tenant_setting \"myapp.tenant\" }\n"
      "entity Company global { name string(255) }\nentity User { name string }\n");
  ASSERT_TRUE(c.schema) << c.Rendered();
  EXPECT_EQ(c.schema->tenant_setting, "myapp.tenant");
  EXPECT_NE(c.schema->FindTable("User")->policies[0].using_expr.find("'myapp.tenant'"),
            std::string::npos);
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

// The codes of every diagnostic, sorted by position.
std::vector<std::string> Codes(const Compiled& c) {
  std::vector<std::string> codes;
  for (const Diagnostic& d : c.diagnostics.Sorted()) codes.push_back(d.code);
  return codes;
}

TEST(SemaTest, EvolutionHintsFillTheIr) {
  Compiled c = CompileText(std::string(kHeader) +
                           "enum Status { open closed }\n"
                           "entity Contact { name string(255) }\n"
                           "entity Ticket was \"Case\" {\n"
                           "  priority  integer = 1 backfill 0\n"
                           "  code      integer using sql \"NULLIF(code, '')::integer\"\n"
                           "  title     string(200) was subject\n"
                           "  contact   -> Contact was customer\n"
                           "  status    Status backfill closed\n"
                           "  openedAt  datetime backfill now()\n"
                           "  token     uuid backfill uuid()\n"
                           "}\n");
  ASSERT_TRUE(c.schema) << c.Rendered();
  const ir::Table& t = *c.schema->FindTable("Ticket");
  EXPECT_EQ(t.was, "Case");
  EXPECT_EQ(c.schema->FindTable("Contact")->was, "");
  const ir::Column& priority = *t.FindColumnByAttribute("priority");
  ASSERT_TRUE(priority.backfill);
  EXPECT_EQ(priority.backfill->kind, ir::Default::Kind::kNumber);
  EXPECT_EQ(priority.backfill->value, "0");
  ASSERT_TRUE(priority.default_value);
  EXPECT_EQ(priority.default_value->value, "1");
  EXPECT_EQ(priority.was, "");
  EXPECT_EQ(priority.using_sql, "");
  EXPECT_EQ(t.FindColumnByAttribute("code")->using_sql, "NULLIF(code, '')::integer");
  EXPECT_FALSE(t.FindColumnByAttribute("code")->backfill);
  EXPECT_EQ(t.FindColumnByAttribute("title")->was, "subject");
  // A reference's `was` names the previous reference field; the column's previous attribute
  // is derived from it as the reference's own is.
  const ir::Column& contact = *t.FindColumnByAttribute("contactId");
  EXPECT_EQ(contact.was, "customerId");
  EXPECT_EQ(contact.name, "contact_id");
  const ir::Column& status = *t.FindColumnByAttribute("status");
  ASSERT_TRUE(status.backfill);
  EXPECT_EQ(status.backfill->kind, ir::Default::Kind::kString);
  EXPECT_EQ(status.backfill->value, "closed");
  EXPECT_FALSE(status.default_value);
  EXPECT_EQ(t.FindColumnByAttribute("openedAt")->backfill->kind, ir::Default::Kind::kNow);
  EXPECT_EQ(t.FindColumnByAttribute("token")->backfill->kind, ir::Default::Kind::kRandomUuid);
  for (const ir::Column& column : t.columns) {
    if (column.origin != ir::ColumnOrigin::kDeclared &&
        column.origin != ir::ColumnOrigin::kReference) {
      EXPECT_EQ(column.was, "") << column.attribute;
      EXPECT_EQ(column.using_sql, "") << column.attribute;
      EXPECT_FALSE(column.backfill) << column.attribute;
    }
  }
}

TEST(SemaTest, EvolutionHintsChangeNoGeneratedFile) {
  const std::string plain = std::string(kHeader) +
                            "entity Contact { name string(255) }\n"
                            "entity Ticket {\n"
                            "  priority  integer = 1\n"
                            "  code      integer\n"
                            "  title     string(200)\n"
                            "  contact   -> Contact\n"
                            "}\n";
  const std::string hinted = std::string(kHeader) +
                             "entity Contact was \"Person\" { name string(255) was fullName }\n"
                             "entity Ticket was \"Case\" {\n"
                             "  priority  integer = 1 backfill 0\n"
                             "  code      integer using sql \"code::integer\"\n"
                             "  title     string(200) was subject\n"
                             "  contact   -> Contact was customer\n"
                             "}\n";
  auto generate = [](const std::string& text) {
    Compiled c = CompileText(text);
    EXPECT_TRUE(c.schema) << c.Rendered();
    MemorySink sink;
    if (c.schema) {
      EXPECT_TRUE(GenerateAll(*c.schema, GenerateOptions{}, sink, c.diagnostics)) << c.Rendered();
    }
    return sink.files();
  };
  const auto expected = generate(plain);
  EXPECT_FALSE(expected.empty());
  EXPECT_EQ(generate(hinted), expected);
}

TEST(SemaTest, FieldRenamesMustBeUnambiguous) {
  const std::string contact = "entity Contact { name string(255) }\n";
  auto codes = [&](const std::string& body) {
    return Codes(CompileText(std::string(kHeader) + contact + "entity Ticket {\n" + body + "}\n"));
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(codes("  title string was title\n"), V{"E0215"});
  EXPECT_EQ(codes("  contact -> Contact was contact\n"), V{"E0215"});
  EXPECT_EQ(codes("  title string was subject\n  subject string?\n"), V{"E0216"});
  // A swap is two renames onto names that are still declared.
  EXPECT_EQ(codes("  a string was b\n  b string was a\n"), (V{"E0216", "E0216"}));
  // The previous attribute of a reference `was customer` is customerId.
  EXPECT_EQ(codes("  contact -> Contact was customer\n  customerId integer?\n"), V{"E0216"});
  EXPECT_EQ(codes("  contact -> Contact was customer\n  customer string?\n"), V{"E0216"});
  EXPECT_EQ(codes("  title string was tickets\n  tickets <- Contact[]\n"), (V{"E0216", "E0405"}));
  // Columns schemagen adds can't be a previous name.
  EXPECT_EQ(codes("  opened datetime was createdAt\n"), V{"E0216"});
  EXPECT_EQ(codes("  tenant integer was companyId\n"), V{"E0216"});
  EXPECT_EQ(codes("  legacy integer was id\n"), V{"E0216"});
  EXPECT_EQ(codes("  deleted datetime? was deletedAt\n"), V{"E0216"});
  EXPECT_EQ(codes("  a string was old\n  b string was old\n"), V{"E0217"});
  EXPECT_EQ(codes("  a integer? was contactId\n  b -> Contact? was contact\n"), V{"E0217"});
  EXPECT_EQ(codes("  title string was old_title\n"), V{"E0502"});
  EXPECT_EQ(codes("  title string was subject was heading\n"), V{"E0213"});
  // Naming something the previous state may not have had is the planner's business.
  EXPECT_EQ(codes("  title string was neverDeclaredAnywhere\n"), V{});
  // A global entity has no companyId, so that is a free name there.
  Compiled global = CompileText(std::string(kHeader) +
                                "entity Tag global no_soft_delete { owner integer was companyId; "
                                "at datetime? was deletedAt }\n");
  EXPECT_TRUE(global.schema) << global.Rendered();
}

TEST(SemaTest, BackfillIsCheckedLikeADefault) {
  auto codes = [](const std::string& body) {
    return Codes(CompileText(std::string(kHeader) + "enum Status { open closed }\n" +
                             "entity Queue { name string(100) }\n" + "entity Ticket {\n" + body +
                             "}\n"));
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(codes("  priority integer? backfill 0\n"), V{"E0313"});
  EXPECT_EQ(codes("  priority integer? backfill null\n"), V{"E0313"});
  EXPECT_EQ(codes("  priority integer backfill null\n"), V{"E0312"});
  EXPECT_EQ(codes("  priority smallint backfill 40000\n"), V{"E0303"});
  EXPECT_EQ(codes("  priority integer backfill \"high\"\n"), V{"E0303"});
  EXPECT_EQ(codes("  title string(3) backfill \"toolong\"\n"), V{"E0303"});
  EXPECT_EQ(codes("  status Status backfill opne\n"), V{"E0304"});
  EXPECT_EQ(codes("  at datetime backfill current_timestamp()\n"), V{"E0305"});
  EXPECT_EQ(codes("  at date backfill \"today\"\n"), V{"E0303"});
  EXPECT_EQ(codes("  queue -> Queue backfill 1\n"), V{"E0310"});
  EXPECT_EQ(codes("  queues <- Queue[] backfill 1\n"), V{"E0310"});
  EXPECT_EQ(codes("  priority integer backfill 0 backfill 1\n"), V{"E0213"});
  EXPECT_EQ(codes("  status Status = open backfill closed\n  at date backfill \"2026-01-31\"\n"),
            V{});
  Compiled c =
      CompileText(std::string(kHeader) + "entity Ticket { priority integer backfill \"high\" }\n");
  EXPECT_NE(c.Rendered().find("error[E0303]: backfill \"high\" does not fit the column's type "
                              "integer: expected a whole number"),
            std::string::npos)
      << c.Rendered();
}

TEST(SemaTest, UsingIsRawSqlOnAColumnOnly) {
  auto codes = [](const std::string& body) {
    return Codes(CompileText(std::string(kHeader) + "entity Queue { name string(100) }\n" +
                             "entity Ticket {\n" + body + "}\n"));
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(codes("  queue -> Queue using sql \"queue::integer\"\n"), V{"E0310"});
  EXPECT_EQ(codes("  code integer using sql \" \"\n"), V{"E0314"});
  EXPECT_EQ(codes("  code integer using sql \"a\" using sql \"b\"\n"), V{"E0213"});
  EXPECT_EQ(codes("  code integer using sql \"code::integer\"\n"), V{});
}

TEST(SemaTest, EntityRenamesMustBeUnambiguous) {
  auto codes = [](const std::string& entities) {
    return Codes(CompileText(std::string(kHeader) + entities));
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(codes("entity Ticket was \"Ticket\" {}\n"), V{"E0215"});
  EXPECT_EQ(codes("entity Ticket was \"Case\" {}\nentity Case {}\n"), V{"E0216"});
  EXPECT_EQ(codes("entity Ticket was \"Company\" {}\n"), V{"E0216"});
  // The junction schemagen creates for a many-to-many relation is declared now too.
  EXPECT_EQ(codes("entity Tag { tickets <-> Ticket[] through TicketTag }\n"
                  "entity Ticket was \"TicketTag\" {}\n"),
            V{"E0216"});
  EXPECT_EQ(codes("entity A was \"Old\" {}\nentity B was \"Old\" {}\n"), V{"E0217"});
  EXPECT_EQ(codes("entity Ticket was \"tickets\" {}\n"), V{"E0501"});
  EXPECT_EQ(codes("entity Ticket was {}\n"), V{"E0207"});
  EXPECT_EQ(codes("entity Ticket was \"\" {}\n"), V{"E0207"});
  EXPECT_EQ(codes("entity Ticket was Case {}\n"), V{"E0207"});
  EXPECT_EQ(codes("entity Ticket was \"Case\" was \"Issue\" {}\n"), V{"E0213"});
  EXPECT_EQ(codes("entity Ticket wsa \"Case\" {}\n"), V{"E0208"});
  EXPECT_EQ(codes("entity Ticket global was \"Case\" no_soft_delete {}\n"), V{});
}

// Found while fuzzing (issue 9): a range bound beyond a double's range (std::stod threw
// out_of_range out of the analyzer, aborting the run). It is a bound like any other now.
TEST(SemaTest, RangeBoundsBeyondADoubleAreComparedNotThrown) {
  const std::string huge(400, '9');
  const std::string head =
      "schema s { timestamp 20260101000000 }\nentity Company global { name string(255) }\n";
  const Compiled ok = CompileText(head + "entity T {\n  p double check(0.." + huge + ")\n}\n");
  EXPECT_TRUE(ok.schema.has_value()) << ok.Rendered();
  const Compiled reversed =
      CompileText(head + "entity T {\n  p double check(" + huge + "..1)\n}\n");
  EXPECT_FALSE(reversed.schema.has_value());
  EXPECT_NE(reversed.Rendered().find("error[E0307]: empty range"), std::string::npos)
      << reversed.Rendered();
}

}  // namespace
}  // namespace schemagen::testing
