// The language for existing schemas (issue 20): explicit names, declared keys, declared
// timestamps and tenant columns, SQL defaults, as the semantic pass resolves them.
#include <gtest/gtest.h>

#include "schemagen/driver.hpp"
#include "schemagen/sema.hpp"
#include "support/test_support.hpp"

namespace schemagen::testing {
namespace {

constexpr const char* kHeader =
    "schema s { timestamp 20260101000000 }\nentity Company global { name string(255) }\n";

const ir::Column& Column(const ir::Table& table, const std::string& name) {
  const ir::Column* column = table.FindColumn(name);
  EXPECT_NE(column, nullptr) << name;
  static const ir::Column kNone;
  return column != nullptr ? *column : kNone;
}

TEST(ExistingSchemasTest, DerivedNamesNeverTakeAnExplicitOne) {
  // The derived name of contacts' unique would be contacts_company_id_email_key: it is taken.
  Compiled c = CompileText(std::string(kHeader) +
                           "entity Contact no_soft_delete {\n"
                           "  email  string(255) unique\n"
                           "  phone  string(20) index name \"contacts_company_id_email_key\"\n"
                           "}\n");
  ASSERT_TRUE(c.schema) << c.Rendered();
  const ir::Table& t = *c.schema->FindTable("Contact");
  ASSERT_EQ(t.uniques.size(), 1u);
  EXPECT_EQ(t.uniques[0].name, "contacts_company_id_email_key1");
  bool named = false;
  for (const ir::Index& index : t.indexes) named |= index.name == "contacts_company_id_email_key";
  EXPECT_TRUE(named);
}

TEST(ExistingSchemasTest, ADeclaredKeyReplacesTheIdAndReferencesTakeItsType) {
  Compiled c = CompileText(std::string(kHeader) +
                           "entity User { id string(255) primary name \"users_pk\" }\n"
                           "entity Queue { code uuid primary }\n"
                           "entity UserQueue no_soft_delete {\n"
                           "  user   -> User\n"
                           "  queue  -> Queue\n"
                           "  primary(user, queue)\n"
                           "}\n");
  ASSERT_TRUE(c.schema) << c.Rendered();
  const ir::Table& user = *c.schema->FindTable("User");
  EXPECT_EQ(user.primary_key_name, "users_pk");
  EXPECT_TRUE(Column(user, "id").primary_key);
  EXPECT_FALSE(Column(user, "id").auto_increment);
  const ir::Table& join = *c.schema->FindTable("UserQueue");
  EXPECT_EQ(join.FindColumn("id"), nullptr);
  EXPECT_EQ(ir::PgTypeName(Column(join, "user_id").type), "character varying(255)");
  EXPECT_EQ(ir::PgTypeName(Column(join, "queue_id").type), "uuid");
  EXPECT_TRUE(Column(join, "user_id").primary_key);
  EXPECT_TRUE(Column(join, "queue_id").primary_key);
  for (const ir::ForeignKey& fk : join.foreign_keys) {
    if (fk.ref_table == "queues") {
      EXPECT_EQ(fk.ref_columns.back(), "code");
    }
  }
  // The key's index serves user_id, which leads it: no index of its own.
  for (const ir::Index& index : join.indexes) EXPECT_NE(index.columns[0].name, "user_id");
}

TEST(ExistingSchemasTest, DeclaredTimestampsKeepTheirRoleWithoutADefault) {
  Compiled c = CompileText(std::string(kHeader) +
                           "entity Ticket {\n"
                           "  createdAt  datetime\n"
                           "  title      string(80)\n"
                           "}\n");
  ASSERT_TRUE(c.schema) << c.Rendered();
  const ir::Table& t = *c.schema->FindTable("Ticket");
  const ir::Column& created = Column(t, "created_at");
  EXPECT_EQ(created.origin, ir::ColumnOrigin::kCreatedAt);
  EXPECT_FALSE(created.default_value.has_value());
  EXPECT_TRUE(Column(t, "updated_at").default_value.has_value());  // still injected
  EXPECT_EQ(t.columns[2].name, "created_at");                      // where it was declared
}

TEST(ExistingSchemasTest, ANullableDeclaredTenantColumnWarnsUnlessAllowed) {
  Compiled c = CompileText(std::string(kHeader) +
                           "entity Ticket { company -> Company? on delete set null }\n");
  ASSERT_TRUE(c.schema) << c.Rendered();
  const ir::Table& t = *c.schema->FindTable("Ticket");
  const ir::Column* tenant = t.FindTenantColumn();
  ASSERT_NE(tenant, nullptr);
  EXPECT_TRUE(tenant->nullable);
  EXPECT_EQ(t.foreign_keys[0].on_delete, ir::Action::kSetNull);
  EXPECT_NE(c.Rendered().find("warning[W0604]"), std::string::npos) << c.Rendered();

  Compiled allowed =
      CompileText(std::string(kHeader) +
                  "entity Ticket allow \"W0604\" { company -> Company? on delete set null }\n");
  ASSERT_TRUE(allowed.schema) << allowed.Rendered();
  EXPECT_EQ(allowed.Rendered(), "");

  Compiled unknown = CompileText(std::string(kHeader) + "entity Ticket allow \"W0602\" {}\n");
  EXPECT_FALSE(unknown.schema);
  EXPECT_NE(unknown.Rendered().find("error[E0207]: 'allow' can't silence 'W0602'"),
            std::string::npos)
      << unknown.Rendered();
}

TEST(ExistingSchemasTest, AReferenceWithoutAForeignKeyHasItsColumnAndAssociationOnly) {
  Compiled c = CompileText(std::string(kHeader) +
                           "entity User { id string(40) primary }\n"
                           "entity Ticket { owner -> User? no_foreign_key }\n");
  ASSERT_TRUE(c.schema) << c.Rendered();
  const ir::Table& t = *c.schema->FindTable("Ticket");
  EXPECT_EQ(ir::PgTypeName(Column(t, "owner_id").type), "character varying(40)");
  for (const ir::ForeignKey& fk : t.foreign_keys) EXPECT_NE(fk.ref_table, "users");
  for (const ir::Index& index : t.indexes) EXPECT_NE(index.columns[0].name, "owner_id");
  bool association = false;
  for (const ir::Relation& r : t.relations) association |= r.name == "owner";
  EXPECT_TRUE(association);
  EXPECT_NE(c.Rendered().find("warning[W0605]: reference 'Ticket.owner' has no foreign key: "
                              "nothing keeps it from pointing at a User that does not exist, or "
                              "at another Company's"),
            std::string::npos)
      << c.Rendered();
  Compiled allowed =
      CompileText(std::string(kHeader) +
                  "entity User { id string(40) primary }\n"
                  "entity Ticket allow \"W0605\" { owner -> User? no_foreign_key }\n");
  ASSERT_TRUE(allowed.schema) << allowed.Rendered();
  EXPECT_EQ(allowed.Rendered(), "");
}

TEST(ExistingSchemasTest, UniquesMayBeIndexesOrAcrossTenants) {
  Compiled c = CompileText(std::string(kHeader) +
                           "entity User no_soft_delete {\n"
                           "  login  string(50) unique global\n"
                           "  email  string(255) unique_index\n"
                           "}\n");
  ASSERT_TRUE(c.schema) << c.Rendered();
  const ir::Table& t = *c.schema->FindTable("User");
  ASSERT_EQ(t.uniques.size(), 1u);
  EXPECT_EQ(t.uniques[0].columns, (std::vector<std::string>{"login"}));  // no company_id
  bool index = false;
  for (const ir::Index& i : t.indexes) {
    index |= i.unique && i.name == "users_company_id_email_key" && i.where.empty();
  }
  EXPECT_TRUE(index);
  EXPECT_NE(c.Rendered().find("warning[W0606]: unique across every Company"), std::string::npos)
      << c.Rendered();
}

TEST(ExistingSchemasTest, SqlDefaultsAreKeptAsWritten) {
  Compiled c = CompileText(std::string(kHeader) +
                           "enum Lang { sql python }\n"
                           "entity Thing {\n"
                           "  token  uuid = sql \"uuid_generate_v4()\"\n"
                           "  lang   Lang = sql\n"
                           "}\n");
  ASSERT_TRUE(c.schema) << c.Rendered();
  const ir::Table& t = *c.schema->FindTable("Thing");
  EXPECT_EQ(Column(t, "token").default_value->kind, ir::Default::Kind::kSql);
  EXPECT_EQ(Column(t, "token").default_value->value, "uuid_generate_v4()");
  // Without a string after it, sql is an enum value like any other.
  EXPECT_EQ(Column(t, "lang").default_value->kind, ir::Default::Kind::kString);
  EXPECT_EQ(Column(t, "lang").default_value->value, "sql");
}

}  // namespace
}  // namespace schemagen::testing
