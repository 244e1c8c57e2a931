#include "fuzz_entry.hpp"

#include <map>
#include <optional>
#include <string>

#include "schemagen/diagnostics.hpp"
#include "schemagen/driver.hpp"
#include "schemagen/evolve.hpp"
#include "schemagen/file_system.hpp"
#include "schemagen/format.hpp"
#include "schemagen/output.hpp"
#include "schemagen/parser.hpp"
#include "schemagen/source.hpp"
#include "schemagen/state.hpp"

namespace schemagen::fuzz {
namespace {

constexpr const char* kName = "fuzz.dsl";

void RenderEverything(const Diagnostics& diagnostics, const SourceManager& sources) {
  (void)RenderAll(diagnostics, sources, RenderOptions{});
  (void)RenderJson(diagnostics, sources);
}

std::optional<ir::Schema> CompileInput(std::string_view input, SourceManager& sources,
                                       Diagnostics& diagnostics) {
  MemoryFileSystem fs;
  fs.Add(kName, std::string(input));  // so `import "fuzz.dsl"` finds a cycle, not a hole
  AnalyzeOptions options;
  options.timestamp_fallback = "20260101000000";
  return CompileFile(fs, kName, sources, options, diagnostics);
}

RunOptions Options(std::string_view input) {
  RunOptions options;
  // Vary the output options with the input, so every template and word list is reached.
  options.generate.sequelize = input.size() % 2 == 0 ? 6 : 5;
  options.generate.doc_lang = input.size() % 3 == 0 ? "en" : "pt";
  options.plan.timestamp = "20260301120000";
  for (const char* safety : {"lock", "data-loss-down", "data-loss", "irreversible"}) {
    options.plan.plan.allow.push_back(*evolve::ParseAllowance(safety));
  }
  return options;
}

// One generation run over the files of `before`; the files after it, or nothing on an error.
std::optional<std::map<std::string, std::string>> Run(
    std::string_view input, const std::map<std::string, std::string>& before) {
  SourceManager sources;
  Diagnostics diagnostics;
  const auto schema = CompileInput(input, sources, diagnostics);
  std::optional<std::map<std::string, std::string>> out;
  if (schema) {
    MemoryFileSystem files;
    for (const auto& [path, content] : before) files.Add(path, content);
    MemorySink sink;
    if (schemagen::Generate(*schema, files, "", Options(input), sink, diagnostics)) {
      out = sink.files();
    }
  }
  RenderEverything(diagnostics, sources);
  return out;
}

}  // namespace

void Parse(std::string_view input) {
  SourceManager sources;
  Diagnostics diagnostics;
  const auto file = sources.Add(kName, std::string(input));
  if (const auto ast = schemagen::Parse(sources, file, diagnostics)) {
    (void)Format(*ast, sources.file(file));
  }
  RenderEverything(diagnostics, sources);
}

void Analyze(std::string_view input) {
  SourceManager sources;
  Diagnostics diagnostics;
  (void)CompileInput(input, sources, diagnostics);
  RenderEverything(diagnostics, sources);
}

void Generate(std::string_view input) { (void)Run(input, {}); }

void Evolve(std::string_view input) {
  const auto split = input.find(kEvolveSeparator);
  if (split == std::string_view::npos) return;
  const auto first = Run(input.substr(0, split), {});
  if (!first) return;
  (void)Run(input.substr(split + kEvolveSeparator.size()), *first);
}

void State(std::string_view input) {
  Diagnostics diagnostics;
  const auto snapshot = state::FromJson(input, "fuzz.json", diagnostics);
  if (!snapshot) return;
  Diagnostics again;
  // What loaded writes back to JSON that loads (a snapshot schemagen wrote always reads back).
  (void)state::FromJson(state::ToJson(*snapshot), "fuzz.json", again);
}

const std::vector<Target>& Targets() {
  static const std::vector<Target> targets = {
      {"parse", &Parse},   {"analyze", &Analyze}, {"generate", &Generate},
      {"evolve", &Evolve}, {"state", &State},
  };
  return targets;
}

}  // namespace schemagen::fuzz
