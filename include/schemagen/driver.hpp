// The pipeline in one place: text -> AST -> IR -> generators. The CLI and the tests both go
// through here, so they exercise the same path.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "schemagen/diagnostics.hpp"
#include "schemagen/file_system.hpp"
#include "schemagen/generator.hpp"
#include "schemagen/history.hpp"
#include "schemagen/ir.hpp"
#include "schemagen/output.hpp"
#include "schemagen/sema.hpp"
#include "schemagen/source.hpp"

namespace schemagen {

/// Parses and analyzes file `file_index` of `sources` and the files it imports (read through
/// `fs`, relative to the importing file). nullopt when any error was reported. The files read,
/// in `sources`, are the run's inputs (for depfiles).
[[nodiscard]] std::optional<ir::Schema> Compile(SourceManager& sources, std::uint32_t file_index,
                                                const AnalyzeOptions& options,
                                                Diagnostics& diagnostics,
                                                const FileSystem& fs = DiskFileSystem());

/// Reads `path` through `fs` into `sources` and compiles it with its imports. A file that
/// can't be read is an error diagnostic.
[[nodiscard]] std::optional<ir::Schema> CompileFile(const FileSystem& fs, const std::string& path,
                                                    SourceManager& sources,
                                                    const AnalyzeOptions& options,
                                                    Diagnostics& diagnostics);

/// A compiled schema and the migration history next to it.
struct Compilation {
  std::optional<ir::Schema> schema;         ///< nullopt when any error was reported
  std::optional<history::History> history;  ///< nullopt without a schema or when unreadable
};

/// Compile, with the history of the schema's migrations directory under `root` loaded on
/// another thread during the semantic pass (on a large schema the two take about as long).
/// Diagnostics: the compilation's, then the history's (none when the compilation failed).
[[nodiscard]] Compilation CompileWithHistory(SourceManager& sources, std::uint32_t file_index,
                                             const AnalyzeOptions& options, const FileSystem& fs,
                                             const std::string& root,
                                             const history::LoadOptions& load,
                                             Diagnostics& diagnostics);

/// Every generator, in the order they run.
std::vector<std::unique_ptr<Generator>> AllGenerators();

/// Runs every generator on `schema` into `sink`. Returns false (with diagnostics) when the
/// templates can't be loaded or rendered; the sink may then hold a partial set of files.
[[nodiscard]] bool GenerateAll(const ir::Schema& schema, const GenerateOptions& options,
                               OutputSink& sink, Diagnostics& diagnostics);

/// Runs every generator for the migrations of `migrations` (see GenerationContext).
[[nodiscard]] bool GenerateAll(const ir::Schema& schema, const GenerateOptions& options,
                               const history::Update& migrations, OutputSink& sink,
                               Diagnostics& diagnostics);

/// Choices of a whole generation run with its history.
struct RunOptions {
  GenerateOptions generate;
  history::LoadOptions load;
  history::PlanOptions plan;
};

/// A generation run as the CLI does it: loads the migration history under `root` (through
/// `fs`), plans the new migrations (the create migration without a history, an evolution
/// otherwise, nothing when the schema is unchanged), runs every generator into `sink` and
/// records the history there (the existing migrations and snapshots unchanged, the new
/// snapshot, schemagen.sum). Returns the run's update; nullopt with diagnostics on any error,
/// `sink` then holding a partial set that must not be written.
[[nodiscard]] std::optional<history::Update> Generate(const ir::Schema& schema,
                                                      const FileSystem& fs, const std::string& root,
                                                      const RunOptions& options, MemorySink& sink,
                                                      Diagnostics& diagnostics);

/// Generate with the history already loaded (CompileWithHistory).
[[nodiscard]] std::optional<history::Update> Generate(const ir::Schema& schema,
                                                      const history::History& history,
                                                      const RunOptions& options, MemorySink& sink,
                                                      Diagnostics& diagnostics);

/// What Generate would plan, without running the generators or writing anything (`schemagen
/// plan`): the history loaded and checked, and the run's update.
[[nodiscard]] std::optional<history::Update> Plan(const ir::Schema& schema, const FileSystem& fs,
                                                  const std::string& root,
                                                  const RunOptions& options,
                                                  Diagnostics& diagnostics);

/// Plan with the history already loaded (CompileWithHistory).
[[nodiscard]] std::optional<history::Update> Plan(const ir::Schema& schema,
                                                  const history::History& history,
                                                  const RunOptions& options,
                                                  Diagnostics& diagnostics);

/// A SOURCE_DATE_EPOCH value (seconds since 1970, UTC) as YYYYMMDDHHMMSS; nullopt if invalid.
std::optional<std::string> TimestampFromEpoch(const std::string& seconds);

}  // namespace schemagen
