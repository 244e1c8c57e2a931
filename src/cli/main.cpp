// The command line: a thin shell over the driver. Exit codes: 0 success, 1 diagnostics or an
// I/O failure, 2 usage errors.
#include <unistd.h>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>

#include "cli/cli.hpp"
#include "schemagen/driver.hpp"
#include "schemagen/format.hpp"
#include "schemagen/history.hpp"
#include "schemagen/output_lock.hpp"
#include "schemagen/stamp.hpp"
#include "schemagen/state.hpp"
#include "schemagen/text.hpp"
#include "schemagen/verify.hpp"

namespace {

using schemagen::cli::FmtArgs;
using schemagen::cli::kExitDiagnostics;
using schemagen::cli::kExitOk;
using schemagen::cli::kExitUsage;
using schemagen::cli::ReadInput;
using schemagen::cli::RunFmt;
using schemagen::cli::RunVerify;
using schemagen::cli::UseColor;
using schemagen::cli::VerifyArgs;

struct Options {
  std::string input;
  std::string output = ".";
  std::string timestamp;
  int postgres = 0;  ///< --postgres: the target major, 0 when not given
  std::string color = "auto";
  std::string diagnostics_format = "text";
  std::string depfile;
  std::string depfile_target;
  bool quiet = false;
  bool force = false;
  bool check = false;
  bool list_outputs = false;
  bool list_inputs = false;
  bool rehash = false;
  bool dry_run = false;              ///< plan: print the plan and the SQL, write nothing
  bool exit_code = false;            ///< plan: exit 3 when a migration would be generated
  std::string plan_format = "text";  ///< plan: text or json
  std::vector<std::string> allow;
  schemagen::GenerateOptions generate;
  std::vector<std::string> arguments;  ///< the whole command line, for the no-op stamp
};

constexpr int kExitPlanned = 3;  // plan --exit-code: a migration would be generated

void PrintDiagnostics(const Options& options, const schemagen::Diagnostics& diagnostics,
                      const schemagen::SourceManager& sources) {
  if (options.diagnostics_format == "json") {
    std::cout << schemagen::RenderJson(diagnostics, sources);
  } else {
    std::cerr << schemagen::RenderAll(diagnostics, sources, {UseColor(options.color), 50});
  }
}

// Every file a run reads: the schema, its imports, and the template overrides in use.
std::vector<std::string> Inputs(const Options& options, const schemagen::SourceManager& sources) {
  std::vector<std::string> inputs;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const std::string& name = sources.file(static_cast<std::uint32_t>(i)).name();
    if (name != "<stdin>") inputs.push_back(name);
  }
  if (!options.generate.templates_dir.empty()) {
    for (const std::string& name : schemagen::BuiltInTemplateNames()) {
      const std::string path = options.generate.templates_dir + "/" + name;
      if (std::ifstream(path).good()) inputs.push_back(path);
    }
  }
  return inputs;
}

std::string Joined(const std::string& root, const std::string& path) {
  return root == "." ? path : root + "/" + path;
}

// --check: what a run would change, without writing. Exit 1 when anything is stale.
int ReportCheck(const Options& options, const schemagen::WriteReport& report) {
  for (const std::string& path : report.written) {
    const bool exists = std::ifstream(Joined(options.output, path)).good();
    std::cout << (exists ? "stale    " : "missing  ") << Joined(options.output, path) << "\n";
  }
  for (const std::string& path : report.removed) {
    std::cout << "extra    " << Joined(options.output, path)
              << " (generated before, no longer produced)\n";
  }
  if (report.UpToDate()) {
    if (!options.quiet) std::cout << "schemagen: " << options.output << " is up to date\n";
    return kExitOk;
  }
  std::cout << "schemagen: " << report.written.size() + report.removed.size()
            << " generated files are out of date; run schemagen without --check\n";
  return kExitDiagnostics;
}

// The timestamp of a new evolution migration: --timestamp, else SOURCE_DATE_EPOCH, else now
// (UTC). The planner moves it past the last migration of the history when it isn't later.
std::string EvolutionTimestamp(const Options& options) {
  if (!options.timestamp.empty()) return options.timestamp;
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    if (auto t = schemagen::TimestampFromEpoch(epoch)) return *t;
  }
  return schemagen::TimestampFromEpoch(std::to_string(std::time(nullptr))).value_or("");
}

