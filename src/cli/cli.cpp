#include <unistd.h>

#include <cstdlib>
#include <optional>

#include "cli/cli.hpp"
#include "schemagen/file_system.hpp"

namespace schemagen::cli {

bool UseColor(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  return (no_color == nullptr || *no_color == '\0') && isatty(STDERR_FILENO) != 0;
}

bool ReadInput(const std::string& path, std::string& text, std::string& error) {
  std::optional<std::string> read =
      path == "-" ? schemagen::ReadStandardInput(error) : schemagen::ReadWholeFile(path, error);
  if (!read) return false;
  text = std::move(*read);
  return true;
}

}  // namespace schemagen::cli
