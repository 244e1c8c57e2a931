// Google Benchmark micro-benchmarks of schemagen's phases on the synthetic schemas of
// bench/gen_schema.py: parse, semantic pass, check (both), each generator into a MemorySink,
// GenerateAll, a no-op CommitToDisk, and the schema diff (two states of one schema; IR and
// catalog form).
//
//   schemagen_phases_bench --schema_dir=DIR [--sizes=100,1000,10000] [benchmark flags...]
//
// DIR holds entities-N.dsl and entities-N-changed.dsl (gen_schema.py --changed). Inputs are read
// and compiled once per size, outside the timed loops; every iteration starts from the same
// state (a fresh sink, a fresh Diagnostics).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "gen/templates.hpp"  // Templates: the generators' context (no public factory yet)
#include "schemagen/driver.hpp"
#include "schemagen/history.hpp"
#include "schemagen/parser.hpp"
#include "schemagen/sema.hpp"
#include "schemagen/sql.hpp"

#if __has_include("schemagen/diff.hpp")
#include "schemagen/diff.hpp"
#define SCHEMAGEN_BENCH_DIFF 1
#endif

namespace {

namespace fs = std::filesystem;

std::string g_schema_dir;

// One synthetic schema, loaded and compiled once.
struct Input {
  std::string text;
  std::uint32_t entities = 0;
  schemagen::SourceManager sources;
  std::uint32_t file = 0;
  std::optional<schemagen::ast::File> ast;
  std::optional<schemagen::ir::Schema> schema;
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "phases_bench: can't read %s (run gen_schema.py first)\n", path.c_str());
    std::exit(2);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

schemagen::AnalyzeOptions Options() {
  schemagen::AnalyzeOptions options;
  options.timestamp_override = "20260101000000";
  return options;
}

// The compiled input `entities-<n><suffix>.dsl`; exits when it doesn't compile.
Input& Load(std::uint32_t n, const std::string& suffix = "") {
  static std::map<std::string, std::unique_ptr<Input>> cache;
  const std::string name = "entities-" + std::to_string(n) + suffix + ".dsl";
  std::unique_ptr<Input>& slot = cache[name];
  if (slot) return *slot;
  slot = std::make_unique<Input>();
  slot->entities = n;
  slot->text = ReadFile(fs::path(g_schema_dir) / name);
  slot->file = slot->sources.Add(name, slot->text);
  schemagen::Diagnostics diagnostics;
  slot->ast = schemagen::Parse(slot->sources, slot->file, diagnostics);
  if (slot->ast) slot->schema = schemagen::Analyze(*slot->ast, Options(), diagnostics);
  if (!slot->schema) {
    std::fputs(schemagen::RenderAll(diagnostics, slot->sources, {}).c_str(), stderr);
    std::exit(2);
  }
  return *slot;
}

void SetCounters(benchmark::State& state, const Input& input) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(input.text.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * input.entities);
  state.counters["entities"] = input.entities;
}

void Parse(benchmark::State& state, std::uint32_t n) {
  const Input& input = Load(n);
  for (auto _ : state) {
    schemagen::Diagnostics diagnostics;
    auto ast = schemagen::Parse(input.sources, input.file, diagnostics);
    benchmark::DoNotOptimize(ast);
  }
  SetCounters(state, input);
}

void Analyze(benchmark::State& state, std::uint32_t n) {
  const Input& input = Load(n);
  for (auto _ : state) {
    schemagen::Diagnostics diagnostics;
    auto schema = schemagen::Analyze(*input.ast, Options(), diagnostics);
    benchmark::DoNotOptimize(schema);
  }
  SetCounters(state, input);
}

// What `schemagen check` does between reading the file and printing: parse + semantic pass.
void Check(benchmark::State& state, std::uint32_t n) {
  Input& input = Load(n);  // Compile adds imported files to the sources: none here
  for (auto _ : state) {
    schemagen::Diagnostics diagnostics;
    auto schema = schemagen::Compile(input.sources, input.file, Options(), diagnostics);
    benchmark::DoNotOptimize(schema);
  }
  SetCounters(state, input);
}

void Generator(benchmark::State& state, std::uint32_t n, std::size_t index) {
  const Input& input = Load(n);
  schemagen::Diagnostics diagnostics;
  const schemagen::GenerateOptions options;
  const auto templates = schemagen::Templates::Load(options.templates_dir, diagnostics);
  const auto generators = schemagen::AllGenerators();
  // A first run: the create migration, as GenerateAll without a history makes it.
  schemagen::history::Update create;
  create.added.push_back(schemagen::sql::CreateMigration(*input.schema));
  create.latest = schemagen::history::CreateSteps(*input.schema);
  create.latest_migrations = create.added;
  const schemagen::GenerationContext context{options, *templates, diagnostics, create};
  std::size_t bytes = 0;
  for (auto _ : state) {
    schemagen::MemorySink sink;
    generators[index]->Generate(*input.schema, context, sink);
    state.PauseTiming();  // the sink's destruction is not the generator's
    bytes = 0;
    for (const auto& [path, content] : sink.files()) bytes += content.size();
    { schemagen::MemorySink discard = std::move(sink); }
    state.ResumeTiming();
  }
  if (diagnostics.HasErrors()) state.SkipWithError("the generator reported errors");
  SetCounters(state, input);
  state.counters["output_MB"] = static_cast<double>(bytes) / 1e6;
}

