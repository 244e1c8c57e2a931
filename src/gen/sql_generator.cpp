// Writes the create migration as golang-migrate style SQL files.
#include "schemagen/generator.hpp"
#include "schemagen/sql.hpp"

namespace schemagen {
namespace {

class SqlGenerator final : public Generator {
 public:
  std::string_view name() const override { return "sql"; }

  void Generate(const ir::Schema& schema, const GenerationContext&,
                OutputSink& sink) const override {
    const sql::Migration m = sql::CreateMigration(schema);
    const std::string base = schema.migrations_dir + "/" + m.name;
    sink.Write(base + ".up.sql", sql::UpFile(schema, m));
    sink.Write(base + ".down.sql", sql::DownFile(schema, m));
  }
};

}  // namespace

std::unique_ptr<Generator> MakeSqlGenerator() { return std::make_unique<SqlGenerator>(); }

}  // namespace schemagen
