#include "schemagen/file_system.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace schemagen {

std::optional<std::string> ReadWholeFile(const std::string& path, std::string& error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  std::string text;
  struct stat st {};
  // One more byte than the file holds, so the read that finds its end needs no growth.
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
    text.reserve(static_cast<std::size_t>(st.st_size) + 1);
  std::size_t size = 0;
  for (;;) {
    if (text.capacity() == size) text.reserve(std::max<std::size_t>(size * 2, 1 << 16));
    text.resize(text.capacity());  // reserved above: no reallocation
    const ssize_t got = ::read(fd, text.data() + size, text.size() - size);
    if (got < 0) {
      if (errno == EINTR) continue;
      const int reason = errno;
      error = std::strerror(reason);
      ::close(fd);
      errno = reason;
      return std::nullopt;
    }
    if (got == 0) break;
    size += static_cast<std::size_t>(got);
  }
  ::close(fd);
  text.resize(size);
  return text;
}

std::optional<std::string> DiskFileSystem::Read(const std::string& path, std::string& error) const {
  return ReadWholeFile(path, error);
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
