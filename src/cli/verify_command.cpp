#include <unistd.h>

#include <iostream>
#include <string>

#include "cli/cli.hpp"
#include "schemagen/diagnostics.hpp"
#include "schemagen/driver.hpp"
#include "schemagen/file_system.hpp"
#include "schemagen/source.hpp"
#include "schemagen/verify.hpp"

namespace schemagen::cli {

int RunVerify(const VerifyArgs& args) {
  if (args.input.empty() && args.migrations.empty()) {
    std::cerr << "schemagen: error: verify needs a schema file or --migrations DIR\n";
    return kExitUsage;
  }
  schemagen::SourceManager sources;
  schemagen::Diagnostics diagnostics;
  schemagen::verify::Options options;
  options.migrations_dir = args.migrations;
  options.database = args.database;
  options.postgres_bin = args.postgres_bin;
  options.connect_timeout = args.connect_timeout;
  options.statement_timeout = args.statement_timeout;
  options.isolation = !args.no_isolation;
  options.progress = isatty(STDERR_FILENO) != 0;
  if (!args.input.empty()) {
    schemagen::AnalyzeOptions analyze;
    analyze.timestamp_fallback = "19700101000000";  // verify reads the migrations from disk
    options.expected = schemagen::CompileFile(schemagen::DiskFileSystem(), args.input, sources,
                                              analyze, diagnostics);
    std::cerr << schemagen::RenderAll(diagnostics, sources, {UseColor(args.color), 50});
    if (!options.expected) return kExitDiagnostics;
    options.expected_name = args.input.substr(args.input.find_last_of('/') + 1);
    if (options.migrations_dir.empty()) {
      options.migrations_dir = args.output + "/" + options.expected->migrations_dir;
    }
  }
  schemagen::Diagnostics run_diagnostics;
  const auto report = schemagen::verify::Run(options, run_diagnostics);
  const bool shown = report && !report->scratch.empty();  // else it stopped before it began
  if (args.format == "json") {
    std::cout << schemagen::verify::RenderJson(shown ? &*report : nullptr, run_diagnostics);
  } else if (shown) {
    std::cout << schemagen::verify::RenderText(*report);
  }
  std::cerr << schemagen::RenderAll(run_diagnostics, sources, {UseColor(args.color), 50});
  if (report && report->signal != 0) return 128 + report->signal;
  return report && report->ok() && !run_diagnostics.HasErrors() ? kExitOk : kExitDiagnostics;
}

}  // namespace schemagen::cli
