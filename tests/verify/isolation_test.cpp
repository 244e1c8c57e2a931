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
  std::vector<std::string> passed;
  EXPECT_TRUE(verify::CheckStructure(users, tenant, "companies", passed).empty());
  EXPECT_EQ(passed, (std::vector<std::string>{"foreign key users_company_id_fkey is ON DELETE "
                                              "CASCADE",
                                              "every unique key includes company_id"}));
  users.indexes.back().columns.erase(users.indexes.back().columns.begin());
  users.foreign_keys[0].on_delete = ir::Action::kSetNull;
  passed.clear();
  EXPECT_EQ(verify::CheckStructure(users, tenant, "companies", passed),
            (std::vector<std::string>{
                "foreign key users_company_id_fkey is ON DELETE SET NULL, not CASCADE: deleting "
                "a company leaves its rows behind",
                "unique index users_company_id_email_key (email) does not include company_id: "
                "one company's value blocks every other company"}));
}

}  // namespace
}  // namespace schemagen::testing