// `schemagen plan`: the changes with their classification, then the SQL of each migration.
// `schemagen plan --format json`: the same facts for a CI job or a review bot.
int PrintPlanJson(const Options& options, const schemagen::ir::Schema& schema,
                  const schemagen::history::Update& update) {
  using nlohmann::json;
  json steps = json::array();
  if (update.plan) {
    for (const schemagen::evolve::Step& step : update.plan->steps) {
      steps.push_back({{"subject", step.subject},
                       {"table", step.table},
                       {"summary", step.summary},
                       {"class", schemagen::evolve::SafetyName(step.safety)},
                       {"hazard", schemagen::evolve::IsHazard(step.safety)},
                       {"reason", step.reason},
                       {"advice", step.advice}});
    }
  }
  json migrations = json::array();
  for (const schemagen::sql::Migration& m : update.added) {
    const std::string base = schema.migrations_dir + "/" + m.name;
    migrations.push_back({{"name", m.name},
                          {"transactional", m.transactional},
                          {"files", {base + ".ts", base + ".up.sql", base + ".down.sql"}},
                          {"up_sql", schemagen::sql::UpFile(schema, m)},
                          {"down_sql", schemagen::sql::DownFile(schema, m)}});
  }
  const char* status = !update.plan ? "no-history" : update.plan->empty() ? "unchanged" : "changes";
  const json out = {{"status", status}, {"steps", steps}, {"migrations", migrations}};
  std::cout << out.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  return options.exit_code && !update.added.empty() ? kExitPlanned : kExitOk;
}

int PrintPlan(const Options& options, const schemagen::ir::Schema& schema,
              const schemagen::history::Update& update) {
  if (options.plan_format == "json") return PrintPlanJson(options, schema, update);
  if (!update.plan) {
    std::cout << "schemagen: no history yet: the first run writes the create migration\n";
  } else if (update.plan->empty()) {
    std::cout << "schemagen: no changes: the schema matches the last snapshot\n";
    return kExitOk;
  } else {
    std::cout << "Planned changes (" << update.plan->steps.size() << "):\n";
    for (const schemagen::evolve::Step& step : update.plan->steps) {
      std::cout << "  [" << schemagen::evolve::SafetyName(step.safety) << "] " << step.summary
                << "\n      " << step.reason << "\n";
    }
  }
  for (const schemagen::sql::Migration& m : update.added) {
    std::cout << "\n== " << schema.migrations_dir << "/" << m.name << ".up.sql\n"
              << schemagen::sql::UpFile(schema, m) << "\n== " << schema.migrations_dir << "/"
              << m.name << ".down.sql\n"
              << schemagen::sql::DownFile(schema, m);
  }
  return options.exit_code && !update.added.empty() ? kExitPlanned : kExitOk;
}

// Everything a generating run depends on besides the files the stamp records: schemagen's
// binary (by identity, so a rebuild counts), the command line, the working directory (relative
// paths), SOURCE_DATE_EPOCH and the schema's text.
std::string StampKey(const Options& options, const std::string& text) {
  std::string key = std::string("schemagen ") + SCHEMAGEN_VERSION;
  if (const auto exe = schemagen::stamp::Identify("/proc/self/exe")) {
    key += fmt::format("\n{} {} {}", exe->inode, exe->size, exe->mtime_ns);
  }
  std::error_code ec;
  key += "\n" + std::filesystem::current_path(ec).string();
  for (const std::string& argument : options.arguments) key += '\0' + argument;
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) key += std::string("\nepoch ") + epoch;
  return schemagen::state::Sha256(key + "\n" + schemagen::state::Sha256(text));
}

// What a successful run read and wrote, for the next run's fast path: the inputs other than the
// schema's text (imports, templates), every generated file, the directories holding them (a
// file added there changes them), the manifest and the depfile.
std::optional<schemagen::stamp::Stamp> StampOf(const Options& options,
                                               const schemagen::SourceManager& sources,
                                               const std::map<std::string, std::string>& files,
                                               std::string key, std::size_t generated) {
  schemagen::stamp::Stamp stamp{std::move(key), {}, generated};
  std::set<std::string> paths;
  const std::vector<std::string> inputs = Inputs(options, sources);
  paths.insert(inputs.begin() + (inputs.empty() ? 0 : 1), inputs.end());
  paths.insert(options.output);
  for (const auto& [path, content] : files) {
    const std::string joined = Joined(options.output, path);
    paths.insert(joined);
    for (auto dir = std::filesystem::path(joined).parent_path(); !dir.empty();
         dir = dir.parent_path()) {
      if (!paths.insert(dir.string()).second) break;
    }
  }
  paths.insert(Joined(options.output, schemagen::kManifestName));
  if (!options.depfile.empty()) paths.insert(options.depfile);
  for (const std::string& path : paths) {
    auto identity = schemagen::stamp::Identify(path);
    if (!identity) return std::nullopt;
    stamp.files.push_back(std::move(*identity));
  }
  return stamp;
}

