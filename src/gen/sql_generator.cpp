// Writes the run's new migrations (the create migration, or an evolution's) as golang-migrate
// style .up.sql / .down.sql pairs.
#include "schemagen/generator.hpp"
#include "schemagen/sql.hpp"

namespace schemagen {
namespace {

class SqlGenerator final : public Generator {
 public:
  std::string_view name() const override { return "sql"; }

  void Generate(const ir::Schema& schema, const GenerationContext& context,
                OutputSink& sink) const override {
    for (const sql::Migration& m : context.migrations.added) {
      const std::string base = schema.migrations_dir + "/" + m.name;
      sink.Write(base + ".up.sql", sql::UpFile(schema, m));
      sink.Write(base + ".down.sql", sql::DownFile(schema, m));
    }
  }
};

}  // namespace

std::unique_ptr<Generator> MakeSqlGenerator() { return std::make_unique<SqlGenerator>(); }

}  // namespace schemagen
