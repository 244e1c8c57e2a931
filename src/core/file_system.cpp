#include "schemagen/file_system.hpp"

#include <cerrno>
#include <cstring>
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

std::optional<std::string> MemoryFileSystem::Read(const std::string& path,
                                                  std::string& error) const {
  auto it = files_.find(path);
  if (it == files_.end()) {
    error = "No such file or directory";
    return std::nullopt;
  }
  return it->second;
}

}  // namespace schemagen
