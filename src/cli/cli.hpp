// What the subcommands of the command line share: exit codes, colour, reading an input, and
// the subcommands that live in files of their own (fmt_command.cpp, verify_command.cpp).
#pragma once

#include <string>
#include <vector>

namespace schemagen::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitDiagnostics = 1;  ///< diagnostics, or an I/O failure
inline constexpr int kExitUsage = 2;

/// Whether diagnostics on stderr get colour: "always", "never", or "auto" (a terminal, and
/// NO_COLOR unset).
bool UseColor(const std::string& mode);

/// The schema at `path` (a regular file, or standard input for "-"), within the input limit;
/// false with `error` set otherwise.
bool ReadInput(const std::string& path, std::string& text, std::string& error);

struct FmtArgs {
  std::vector<std::string> files;
  bool check = false;
  std::string color = "auto";
};

/// `schemagen fmt`: rewrites each file in its canonical form (only when that changes it), or
/// with --check lists the files that aren't formatted and exits 1. `-` formats standard input
/// to standard output.
int RunFmt(const FmtArgs& args);

struct VerifyArgs {
  std::string input;
  std::string output = ".";
  std::string migrations;
  std::string database;
  std::string postgres_bin;
  std::string format = "text";
  std::string color = "auto";
  bool no_isolation = false;
  int connect_timeout = 10;
  int statement_timeout = 300;
};

/// `schemagen verify`: compiles the schema (when given), finds its migrations, and hands both
/// to schemagen::verify. Exit codes: 0 all held, 1 a difference or an error, 2 usage, 128 +
/// the signal that interrupted it (after cleaning up).
int RunVerify(const VerifyArgs& args);

}  // namespace schemagen::cli