void PrintSummary(const Options& options, std::size_t written, std::size_t unchanged,
                  std::size_t removed, const char* note) {
  if (options.quiet || options.diagnostics_format == "json") return;
  std::cout << "schemagen: " << written << " written, " << unchanged << " unchanged, " << removed
            << " removed in " << options.output << note << "\n";
}

void WaitingFor(const std::string& dir) {
  std::cerr << "schemagen: waiting for another schemagen run on " << dir << "\n";
}

// Parses, analyzes and (unless check_only) generates. Nothing is written unless the whole run
// succeeded.
int Run(const Options& options, bool check_only) {
  std::string text;
  std::string read_error;
  if (!ReadInput(options.input, text, read_error)) {
    std::cerr << "schemagen: error: can't read '" << schemagen::text::EscapeControls(options.input)
              << "': " << read_error << "\n";
    return kExitDiagnostics;
  }
  // One run at a time per output directory, from before the stamp and the history are read
  // until the files are committed (schemagen/output_lock.hpp).
  const bool writes = !check_only && !options.check && !options.dry_run && !options.list_outputs &&
                      !options.list_inputs;
  schemagen::OutputLock lock;
  if (!check_only) {
    std::string lock_error;
    lock = schemagen::OutputLock::Acquire(options.output, writes, WaitingFor, lock_error);
    if (!lock_error.empty()) {
      std::cerr << "schemagen: error: " << lock_error << "\n";
      return kExitDiagnostics;
    }
  }
  // The no-op fast path: same key, every recorded file unchanged -> nothing to do. Only for
  // runs that write (not --check, --force, plan or the listings) from a file.
  const bool stampable = !check_only && !options.check && !options.force && !options.dry_run &&
                         !options.list_outputs && !options.list_inputs && options.input != "-";
  const std::string stamp_path = stampable ? schemagen::stamp::StampPath(options.output) : "";
  std::string stamp_key;
  if (!stamp_path.empty()) {
    stamp_key = StampKey(options, text);
    if (const auto stamp = schemagen::stamp::LoadIfCurrent(stamp_path, stamp_key)) {
      PrintSummary(options, 0, stamp->generated, 0, " (nothing changed since the last run)");
      return kExitOk;
    }
  }
  schemagen::SourceManager sources;
  const auto file = sources.Add(options.input == "-" ? "<stdin>" : options.input, std::move(text));
  schemagen::AnalyzeOptions analyze;
  if (!options.timestamp.empty()) analyze.timestamp_override = options.timestamp;
  analyze.postgres_override = options.postgres;
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    analyze.timestamp_fallback = schemagen::TimestampFromEpoch(epoch);
    if (!analyze.timestamp_fallback) {
      std::cerr << "schemagen: error: SOURCE_DATE_EPOCH='" << epoch
                << "' is not a number of seconds since 1970\n";
      return kExitUsage;
    }
  }
  schemagen::RunOptions run;
  run.generate = options.generate;
  run.load.rehash = options.rehash;
  run.plan.timestamp = EvolutionTimestamp(options);
  for (const std::string& spec : options.allow) {
    auto allowance = schemagen::evolve::ParseAllowance(spec);
    if (!allowance) {
      std::cerr << "schemagen: error: --allow " << spec
                << ": expected lock, data-loss-down, data-loss or irreversible, optionally "
                   "followed by :Model or :Model.field\n";
      return kExitUsage;
    }
    run.plan.plan.allow.push_back(*allowance);
  }
  schemagen::Diagnostics diagnostics;
  // A run that generates or plans loads the history beside the semantic pass.
  schemagen::Compilation compiled;
  if (check_only) {
    compiled.schema = schemagen::Compile(sources, file, analyze, diagnostics);
  } else {
    compiled = schemagen::CompileWithHistory(sources, file, analyze, schemagen::DiskFileSystem(),
                                             options.output, run.load, diagnostics);
  }
  const std::optional<schemagen::ir::Schema>& schema = compiled.schema;
  if (!schema) {
    PrintDiagnostics(options, diagnostics, sources);
    return kExitDiagnostics;
  }
  if (check_only) {
    PrintDiagnostics(options, diagnostics, sources);
    if (!options.quiet && options.diagnostics_format != "json") {
      std::cout << sources.file(file).name() << ": ok (" << schema->tables.size() << " tables, "
                << schema->enums.size() << " enums)\n";
    }
    return kExitOk;
  }
  if (writes && !lock.held() && compiled.history) {
    // The output directory did not exist: made now, locked, and its history read again under
    // the lock (another run may have written it meanwhile).
    std::error_code ec;
    std::filesystem::create_directories(options.output, ec);
    std::string lock_error;
    lock = schemagen::OutputLock::Acquire(options.output, true, WaitingFor, lock_error);
    if (!lock.held()) {
      std::cerr << "schemagen: error: "
                << (lock_error.empty() ? "can't create '" + options.output + "': " + ec.message()
                                       : lock_error)
                << "\n";
      return kExitDiagnostics;
    }
    compiled.history = schemagen::history::Load(schemagen::DiskFileSystem(), options.output,
                                                schema->migrations_dir, run.load, diagnostics);
  }
  if (!compiled.history) {
    PrintDiagnostics(options, diagnostics, sources);
    return kExitDiagnostics;
  }
  if (options.dry_run) {
    const auto planned = schemagen::Plan(*schema, *compiled.history, run, diagnostics);
    PrintDiagnostics(options, diagnostics, sources);
    return planned ? PrintPlan(options, *schema, *planned) : kExitDiagnostics;
  }
  schemagen::MemorySink sink;
  const auto update = schemagen::Generate(*schema, *compiled.history, run, sink, diagnostics);
  PrintDiagnostics(options, diagnostics, sources);
  if (!update) return kExitDiagnostics;
  if (options.list_outputs || options.list_inputs) {
    if (options.list_outputs) {
      for (const auto& [path, content] : sink.files()) {
        std::cout << "output " << Joined(options.output, path) << "\n";
      }
      std::cout << "output " << Joined(options.output, schemagen::kManifestName) << "\n";
    }
    if (options.list_inputs) {
      for (const std::string& input : Inputs(options, sources))
        std::cout << "input " << input << "\n";
    }
    return kExitOk;
  }
  const schemagen::WriteReport report = schemagen::CommitToDisk(
      sink.files(), options.output, {.force = options.force, .check_only = options.check});
  for (const std::string& path : report.edited) {
    std::cerr << "schemagen: error: "
              << schemagen::text::EscapeControls(Joined(options.output, path))
              << " was edited by hand since schemagen generated it; move the change into the "
                 "schema or a template, or run with --force to overwrite it\n";
  }
  for (const std::string& path : report.foreign) {
    std::cerr << "schemagen: error: "
              << schemagen::text::EscapeControls(Joined(options.output, path))
              << " exists and schemagen did not write it, so it is left as it is; move it "
                 "away, write the output elsewhere (-o DIR, or the schema header's models, "
                 "migrations and docs paths), or run with --force to let schemagen replace it\n";
  }
  for (const std::string& problem : report.outside) {
    std::cerr << "schemagen: error: in " << schemagen::text::EscapeControls(options.output) << ": "
              << schemagen::text::EscapeControls(problem)
              << "; schemagen reads, writes and removes files only inside its output "
                 "directory\n";
  }
  if (!report.error.empty()) {
    if (report.edited.empty() && report.foreign.empty() && report.outside.empty())
      std::cerr << "schemagen: error: " << report.error << "\n";
    if (!report.foreign.empty() || !report.edited.empty() || !report.outside.empty())
      std::cerr << "schemagen: nothing was written\n";
    return kExitDiagnostics;
  }
  if (options.check) return ReportCheck(options, report);
  if (!options.depfile.empty()) {
    std::vector<std::string> targets;
    if (!options.depfile_target.empty()) {
      targets.push_back(options.depfile_target);
    } else {
      for (const auto& [path, content] : sink.files())
        targets.push_back(Joined(options.output, path));
    }
    const std::string error = schemagen::WriteFileAtomically(
        options.depfile, schemagen::Depfile(targets, Inputs(options, sources)));
    if (!error.empty()) {
      std::cerr << "schemagen: error: " << error << "\n";
      return kExitDiagnostics;
    }
  }
  if (!options.quiet && options.diagnostics_format != "json") {
    for (const std::string& path : report.written) std::cout << "wrote     " << path << "\n";
    for (const std::string& path : report.removed) std::cout << "removed   " << path << "\n";
  }
  PrintSummary(options, report.written.size(), report.unchanged.size(), report.removed.size(), "");
  if (!stamp_path.empty()) {
    // A run that warned is never skipped: its warnings are shown again next time.
    const auto stamp = diagnostics.all().empty()
                           ? StampOf(options, sources, sink.files(), stamp_key,
                                     report.written.size() + report.unchanged.size())
                           : std::nullopt;
    if (!stamp || !schemagen::stamp::Save(stamp_path, *stamp)) schemagen::stamp::Remove(stamp_path);
  }
  return kExitOk;
}

