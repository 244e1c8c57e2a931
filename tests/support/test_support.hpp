// Helpers shared by the data-driven tests: reading files and trees, compiling an inline
// source, and a readable diff of two texts.
#pragma once

#include <cctype>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "schemagen/diagnostics.hpp"
#include "schemagen/ir.hpp"
#include "schemagen/sema.hpp"
#include "schemagen/source.hpp"

namespace schemagen::testing {

/// A fresh directory under the system's temporary directory, removed with its contents when
/// the object goes away. `tag` keeps concurrent test binaries apart.
class TempDir {
 public:
  explicit TempDir(const std::string& tag);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// The repository root (set by CMake).
std::filesystem::path SourceDir();
std::string ReadFile(const std::filesystem::path& path);
void WriteFile(const std::filesystem::path& path, const std::string& content);
/// Every regular file under `root`, by '/'-separated relative path.
std::map<std::string, std::string> ReadTree(const std::filesystem::path& root);
/// Subdirectories (or files with `extension`) of `dir`, sorted, as test parameters.
std::vector<std::string> ListCases(const std::filesystem::path& dir, const std::string& extension);
/// A test name made of a case name: every character that is not a letter or digit becomes '_'.
struct CaseNameGenerator {
  template <typename ParamInfo>
  std::string operator()(const ParamInfo& param_info) const {
    std::string name = param_info.param;
    for (char& c : name) {
      if (std::isalnum(static_cast<unsigned char>(c)) == 0) c = '_';
    }
    return name;
  }
};
inline constexpr CaseNameGenerator CaseName{};

/// True when the tests should rewrite their expected files (SCHEMAGEN_UPDATE_GOLDEN=1).
bool UpdateGolden();
/// A unified diff of two texts (by `diff -u`), labelled with the two names.
std::string Diff(const std::string& expected, const std::string& actual, const std::string& label);

/// The result of compiling an inline source named `name`.
struct Compiled {
  SourceManager sources;
  Diagnostics diagnostics;
  std::optional<ir::Schema> schema;
  /// All diagnostics rendered without colour, as the CLI prints them.
  std::string Rendered() const;
};
Compiled CompileText(const std::string& text, const std::string& name = "input.dsl");
/// CompileText with analysis options (a --postgres override, a timestamp).
Compiled CompileText(const std::string& text, const AnalyzeOptions& options,
                     const std::string& name = "input.dsl");

}  // namespace schemagen::testing
