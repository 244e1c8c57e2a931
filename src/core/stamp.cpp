#include "schemagen/stamp.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "schemagen/output.hpp"
#include "schemagen/state.hpp"

namespace schemagen::stamp {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kHeader = "schemagen-stamp 1";

std::int64_t Nanoseconds(const struct timespec& t) {
  return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

std::string CacheDir() {
  if (const char* dir = std::getenv("SCHEMAGEN_CACHE_DIR")) return dir;  // "" disables
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg == '/')
    return std::string(xdg) + "/schemagen";
  if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/')
    return std::string(home) + "/.cache/schemagen";
  return "";
}

}  // namespace

std::optional<FileIdentity> Identify(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return FileIdentity{path, static_cast<std::uint64_t>(st.st_ino),
                      static_cast<std::uint64_t>(st.st_size), Nanoseconds(st.st_mtim)};
}

std::string StampPath(const std::string& root) {
  const std::string cache = CacheDir();
  if (cache.empty()) return "";
  std::error_code ec;
  const fs::path absolute = fs::weakly_canonical(fs::absolute(root, ec), ec);
  if (ec) return "";
  // "sha256:" + 64 hex digits; 32 of them name the root well enough.
  const std::string hash = state::Sha256(absolute.string()).substr(7, 32);
  return cache + "/stamps/" + hash;
}

std::optional<Stamp> LoadIfCurrent(const std::string& path, const std::string& key) {
  const auto self = Identify(path);
  if (!self) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  if (!std::getline(in, line) || line != kHeader) return std::nullopt;
  Stamp stamp;
  if (!std::getline(in, line) || line.rfind("key ", 0) != 0) return std::nullopt;
  stamp.key = line.substr(4);
  if (stamp.key != key) return std::nullopt;
  if (!std::getline(in, line) || line.rfind("generated ", 0) != 0) return std::nullopt;
  stamp.generated = std::strtoull(line.c_str() + 10, nullptr, 10);
  while (std::getline(in, line)) {
    FileIdentity recorded;
    std::istringstream fields(line);
    if (!(fields >> recorded.inode >> recorded.size >> recorded.mtime_ns)) return std::nullopt;
    fields.get();  // the one space before the path, which may hold spaces itself
    std::getline(fields, recorded.path);
    const auto now = Identify(recorded.path);
    // Modified in the tick the stamp was written: an edit after it could keep the same time.
    if (!now || !(*now == recorded) || recorded.mtime_ns >= self->mtime_ns) return std::nullopt;
    stamp.files.push_back(std::move(recorded));
  }
  return stamp;
}

namespace {

// Stamps of output roots not generated for 30 days (temporary directories, old checkouts) go,
// so the cache stays small.
void Prune(const fs::path& dir) {
  std::error_code ec;
  const auto cutoff = fs::file_time_type::clock::now() - std::chrono::hours(24 * 30);
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code item_ec;
    if (it->last_write_time(item_ec) < cutoff && !item_ec) fs::remove(it->path(), item_ec);
  }
}

}  // namespace

bool Save(const std::string& path, const Stamp& stamp) {
  std::string text = fmt::format("{}\nkey {}\ngenerated {}\n", kHeader, stamp.key, stamp.generated);
  for (const FileIdentity& f : stamp.files) {
    if (f.path.find('\n') != std::string::npos) return false;
    text += fmt::format("{} {} {} {}\n", f.inode, f.size, f.mtime_ns, f.path);
  }
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  if (ec) return false;
  Prune(fs::path(path).parent_path());
  return WriteFileAtomically(path, text).empty();
}

void Remove(const std::string& path) {
  std::error_code ec;
  fs::remove(path, ec);
}

}  // namespace schemagen::stamp
