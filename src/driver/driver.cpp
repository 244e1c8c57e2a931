#include "schemagen/driver.hpp"
#include "schemagen/sql.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <ctime>
#include <exception>
#include <filesystem>
#include <functional>
#include <set>
#include <system_error>
#include <thread>

#include "gen/templates.hpp"
#include "schemagen/parser.hpp"
#include "schemagen/text.hpp"

namespace schemagen {

namespace {

// Runs task(0) ... task(count - 1) on up to `jobs` threads, the calling one included, each
// task taken by the first free thread in index order. Tasks share nothing writable; the
// caller merges their results in a fixed order, so the output does not depend on the
// scheduling. An exception a task threw is rethrown once every thread is done.
template <typename F>
void RunTasks(std::size_t count, unsigned jobs, F task) {
  std::atomic<std::size_t> next{0};
  std::vector<std::exception_ptr> errors(count);
  const auto worker = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      try {
        task(i);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < std::min<std::size_t>(jobs, count); ++t) {
    try {
      threads.emplace_back(worker);
    } catch (const std::system_error&) {
      break;  // no more threads: the ones running take the remaining tasks
    }
  }
  worker();
  for (std::thread& thread : threads) thread.join();
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
}

// Loads a file and, depth first, the files it imports; each file once, imports before the
// importer, so declarations keep a stable order. A file that imports itself, directly or not,
// is an error at the import that closes the cycle.
class ProgramLoader {
 public:
  ProgramLoader(const FileSystem& fs, SourceManager& sources, Diagnostics& diagnostics)
      : fs_(fs), sources_(sources), diagnostics_(diagnostics) {}

  void Load(std::uint32_t file) {
    const std::string key = Key(sources_.file(file).name());
    if (root_.empty()) {  // the schema given on the command line: imports stay below its directory
      const std::filesystem::path dir = std::filesystem::path(key).parent_path();
      root_ = dir.empty() ? "." : dir.string();
      real_root_ = fs_.RealPath(root_);
    }
    std::optional<ast::File> parsed = Parse(sources_, file, diagnostics_);
    if (!parsed) return;
    stack_.push_back(key);
    loaded_.insert(key);
    const std::filesystem::path dir =
        std::filesystem::path(sources_.file(file).name()).parent_path();
    for (const ast::Import& import : parsed->imports) LoadImport(dir, import);
    stack_.pop_back();
    files_.push_back(std::move(*parsed));
  }

  ast::File Merged() {
    ast::File merged;
    for (ast::File& f : files_) {
      for (auto& s : f.schemas) merged.schemas.push_back(std::move(s));
      for (auto& e : f.enums) merged.enums.push_back(std::move(e));
      for (auto& e : f.entities) merged.entities.push_back(std::move(e));
    }
    return merged;
  }

 private:
  static std::string Key(const std::string& name) {
    return std::filesystem::path(name).lexically_normal().string();
  }

  // Why `import` may not be read, empty when it may: an import names a .dsl file inside the
  // root schema's directory tree, after every symbolic link (the schema is not trusted to
  // read files elsewhere; docs/security.md).
  std::string Outside(const std::string& path, const ast::Import& import) const {
    if (std::filesystem::path(import.path).is_absolute()) return "is an absolute path";
    if (!std::filesystem::path(import.path).has_extension() ||
        std::filesystem::path(import.path).extension() != ".dsl")
      return "is not a .dsl file";
    auto within = [](const std::filesystem::path& p, const std::filesystem::path& root) {
      const std::filesystem::path relative = p.lexically_relative(root);
      return !relative.empty() && *relative.begin() != "..";
    };
    if (!within(path, root_) || !within(fs_.RealPath(path), std::filesystem::path(real_root_))) {
      return "leads outside the schema's directory";
    }
    return "";
  }

  void LoadImport(const std::filesystem::path& dir, const ast::Import& import) {
    const std::string path = (dir / import.path).lexically_normal().string();
    if (const std::string why = Outside(path, import); !why.empty()) {
      diagnostics_
          .Error("E0149", import.span,
                 "import \"" + text::EscapeControls(import.path) + "\" " + why)
          .notes.push_back(
              {"a schema imports .dsl files in its own directory or below it (" + root_ + ")",
               std::nullopt});
      return;
    }
    if (auto it = std::find(stack_.begin(), stack_.end(), path); it != stack_.end()) {
      std::string cycle;
      for (; it != stack_.end(); ++it) cycle += *it + " -> ";
      diagnostics_.Error("E0140", import.span, "import cycle: " + cycle + path);
      return;
    }
    if (loaded_.count(path) > 0) return;
    std::string error;
    std::optional<std::string> text = fs_.Read(path, error);
    if (!text) {
      diagnostics_.Error("E0141", import.span, "can't read imported file '" + path + "': " + error);
      return;
    }
    Load(sources_.Add(path, std::move(*text)));
  }

