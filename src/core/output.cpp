#include "schemagen/output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace schemagen {
namespace fs = std::filesystem;
namespace {

bool SameContent(const fs::path& path, const std::string& content) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec) || fs::file_size(path, ec) != content.size()) return false;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream existing;
  existing << in.rdbuf();
  return in.good() || in.eof() ? existing.str() == content : false;
}

// Writes `content` to a temporary file beside `path`, flushes it, and renames it into place.
std::string WriteAtomically(const fs::path& path, const std::string& content) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) return "can't create directory '" + path.parent_path().string() + "': " + ec.message();
  std::string temp = (path.parent_path() / ("." + path.filename().string() + ".XXXXXX")).string();
  const int fd = mkstemp(temp.data());
  if (fd < 0)
    return "can't create a temporary file beside '" + path.string() + "': " + std::strerror(errno);
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const std::string why = std::strerror(errno);
      ::close(fd);
      ::unlink(temp.c_str());
      return "can't write '" + path.string() + "': " + why;
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, 0644) != 0 || ::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(temp.c_str());
    return "can't write '" + path.string() + "': " + std::strerror(errno);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(temp.c_str());
    return "can't replace '" + path.string() + "': " + why;
  }
  return "";
}

}  // namespace

void MemorySink::Write(const std::string& path, std::string content) {
  files_[path] = std::move(content);
}

WriteReport CommitToDisk(const std::map<std::string, std::string>& files, const std::string& root) {
  WriteReport report;
  for (const auto& [relative, content] : files) {
    const fs::path path = fs::path(root) / relative;
    if (SameContent(path, content)) {
      report.unchanged.push_back(relative);
      continue;
    }
    report.error = WriteAtomically(path, content);
    if (!report.error.empty()) return report;
    report.written.push_back(relative);
  }
  return report;
}

}  // namespace schemagen
