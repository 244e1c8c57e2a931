#include "schemagen/file_system.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace schemagen {

std::string_view RelativePathProblem(std::string_view path) {
  if (path.empty()) return "is empty";
  if (path.front() == '/') return "is an absolute path";
  for (const char c : path) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '\\')
      return "has a control character or a backslash";
  }
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string_view part = path.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return "is not a plain relative path";
    start = end + 1;
  }
  return "";
}

namespace {

std::string TooLarge(std::size_t max_size) {
  return "larger than " + std::to_string(max_size >> 20) +
         " MiB, the most schemagen reads from one input";
}

// Reads `fd` to its end into `text` (whose capacity may already fit it), within `max_size`.
bool ReadAll(int fd, std::string& text, std::size_t max_size, std::string& error) {
  std::size_t size = 0;
  for (;;) {
    if (text.capacity() == size) {
      text.reserve(std::min(std::max<std::size_t>(size * 2, 1 << 16), max_size + 1));
    }
    text.resize(text.capacity());  // reserved above: no reallocation
    const ssize_t got = ::read(fd, text.data() + size, text.size() - size);
    if (got < 0) {
      if (errno == EINTR) continue;
      error = std::strerror(errno);
      return false;
    }
    if (got == 0) break;
    size += static_cast<std::size_t>(got);
    if (size > max_size) {
      error = TooLarge(max_size);
      errno = EFBIG;
      return false;
    }
  }
  text.resize(size);
  return true;
}

}  // namespace

std::optional<std::string> ReadWholeFile(const std::string& path, std::string& error,
                                         std::size_t max_size) {
  // O_NONBLOCK: opening a FIFO for reading would wait for a writer forever.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    const bool directory = S_ISDIR(st.st_mode);
    ::close(fd);
    error = directory ? "is a directory" : "not a regular file (a FIFO, a socket or a device)";
    errno = directory ? EISDIR : EINVAL;
    return std::nullopt;
  }
  if (static_cast<std::size_t>(st.st_size) > max_size) {
    ::close(fd);
    error = TooLarge(max_size);
    errno = EFBIG;
    return std::nullopt;
  }
  std::string text;
  // One more byte than the file holds, so the read that finds its end needs no growth.
  text.reserve(static_cast<std::size_t>(st.st_size) + 1);
  const bool ok = ReadAll(fd, text, max_size, error);
  const int reason = errno;
  ::close(fd);
  errno = reason;
  if (!ok) return std::nullopt;
  return text;
}

std::optional<std::string> ReadStandardInput(std::string& error, std::size_t max_size) {
  std::string text;
  if (!ReadAll(STDIN_FILENO, text, max_size, error)) return std::nullopt;
  return text;
}

std::string DiskFileSystem::RealPath(const std::string& path) const {
  std::error_code ec;
  const std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  const std::filesystem::path real = std::filesystem::weakly_canonical(absolute, ec);
  return (ec ? absolute.lexically_normal() : real).string();
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

RootedFileSystem::RootedFileSystem(const FileSystem& fs, const std::string& root)
    : fs_(fs), real_root_(fs.RealPath(root.empty() ? "." : root)) {}

bool RootedFileSystem::Inside(const std::string& path, std::string& error) const {
  const std::filesystem::path relative =
      std::filesystem::path(fs_.RealPath(path)).lexically_relative(real_root_);
  if (!relative.empty() && *relative.begin() != "..") return true;
  error = "it leads outside the output directory (through a symbolic link)";
  return false;
}

std::optional<std::string> RootedFileSystem::Read(const std::string& path,
                                                  std::string& error) const {
  if (!Inside(path, error)) return std::nullopt;
  return fs_.Read(path, error);
}

std::optional<std::vector<std::string>> RootedFileSystem::List(const std::string& dir,
                                                               std::string& error) const {
  if (!Inside(dir, error)) return std::nullopt;
  return fs_.List(dir, error);
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
