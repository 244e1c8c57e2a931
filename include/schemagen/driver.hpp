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

/// Every generator, in the order they run.
std::vector<std::unique_ptr<Generator>> AllGenerators();

/// Runs every generator on `schema` into `sink`. Returns false (with diagnostics) when the
/// templates can't be loaded or rendered; the sink may then hold a partial set of files.
[[nodiscard]] bool GenerateAll(const ir::Schema& schema, const GenerateOptions& options,
                               OutputSink& sink, Diagnostics& diagnostics);

/// A SOURCE_DATE_EPOCH value (seconds since 1970, UTC) as YYYYMMDDHHMMSS; nullopt if invalid.
std::optional<std::string> TimestampFromEpoch(const std::string& seconds);

}  // namespace schemagen
