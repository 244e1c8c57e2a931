// The inspector's pure parts; reading a live catalog is covered by tests/verify/*.sh.
#include "pg/inspect.hpp"

#include <gtest/gtest.h>

#include "pg/session.hpp"

namespace schemagen::testing {
namespace {

TEST(InspectTest, FormatTypeTextBecomesTheIrType) {
  EXPECT_EQ(pg::TypeFromPg("character varying(255)").kind, ir::TypeKind::kString);
  EXPECT_EQ(pg::TypeFromPg("character varying(255)").length, 255);
  const ir::Type money = pg::TypeFromPg("numeric(12,2)");
  EXPECT_EQ(money.kind, ir::TypeKind::kDecimal);
  EXPECT_EQ(ir::PgTypeName(money), "numeric(12,2)");
  for (const char* name :
       {"text", "integer", "bigint", "smallint", "numeric", "real", "double precision", "boolean",
        "date", "timestamp with time zone", "uuid", "json", "jsonb"}) {
    const ir::Type type = pg::TypeFromPg(name);
    EXPECT_TRUE(type.pg_name.empty()) << name;
    EXPECT_EQ(ir::PgTypeName(type), name);
  }
  for (const char* name :
       {"bytea", "text[]", "character varying", "timestamp without time zone", "character(2)"}) {
    EXPECT_EQ(ir::PgTypeName(pg::TypeFromPg(name)), name);
  }
}

TEST(InspectTest, ConnectionStringsAreParsedByLibpqAndNeverEchoed) {
  Diagnostics d;
  const auto info = pg::ParseConnInfo("postgresql://schemagen:s3cret@127.0.0.1:55432/schemagen", d);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->WithDatabase("scratch").ToString(),
            "user='schemagen' password='s3cret' host='127.0.0.1' port='55432' dbname='scratch'");
  EXPECT_FALSE(pg::ParseConnInfo("postgresql://u:s3cret@host:notaport/db?bogus=1", d));
  ASSERT_EQ(d.all().size(), 1u);
  EXPECT_EQ(d.all()[0].code, "E0803");
  EXPECT_EQ(d.all()[0].message.find("s3cret"), std::string::npos) << d.all()[0].message;
}

}  // namespace
}  // namespace schemagen::testing
