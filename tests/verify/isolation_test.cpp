// Which tables are tenant tables, and the catalog half of the isolation check.
#include "verify/isolation.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace schemagen::testing {
namespace {

constexpr const char* kSchema =
    "schema s { tenant Company  timestamp 20260101000000 }\n"
    "entity Company global { name string(255) }\n"
    "entity Country global no_soft_delete { code string(2) unique }\n"
    "entity User { email string(255) unique }\n";

TEST(IsolationTest, TenantTablesComeFromTheIrOrFromCompanyIdKeys) {
  Compiled c = CompileText(kSchema);
  ASSERT_TRUE(c.schema) << c.Rendered();
  const verify::Tenancy from_ir = verify::FindTenancy(&*c.schema, *c.schema);
  EXPECT_EQ(from_ir.tenant_table, "companies");
  ASSERT_EQ(from_ir.tables.size(), 1u);
  EXPECT_EQ(from_ir.tables[0].table, "users");
  EXPECT_EQ(from_ir.tables[0].column, "company_id");
  EXPECT_EQ(from_ir.tables[0].ref_column, "id");
  const verify::Tenancy by_name = verify::FindTenancy(nullptr, *c.schema);
  EXPECT_EQ(by_name.tenant_table, "companies");
  ASSERT_EQ(by_name.tables.size(), 1u);
  EXPECT_EQ(by_name.tables[0].table, "users");
}

TEST(IsolationTest, CatalogChecksNameTheKeyThatLeaks) {
  Compiled c = CompileText(kSchema);
  ASSERT_TRUE(c.schema) << c.Rendered();
  ir::Table users = *c.schema->FindTable("User");
  const verify::TenantTable tenant{"users", "company_id", "id"};
  verify::Tenancy tenancy;
  tenancy.tenant_table = "companies";
  tenancy.tables = {tenant};
  std::vector<std::string> passed;
  EXPECT_TRUE(verify::CheckStructure(users, tenant, tenancy, passed).empty());
  EXPECT_EQ(passed, (std::vector<std::string>{"foreign key users_company_id_fkey is ON DELETE "
                                              "CASCADE",
                                              "every unique key includes company_id"}));
  users.indexes.back().columns.erase(users.indexes.back().columns.begin());
  users.foreign_keys[0].on_delete = ir::Action::kSetNull;
  passed.clear();
  EXPECT_EQ(verify::CheckStructure(users, tenant, tenancy, passed),
            (std::vector<std::string>{
                "foreign key users_company_id_fkey is ON DELETE SET NULL, not CASCADE: deleting "
                "a company leaves its rows behind",
                "unique index users_company_id_email_key (email) does not include company_id: "
                "one company's value blocks every other company"}));
}

constexpr const char* kProtected =
    "schema s { tenant Company  timestamp 20260101000000  row_level_security true }\n"
    "entity Company global { name string(255) }\n"
    "entity Contact { name string(255) }\n"
    "entity Ticket { contact -> Contact; assignee -> Contact? }\n";

TEST(IsolationTest, ReferencesBetweenTenantTablesMustBeSameTenantKeys) {
  Compiled c = CompileText(kProtected);
  ASSERT_TRUE(c.schema) << c.Rendered();
  const verify::Tenancy tenancy = verify::FindTenancy(&*c.schema, *c.schema);
  EXPECT_TRUE(tenancy.same_tenant_references);
  EXPECT_TRUE(tenancy.row_level_security);
  EXPECT_EQ(tenancy.setting, "app.current_company_id");
  ir::Table tickets = *c.schema->FindTable("Ticket");
  const verify::TenantTable tenant{"tickets", "company_id", "id"};
  std::vector<std::string> passed;
  EXPECT_TRUE(verify::CheckStructure(tickets, tenant, tenancy, passed).empty());
  EXPECT_EQ(passed[0], "every reference to a tenant table is a same-tenant key (2)");
  EXPECT_EQ(passed[1], "row-level security enabled and forced, policy tickets_tenant_isolation");
  // A plain key, as an older schemagen (or a hand-written migration) made it.
  ir::ForeignKey& contact = tickets.foreign_keys[1];
  ASSERT_EQ(contact.columns, (std::vector<std::string>{"company_id", "contact_id"}));
  contact.columns = {"contact_id"};
  contact.ref_columns = {"id"};
  tickets.force_row_security = false;
  passed.clear();
  EXPECT_EQ(verify::CheckStructure(tickets, tenant, tenancy, passed),
            (std::vector<std::string>{
                "foreign key tickets_company_id_contact_id_fkey (contact_id) REFERENCES contacts "
                "does not include company_id: a row can point at another company's row",
                "row-level security is not forced: the table's owner (migrations, jobs) "
                "bypasses it"}));
}

TEST(IsolationTest, RowLevelSecurityIsLintedPerTable) {
  Compiled c = CompileText(kProtected);
  ASSERT_TRUE(c.schema) << c.Rendered();
  const verify::Tenancy tenancy = verify::FindTenancy(&*c.schema, *c.schema);
  ir::Table contacts = *c.schema->FindTable("Contact");
  const verify::TenantTable tenant{"contacts", "company_id", "id"};
  std::vector<std::string> passed;
  contacts.policies.clear();
  EXPECT_EQ(verify::CheckStructure(contacts, tenant, tenancy, passed),
            std::vector<std::string>{"row-level security has no policy: no company sees any row"});
  contacts.row_security = false;
  EXPECT_EQ(verify::CheckStructure(contacts, tenant, tenancy, passed),
            std::vector<std::string>{"row-level security is not enabled: every company's rows "
                                     "are visible to every company"});
  // Without the DSL, the setting comes from the database's policies.
  const verify::Tenancy read_back = verify::FindTenancy(nullptr, *c.schema);
  EXPECT_TRUE(read_back.row_level_security);
  EXPECT_TRUE(read_back.same_tenant_references);
  EXPECT_EQ(read_back.setting, "app.current_company_id");
}

}  // namespace
}  // namespace schemagen::testing
