// The command line: a thin shell over the driver. Exit codes: 0 success, 1 diagnostics or an
// I/O failure, 2 usage errors.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "schemagen/driver.hpp"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitDiagnostics = 1;
constexpr int kExitUsage = 2;

struct Options {
  std::string input;
  std::string output = ".";
  std::string timestamp;
  std::string color = "auto";
  bool quiet = false;
  schemagen::GenerateOptions generate;
};

bool UseColor(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  return (no_color == nullptr || *no_color == '\0') && isatty(STDERR_FILENO) != 0;
}

bool ReadInput(const std::string& path, std::string& text) {
  std::ostringstream buffer;
  if (path == "-") {
    buffer << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    buffer << in.rdbuf();
  }
  text = buffer.str();
  return true;
}

// Parses, analyzes and (unless check_only) generates. Nothing is written unless the whole run
// succeeded.
int Run(const Options& options, bool check_only) {
  std::string text;
  if (!ReadInput(options.input, text)) {
    std::cerr << "schemagen: error: can't read '" << options.input << "': " << std::strerror(errno)
              << "\n";
    return kExitDiagnostics;
  }
  schemagen::SourceManager sources;
  const auto file = sources.Add(options.input == "-" ? "<stdin>" : options.input, std::move(text));
  schemagen::AnalyzeOptions analyze;
  if (!options.timestamp.empty()) analyze.timestamp_override = options.timestamp;
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    analyze.timestamp_fallback = schemagen::TimestampFromEpoch(epoch);
    if (!analyze.timestamp_fallback) {
      std::cerr << "schemagen: error: SOURCE_DATE_EPOCH='" << epoch
                << "' is not a number of seconds since 1970\n";
      return kExitUsage;
    }
  }
  schemagen::Diagnostics diagnostics;
  const auto schema = schemagen::Compile(sources, file, analyze, diagnostics);
  std::cerr << schemagen::RenderAll(diagnostics, sources, {UseColor(options.color), 50});
  if (!schema) return kExitDiagnostics;
  if (check_only) {
    if (!options.quiet) {
      std::cout << sources.file(file).name() << ": ok (" << schema->tables.size() << " tables, "
                << schema->enums.size() << " enums)\n";
    }
    return kExitOk;
  }
  schemagen::MemorySink sink;
  if (!schemagen::GenerateAll(*schema, options.generate, sink, diagnostics)) {
    std::cerr << schemagen::RenderAll(diagnostics, sources, {UseColor(options.color), 50});
    return kExitDiagnostics;
  }
  const schemagen::WriteReport report = schemagen::CommitToDisk(sink.files(), options.output);
  if (!options.quiet) {
    for (const std::string& path : report.written) std::cout << "wrote     " << path << "\n";
    for (const std::string& path : report.unchanged) std::cout << "unchanged " << path << "\n";
  }
  if (!report.error.empty()) {
    std::cerr << "schemagen: error: " << report.error << "\n";
    return kExitDiagnostics;
  }
  if (!options.quiet) {
    std::cout << "schemagen: " << report.written.size() << " written, " << report.unchanged.size()
              << " unchanged in " << options.output << "\n";
  }
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"schemagen: entities DSL -> PostgreSQL migrations for multi-tenant backends",
               "schemagen"};
  app.set_version_flag("--version", std::string("schemagen ") + SCHEMAGEN_VERSION);
  Options options;
  app.add_option("file", options.input, "The schema file (.dsl), or - for standard input");
  app.add_option("-o,--output", options.output, "Output directory (default: the current one)");
  app.add_option("--timestamp", options.timestamp,
                 "Migration timestamp YYYYMMDDHHMMSS (overrides the schema header)")
      ->check([](const std::string& v) {
        return v.size() == 14 && v.find_first_not_of("0123456789") == std::string::npos
                   ? std::string()
                   : std::string("expected YYYYMMDDHHMMSS, 14 digits");
      });
  app.add_option("--color", options.color, "Colour diagnostics: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("-q,--quiet", options.quiet, "Print only diagnostics");
  app.add_option("--sequelize", options.generate.sequelize,
                 "Sequelize major version of the TypeScript: 6 (sequelize-typescript 2) or 5 "
                 "(sequelize-typescript 1.1)")
      ->check(CLI::IsMember({5, 6}));
  app.add_option("--doc-lang", options.generate.doc_lang,
                 "Language of the schema-change document and MODELS.md: pt (default) or en")
      ->check(CLI::IsMember({"pt", "en"}));
  app.add_option("--templates", options.generate.templates_dir,
                 "Directory of .mustache files replacing built-in templates of the same name");

  Options check_options;
  CLI::App* check = app.add_subcommand("check", "Parse, validate and lint without writing");
  check->add_option("file", check_options.input, "The schema file, or - for standard input")
      ->required();
  check->add_option("--color", check_options.color, "Colour diagnostics: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  check->add_flag("-q,--quiet", check_options.quiet, "Print only diagnostics");

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  if (check->parsed()) return Run(check_options, /*check_only=*/true);
  if (options.input.empty()) {
    std::cerr << "schemagen: error: no schema file given\n" << app.help();
    return kExitUsage;
  }
  return Run(options, /*check_only=*/false);
}
