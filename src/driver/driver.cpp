#include "schemagen/driver.hpp"

#include <cctype>
#include <ctime>

#include "gen/templates.hpp"
#include "schemagen/parser.hpp"

namespace schemagen {

std::optional<ir::Schema> Compile(const SourceManager& sources, std::uint32_t file_index,
                                  const AnalyzeOptions& options, Diagnostics& diagnostics) {
  std::optional<ast::File> file = Parse(sources, file_index, diagnostics);
  if (!file) return std::nullopt;
  std::optional<ir::Schema> schema = Analyze(*file, options, diagnostics);
  if (!schema) return std::nullopt;
  const std::string& name = sources.file(file_index).name();
  schema->source = name.substr(name.find_last_of('/') + 1);
  return schema;
}

std::vector<std::unique_ptr<Generator>> AllGenerators() {
  std::vector<std::unique_ptr<Generator>> generators;
  generators.push_back(MakeSqlGenerator());
  generators.push_back(MakeTsMigrationGenerator());
  generators.push_back(MakeModelsGenerator());
  generators.push_back(MakeDocsGenerator());
  return generators;
}

bool GenerateAll(const ir::Schema& schema, const GenerateOptions& options, OutputSink& sink,
                 Diagnostics& diagnostics) {
  const std::optional<Templates> templates = Templates::Load(options.templates_dir, diagnostics);
  if (!templates) return false;
  const GenerationContext context{options, *templates, diagnostics};
  for (const auto& generator : AllGenerators()) generator->Generate(schema, context, sink);
  return !diagnostics.HasErrors();
}

std::optional<std::string> TimestampFromEpoch(const std::string& seconds) {
  if (seconds.empty() || seconds.size() > 12) return std::nullopt;
  for (char c : seconds) {
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) return std::nullopt;
  }
  const std::time_t t = static_cast<std::time_t>(std::stoll(seconds));
  std::tm tm{};
  if (gmtime_r(&t, &tm) == nullptr) return std::nullopt;
  char buffer[32];
  if (std::strftime(buffer, sizeof buffer, "%Y%m%d%H%M%S", &tm) != 14) return std::nullopt;
  return std::string(buffer);
}

}  // namespace schemagen