void GenerateAll(benchmark::State& state, std::uint32_t n) {
  const Input& input = Load(n);
  for (auto _ : state) {
    schemagen::Diagnostics diagnostics;
    schemagen::MemorySink sink;
    if (!schemagen::GenerateAll(*input.schema, {}, sink, diagnostics)) {
      state.SkipWithError("GenerateAll failed");
      break;
    }
    benchmark::DoNotOptimize(sink);
  }
  SetCounters(state, input);
}

// CommitToDisk when every file is already on disk with the same content: the no-op
// regeneration's write step (compare, write nothing).
void CommitNoop(benchmark::State& state, std::uint32_t n) {
  const Input& input = Load(n);
  schemagen::Diagnostics diagnostics;
  schemagen::MemorySink sink;
  if (!schemagen::GenerateAll(*input.schema, {}, sink, diagnostics)) {
    state.SkipWithError("GenerateAll failed");
    return;
  }
  const fs::path root =
      fs::temp_directory_path() / ("schemagen-bench-noop-" + std::to_string(n) + "-" +
                                   std::to_string(static_cast<long>(::getpid())));
  fs::remove_all(root);
  const auto first = schemagen::CommitToDisk(sink.files(), root.string());
  if (!first.error.empty()) {
    state.SkipWithError(first.error.c_str());
    return;
  }
  std::size_t written = 0;
  for (auto _ : state) {
    const auto report = schemagen::CommitToDisk(sink.files(), root.string());
    written = report.written.size();
  }
  fs::remove_all(root);
  if (written != 0) state.SkipWithError("the no-op commit wrote files");
  SetCounters(state, input);
}

#ifdef SCHEMAGEN_BENCH_DIFF
// Two 10,000-entity states that differ in one field: the evolution diff's input.
void DiffIr(benchmark::State& state, std::uint32_t n) {
  const Input& from = Load(n);
  const Input& to = Load(n, "-changed");
  std::size_t changes = 0;
  for (auto _ : state) {
    auto result = schemagen::diff::Diff(*from.schema, *to.schema);
    changes = result.size();
    benchmark::DoNotOptimize(result);
  }
  if (changes != 1) state.SkipWithError("expected exactly one change");
  SetCounters(state, from);
}

// The verification diff: an expected catalog against an inspected one (here both made from
// the IR, so only the comparison is timed; inspecting needs a database).
void DiffCatalog(benchmark::State& state, std::uint32_t n) {
  const Input& from = Load(n);
  const Input& to = Load(n, "-changed");
  schemagen::inspect::Catalog expected{"public", *from.schema, {}};
  schemagen::inspect::Catalog found{"public", *to.schema, {}};
  for (auto _ : state) {
    auto result = schemagen::diff::Diff(expected, found);
    benchmark::DoNotOptimize(result);
  }
  SetCounters(state, from);
}
#endif

std::vector<std::uint32_t> ParseSizes(const std::string& list) {
  std::vector<std::uint32_t> sizes;
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, ',');) {
    if (!item.empty()) sizes.push_back(static_cast<std::uint32_t>(std::stoul(item)));
  }
  return sizes;
}

template <typename F, typename... Args>
void Register(const std::string& name, std::uint32_t n, F f, Args... args) {
  benchmark::RegisterBenchmark((name + "/" + std::to_string(n)).c_str(), f, n, args...)
      ->Unit(benchmark::kMillisecond)
      ->MeasureProcessCPUTime()
      ->UseRealTime();
}

}  // namespace

int main(int argc, char** argv) {
  std::string sizes = "100,1000,10000";
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--schema_dir=", 0) == 0) {
      g_schema_dir = arg.substr(13);
    } else if (arg.rfind("--sizes=", 0) == 0) {
      sizes = arg.substr(8);
    } else {
      rest.push_back(argv[i]);
    }
  }
  if (g_schema_dir.empty()) {
    const char* env = std::getenv("SCHEMAGEN_BENCH_SCHEMAS");
    g_schema_dir = env != nullptr ? env : "bench-schemas";
  }
  const auto generators = schemagen::AllGenerators();
  for (std::uint32_t n : ParseSizes(sizes)) {
    Register("parse", n, Parse);
    Register("sema", n, Analyze);
    Register("check", n, Check);
    for (std::size_t i = 0; i < generators.size(); ++i) {
      Register("gen_" + std::string(generators[i]->name()), n, Generator, i);
    }
    Register("generate_all", n, GenerateAll);
    Register("commit_noop", n, CommitNoop);
#ifdef SCHEMAGEN_BENCH_DIFF
    Register("diff_ir", n, DiffIr);
    Register("diff_catalog", n, DiffCatalog);
#endif
  }
  int rest_argc = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_argc, rest.data());
  if (benchmark::ReportUnrecognizedArguments(rest_argc, rest.data())) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
