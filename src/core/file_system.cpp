#include "schemagen/file_system.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace schemagen {

std::optional<std::string> DiskFileSystem::Read(const std::string& path, std::string& error) const {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::optional<std::vector<std::string>> DiskFileSystem::List(const std::string& dir,
                                                             std::string& error) const {
  namespace fs = std::filesystem;
  std::vector<std::string> names;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return names;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_error;
    if (it->is_regular_file(type_error)) names.push_back(it->path().filename().string());
  }
  if (ec) {
    error = ec.message();
    return std::nullopt;
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::optional<std::string> MemoryFileSystem::Read(const std::string& path,
                                                  std::string& error) const {
  auto it = files_.find(path);
  if (it == files_.end()) {
    error = "No such file or directory";
    return std::nullopt;
  }
  return it->second;
}

std::optional<std::vector<std::string>> MemoryFileSystem::List(const std::string& dir,
                                                               std::string& error) const {
  (void)error;
  std::vector<std::string> names;
  const std::string prefix = dir.empty() || dir == "." ? "" : dir + "/";
  for (auto it = files_.lower_bound(prefix); it != files_.end(); ++it) {
    if (it->first.compare(0, prefix.size(), prefix) != 0) break;
    const std::string rest = it->first.substr(prefix.size());
    if (rest.find('/') == std::string::npos) names.push_back(rest);
  }
  return names;  // std::map order: already sorted
}

}  // namespace schemagen
