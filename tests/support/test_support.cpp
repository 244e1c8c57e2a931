#include "support/test_support.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "schemagen/driver.hpp"

namespace schemagen::testing {
namespace fs = std::filesystem;

TempDir::TempDir(const std::string& tag)
    : path_(fs::temp_directory_path() / ("schemagen-" + tag + "-" + std::to_string(getpid()))) {
  fs::remove_all(path_);
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

fs::path SourceDir() { return fs::path(SCHEMAGEN_SOURCE_DIR); }

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void WriteFile(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

std::map<std::string, std::string> ReadTree(const fs::path& root) {
  std::map<std::string, std::string> files;
  if (!fs::is_directory(root)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) {
      files[fs::relative(entry.path(), root).generic_string()] = ReadFile(entry.path());
    }
  }
  return files;
}

std::vector<std::string> ListCases(const fs::path& dir, const std::string& extension) {
  std::vector<std::string> cases;
  if (!fs::is_directory(dir)) return cases;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (extension.empty() ? entry.is_directory() : entry.path().extension() == extension) {
      cases.push_back(entry.path().stem().string());
    }
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

bool UpdateGolden() {
  const char* value = std::getenv("SCHEMAGEN_UPDATE_GOLDEN");
  return value != nullptr && std::string(value) == "1";
}

std::string Diff(const std::string& expected, const std::string& actual, const std::string& label) {
  const fs::path dir = fs::temp_directory_path() / ("schemagen-diff-" + std::to_string(getpid()));
  fs::create_directories(dir);
  WriteFile(dir / "expected", expected);
  WriteFile(dir / "actual", actual);
  const std::string command = "diff -u --label 'expected/" + label + "' --label 'actual/" + label +
                              "' '" + (dir / "expected").string() + "' '" +
                              (dir / "actual").string() + "'";
  std::string out;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
    pclose(pipe);
  }
  fs::remove_all(dir);
  return out;
}

std::string Compiled::Rendered() const { return RenderAll(diagnostics, sources, {false, 50}); }

Compiled CompileText(const std::string& text, const std::string& name) {
  return CompileText(text, AnalyzeOptions{}, name);
}

Compiled CompileText(const std::string& text, const AnalyzeOptions& options,
                     const std::string& name) {
  Compiled c;
  const auto file = c.sources.Add(name, text);
  c.schema = Compile(c.sources, file, options, c.diagnostics);
  return c;
}

}  // namespace schemagen::testing