  const FileSystem& fs_;
  SourceManager& sources_;
  Diagnostics& diagnostics_;
  std::vector<std::string> stack_;
  std::set<std::string> loaded_;
  std::string root_;       ///< the root schema's directory
  std::string real_root_;  ///< ...with its symbolic links resolved
  std::vector<ast::File> files_;
};

}  // namespace

namespace {

// The migrations directory the schema header names (the first `migrations` setting), or the
// default: where the semantic pass will put it unless the header has an error.
std::string MigrationsDirOf(const ast::File& file) {
  if (!file.schemas.empty()) {
    for (const ast::Setting& setting : file.schemas.front().settings) {
      if (setting.key.text == "migrations" && setting.value.kind == ast::Literal::Kind::kString)
        return setting.value.text;
    }
  }
  return ir::Schema().migrations_dir;
}

// Parses and analyzes; `beside(migrations_dir)`, when given, runs on another thread during the
// semantic pass (the history of the migrations directory the header names).
std::optional<ir::Schema> CompileWith(SourceManager& sources, std::uint32_t file_index,
                                      const AnalyzeOptions& options, Diagnostics& diagnostics,
                                      const FileSystem& fs,
                                      const std::function<void(const std::string&)>& beside) {
  ProgramLoader loader(fs, sources, diagnostics);
  loader.Load(file_index);
  if (diagnostics.HasErrors()) return std::nullopt;
  ast::File merged = loader.Merged();
  std::optional<ir::Schema> schema;
  if (beside) {
    const std::string migrations_dir = MigrationsDirOf(merged);
    RunTasks(2, 2, [&](std::size_t task) {
      if (task == 0) {
        schema = Analyze(std::move(merged), options, diagnostics);
      } else {
        beside(migrations_dir);
      }
    });
  } else {
    schema = Analyze(std::move(merged), options, diagnostics);
  }
  if (!schema) return std::nullopt;
  if (schema->postgres == 0 && !beside) schema->postgres = ir::kOldestPostgres;
  const std::string& name = sources.file(file_index).name();
  schema->source = name.substr(name.find_last_of('/') + 1);
  return schema;
}

}  // namespace

std::optional<ir::Schema> Compile(SourceManager& sources, std::uint32_t file_index,
                                  const AnalyzeOptions& options, Diagnostics& diagnostics,
                                  const FileSystem& fs) {
  return CompileWith(sources, file_index, options, diagnostics, fs, nullptr);
}

Compilation CompileWithHistory(SourceManager& sources, std::uint32_t file_index,
                               const AnalyzeOptions& options, const FileSystem& fs,
                               const std::string& root, const history::LoadOptions& load,
                               Diagnostics& diagnostics) {
  Compilation out;
  std::string loaded_dir;
  Diagnostics history_diagnostics;
  out.schema = CompileWith(
      sources, file_index, options, diagnostics, fs, [&](const std::string& migrations_dir) {
        loaded_dir = migrations_dir;
        out.history = history::Load(fs, root, migrations_dir, load, history_diagnostics);
      });
  if (!out.schema) {
    out.history.reset();
    return out;
  }
  if (loaded_dir != out.schema->migrations_dir) {  // not what the header seemed to say
    history_diagnostics = Diagnostics();
    out.history = history::Load(fs, root, out.schema->migrations_dir, load, history_diagnostics);
  }
  diagnostics.Append(std::move(history_diagnostics));
  // A target neither the header nor the command line names is the history's (so an existing
  // project's next migration uses the forms its last one did), else the oldest supported.
  if (out.schema->postgres == 0) {
    out.schema->postgres = out.history && !out.history->empty()
                               ? out.history->head()->schema.postgres
                               : ir::kOldestPostgres;
  }
  return out;
}

std::optional<ir::Schema> CompileFile(const FileSystem& fs, const std::string& path,
                                      SourceManager& sources, const AnalyzeOptions& options,
                                      Diagnostics& diagnostics) {
  std::string error;
  std::optional<std::string> text = fs.Read(path, error);
  if (!text) {
    diagnostics.Error("E0142", std::nullopt, "can't read '" + path + "': " + error);
    return std::nullopt;
  }
  return Compile(sources, sources.Add(path, std::move(*text)), options, diagnostics, fs);
}

std::vector<std::unique_ptr<Generator>> AllGenerators() {
  std::vector<std::unique_ptr<Generator>> generators;
  generators.push_back(MakeSqlGenerator());
  generators.push_back(MakeTsMigrationGenerator());
  generators.push_back(MakeModelsGenerator());
  generators.push_back(MakeDocsGenerator());
  return generators;
}

namespace {

// Every generator (and `beside`, when given: more work of the run that needs none of their
// output), each into a sink and diagnostics of its own, then merged in generator order.
bool GenerateConcurrently(const ir::Schema& schema, const GenerateOptions& options,
                          const history::Update& migrations, OutputSink& sink,
                          Diagnostics& diagnostics, const std::function<void()>& beside) {
  const std::optional<Templates> templates = Templates::Load(options.templates_dir, diagnostics);
  if (!templates) return false;
  const std::vector<std::unique_ptr<Generator>> generators = AllGenerators();
  struct Result {
    MemorySink sink;
    Diagnostics diagnostics;
  };
  std::vector<Result> results(generators.size());
  std::vector<std::function<void()>> tasks;
  if (beside) tasks.push_back(beside);
  for (std::size_t i = 0; i < generators.size(); ++i) {
    tasks.emplace_back([&, i] {
      const Templates own = *templates;  // a parse cache of its own
      const GenerationContext context{options, own, results[i].diagnostics, migrations};
      generators[i]->Generate(schema, context, results[i].sink);
    });
  }
  RunTasks(tasks.size(), options.jobs, [&](std::size_t i) { tasks[i](); });
  std::set<std::string> written;
  for (Result& result : results) {
    for (auto& [path, content] : result.sink.Take()) {
      if (!written.insert(path).second) {
        diagnostics.Error("E0705", std::nullopt,
                          "two outputs would be written to " + path +
                              ": give the schema's models, migrations and docs directories "
                              "places of their own");
        continue;
      }
      sink.Write(path, std::move(content));
    }
    diagnostics.Append(std::move(result.diagnostics));
  }
  return !diagnostics.HasErrors();
}

}  // namespace

bool GenerateAll(const ir::Schema& schema, const GenerateOptions& options,
                 const history::Update& migrations, OutputSink& sink, Diagnostics& diagnostics) {
  return GenerateConcurrently(schema, options, migrations, sink, diagnostics, nullptr);
}

bool GenerateAll(const ir::Schema& schema, const GenerateOptions& options, OutputSink& sink,
                 Diagnostics& diagnostics) {
  history::Update create;
  create.added.push_back(sql::CreateMigration(schema));
  create.latest = history::CreateSteps(schema);
  create.latest_migrations = create.added;
  return GenerateAll(schema, options, create, sink, diagnostics);
}

std::optional<history::Update> Plan(const ir::Schema& schema, const FileSystem& fs,
                                    const std::string& root, const RunOptions& options,
                                    Diagnostics& diagnostics) {
  const std::optional<history::History> history =
      history::Load(fs, root, schema.migrations_dir, options.load, diagnostics);
  if (!history) return std::nullopt;
  return Plan(schema, *history, options, diagnostics);
}

std::optional<history::Update> Plan(const ir::Schema& schema, const history::History& history,
                                    const RunOptions& options, Diagnostics& diagnostics) {
  return history::PlanRun(history, schema, options.plan, diagnostics);
}

std::optional<history::Update> Generate(const ir::Schema& schema, const FileSystem& fs,
                                        const std::string& root, const RunOptions& options,
                                        MemorySink& sink, Diagnostics& diagnostics) {
  const std::optional<history::History> history =
      history::Load(fs, root, schema.migrations_dir, options.load, diagnostics);
  if (!history) return std::nullopt;
  return Generate(schema, *history, options, sink, diagnostics);
}

std::optional<history::Update> Generate(const ir::Schema& schema, const history::History& history,
                                        const RunOptions& options, MemorySink& sink,
                                        Diagnostics& diagnostics) {
  std::optional<history::Update> update =
      history::PlanRun(history, schema, options.plan, diagnostics);
  if (!update) return std::nullopt;
  // The new snapshot (the largest file of a first run) is written beside the generators.
  std::optional<history::File> snapshot;
  const auto record = [&] { snapshot = history::NewSnapshot(history, schema, *update); };
  if (!GenerateConcurrently(schema, options.generate, *update, sink, diagnostics, record))
    return std::nullopt;
  history::Record(history, schema, *update, std::move(snapshot), sink);
  return update;
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
