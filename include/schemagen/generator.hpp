// The generator interface (protoc's CodeGenerator, flatc's one-file-per-language): each
// generator reads only the IR and writes only through the sink. Generators are registered
// explicitly in driver.cpp, never through static initialisers.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "schemagen/diagnostics.hpp"
#include "schemagen/history.hpp"
#include "schemagen/ir.hpp"
#include "schemagen/output.hpp"

namespace schemagen {

class Templates;

/// Choices of one generation run.
struct GenerateOptions {
  /// Sequelize major version the TypeScript targets: 6 (sequelize-typescript 2) or 5
  /// (sequelize-typescript 1.1).
  int sequelize = 6;
  /// A directory whose *.mustache files replace the built-in templates of the same name.
  std::string templates_dir;
  /// Language of the schema-change document and MODELS.md: "pt" (Brazilian Portuguese, the
  /// team's) or "en".
  std::string doc_lang = "pt";
  /// Threads the generators run on (each generator, and the snapshot, is one task; the output
  /// is the same for any number). 0: one per core.
  unsigned jobs = 0;
};

/// What a generator may use besides the IR: the options, the templates, and a sink for
/// problems (a template that names a value its view model lacks, for instance).
struct GenerationContext {
  const GenerateOptions& options;
  const Templates& templates;
  Diagnostics& diagnostics;
  /// The migrations this run adds (the create migration on the first run, an evolution's
  /// ALTER migrations later, none when the schema is unchanged) and the latest change.
  const history::Update& migrations;
};

/// The file names of the built-in templates ("model.ts.mustache", ...), which `--templates`
/// files may replace.
std::vector<std::string> BuiltInTemplateNames();

class Generator {
 public:
  virtual ~Generator() = default;
  /// A short stable name, like "sql".
  virtual std::string_view name() const = 0;
  virtual void Generate(const ir::Schema& schema, const GenerationContext& context,
                        OutputSink& sink) const = 0;
};

/// The PostgreSQL DDL pair `<migrations>/<timestamp>-create-<feature>.up.sql` / `.down.sql`.
std::unique_ptr<Generator> MakeSqlGenerator();
/// sequelize-typescript models: `<models>/<Model>.ts`, `enums.ts`, `index.ts`.
std::unique_ptr<Generator> MakeModelsGenerator();
/// The sequelize-cli migration `<migrations>/<timestamp>-create-<feature>.ts`.
std::unique_ptr<Generator> MakeTsMigrationGenerator();
/// `<docs>/schema-changes-<feature>.md` for reviewers and `docs/backend/MODELS.md`.
std::unique_ptr<Generator> MakeDocsGenerator();

}  // namespace schemagen