void AddGenerateOptions(CLI::App& app, Options& options) {
  app.add_option("file", options.input, "The schema file (.dsl), or - for standard input");
  app.add_option("-o,--output", options.output, "Output directory (default: the current one)");
  app.add_option("--timestamp", options.timestamp,
                 "Migration timestamp YYYYMMDDHHMMSS (overrides the schema header)")
      ->check([](const std::string& v) {
        return v.size() == 14 && v.find_first_not_of("0123456789") == std::string::npos
                   ? std::string()
                   : std::string("expected YYYYMMDDHHMMSS, 14 digits");
      });
  app.add_option("--postgres", options.postgres,
                 "The PostgreSQL major the SQL must run on, 12 to 18 (overrides the schema header; "
                 "default: the history's, else 12)")
      ->check(CLI::Range(schemagen::ir::kOldestPostgres, schemagen::ir::kNewestPostgres));
  app.add_option("--color", options.color, "Colour diagnostics: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("-q,--quiet", options.quiet, "Print only diagnostics");
  app.add_flag("--check", options.check,
               "Write nothing; list generated files that are stale, missing or extra, and exit 1 "
               "if there are any");
  app.add_flag("--force", options.force,
               "Overwrite or remove generated files even when they were edited by hand");
  app.add_option("--depfile", options.depfile,
                 "Write a Make/Ninja depfile naming every input read (schema, imports, "
                 "template overrides)");
  app.add_option("--depfile-target", options.depfile_target,
                 "The depfile's target (default: every output)");
  app.add_flag("--list-outputs", options.list_outputs,
               "Print the files a run would write (\"output PATH\" lines) and exit");
  app.add_flag("--list-inputs", options.list_inputs,
               "Print the files a run reads (\"input PATH\" lines) and exit");
  app.add_option("--diagnostics-format", options.diagnostics_format,
                 "text (default) or json: one JSON object per diagnostic on standard output")
      ->check(CLI::IsMember({"text", "json"}));
  app.add_option("--sequelize", options.generate.sequelize,
                 "Sequelize major version of the TypeScript: 6 (sequelize-typescript 2) or 5 "
                 "(sequelize-typescript 1.1)")
      ->check(CLI::IsMember({5, 6}));
  app.add_option("--doc-lang", options.generate.doc_lang,
                 "Language of the schema-change document and MODELS.md: pt (default) or en")
      ->check(CLI::IsMember({"pt", "en"}));
  app.add_option("--templates", options.generate.templates_dir,
                 "Directory of .mustache files replacing built-in templates of the same name");
  app.add_option("-j,--jobs", options.generate.jobs,
                 "Threads the generators run on (default: one per core; the output is the same "
                 "for any number)")
      ->check(CLI::Range(0u, 256u));
  app.add_option("--allow", options.allow,
                 "Accept an evolution hazard: data-loss or irreversible (also lock, "
                 "data-loss-down), for every step or one subject (data-loss:Ticket.legacyCode); "
                 "repeatable")
      ->allow_extra_args(false);  // --allow A FILE: FILE is the schema, not a second A
  app.add_flag("--rehash", options.rehash,
               "Accept migration files edited since they were generated: record their new "
               "SHA-256 in schemagen.sum");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"schemagen: entities DSL -> PostgreSQL migrations for multi-tenant backends",
               "schemagen"};
  app.set_version_flag("--version", std::string("schemagen ") + SCHEMAGEN_VERSION);
  Options options;
  AddGenerateOptions(app, options);
  app.add_flag("--dry-run", options.dry_run,
               "Print the planned changes and their SQL; write nothing (as `schemagen plan`)");

  Options plan_options;
  plan_options.dry_run = true;
  CLI::App* plan = app.add_subcommand(
      "plan",
      "Print the changes since the last migration, classified, and their SQL; write "
      "nothing");
  AddGenerateOptions(*plan, plan_options);
  plan->add_flag("--exit-code", plan_options.exit_code,
                 "Exit 3 when a migration would be generated");
  plan->add_option("--format", plan_options.plan_format,
                   "text (default) or json: the steps, their classes and the migrations' SQL")
      ->check(CLI::IsMember({"text", "json"}));

  Options check_options;
  CLI::App* check = app.add_subcommand("check", "Parse, validate and lint without writing");
  check->add_option("file", check_options.input, "The schema file, or - for standard input")
      ->required();
  check->add_option("--color", check_options.color, "Colour diagnostics: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  check->add_flag("-q,--quiet", check_options.quiet, "Print only diagnostics");
  check->add_option("--postgres", check_options.postgres, "The PostgreSQL major to check for")
      ->check(CLI::Range(schemagen::ir::kOldestPostgres, schemagen::ir::kNewestPostgres));
  check
      ->add_option("--diagnostics-format", check_options.diagnostics_format,
                   "text (default) or json: one JSON object per diagnostic on standard output")
      ->check(CLI::IsMember({"text", "json"}));

  FmtArgs fmt_args;
  CLI::App* fmt = app.add_subcommand("fmt", "Rewrite schema files in the canonical format");
  fmt->add_option("files", fmt_args.files, "Schema files (.dsl), or - for standard input")
      ->required();
  fmt->add_flag("--check", fmt_args.check,
                "Write nothing; list files that are not formatted and exit 1 if there are any");
  fmt->add_option("--color", fmt_args.color, "Colour diagnostics: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));

  VerifyArgs verify_args;
  CLI::App* verify = app.add_subcommand(
      "verify",
      "Prove on a real PostgreSQL that every migration applies, reverts exactly and applies "
      "again, that the result is the schema's, and that tenant tables keep companies apart");
  verify->add_option("file", verify_args.input,
                     "The schema file (.dsl); without it, only the round trips are checked");
  verify->add_option("-o,--output", verify_args.output,
                     "Where `schemagen FILE` wrote its output (default: the current directory)");
  verify->add_option("--migrations", verify_args.migrations,
                     "The directory of *.up.sql / *.down.sql pairs (default: the schema's "
                     "migrations directory under -o)");
  CLI::Option* database =
      verify->add_option("--database", verify_args.database,
                         "PostgreSQL URL or connection string (default: DATABASE_URL, then the PG* "
                         "variables, then a throwaway local server)");
  verify
      ->add_option("--postgres-bin", verify_args.postgres_bin,
                   "The bin/ directory of the PostgreSQL to start as the throwaway server "
                   "(initdb, pg_ctl), to verify on the major you deploy on")
      ->excludes(database);
  verify->add_option("--format", verify_args.format, "Report format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  verify->add_flag("--no-isolation", verify_args.no_isolation, "Skip the tenant isolation check");
  verify
      ->add_option("--connect-timeout", verify_args.connect_timeout,
                   "Seconds to wait for the server (default 10, unless the URL or "
                   "PGCONNECT_TIMEOUT sets it)")
      ->check(CLI::Range(1, 86400));
  verify
      ->add_option("--statement-timeout", verify_args.statement_timeout,
                   "Seconds one statement may run (default 300; 0: no limit); a server that "
                   "stops answering is dropped a few seconds after")
      ->check(CLI::Range(0, 86400));
  verify->add_option("--color", verify_args.color, "Colour diagnostics: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));

  options.arguments.assign(argv, argv + argc);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  if (check->parsed()) return Run(check_options, /*check_only=*/true);
  if (plan->parsed()) {
    if (plan_options.input.empty()) {
      std::cerr << "schemagen: error: no schema file given\n" << plan->help();
      return kExitUsage;
    }
    return Run(plan_options, /*check_only=*/false);
  }
  if (verify->parsed()) return RunVerify(verify_args);
  if (fmt->parsed()) return RunFmt(fmt_args);
  if (options.input.empty()) {
    std::cerr << "schemagen: error: no schema file given\n" << app.help();
    return kExitUsage;
  }
  return Run(options, /*check_only=*/false);
}
