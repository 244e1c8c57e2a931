#include "schemagen/output.hpp"
#include "schemagen/file_system.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>

namespace schemagen {
namespace fs = std::filesystem;
namespace {

// Writes `content` to a new temporary file beside `path` (creating its directory) and returns
// the temporary's name, or an error. Nothing is synced here: CommitToDisk syncs once for all.
struct Staged {
  std::string temp;
  std::string error;
};

Staged Stage(const fs::path& path, const std::string& content) {
  std::error_code ec;
  if (!path.parent_path().empty()) fs::create_directories(path.parent_path(), ec);
  if (ec)
    return {"", "can't create directory '" + path.parent_path().string() + "': " + ec.message()};
  std::string temp = (path.parent_path() / ("." + path.filename().string() + ".XXXXXX")).string();
  const int fd = mkstemp(temp.data());
  if (fd < 0) {
    return {"", "can't create a temporary file beside '" + path.string() +
                    "': " + std::strerror(errno)};
  }
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const std::string why = std::strerror(errno);
      ::close(fd);
      ::unlink(temp.c_str());
      return {"", "can't write '" + path.string() + "': " + why};
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, 0644) != 0 || ::close(fd) != 0) {
    ::unlink(temp.c_str());
    return {"", "can't write '" + path.string() + "': " + std::strerror(errno)};
  }
  return {temp, ""};
}

// Flushes every staged file to disk with one call (syncfs on Linux: one round trip for the
// whole file system instead of one fsync per file).
void SyncAll(const fs::path& root) {
  const int fd = ::open(root.empty() ? "." : root.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
#ifdef __linux__
  ::syncfs(fd);
#else
  ::sync();
#endif
  ::close(fd);
}

std::string Publish(const std::string& temp, const fs::path& path) {
  if (::rename(temp.c_str(), path.c_str()) == 0) return "";
  const std::string why = std::strerror(errno);
  ::unlink(temp.c_str());
  return "can't replace '" + path.string() + "': " + why;
}

// One file, crash-safe: temporary file, fsync, rename.
std::string WriteAtomically(const fs::path& path, const std::string& content) {
  const Staged staged = Stage(path, content);
  if (!staged.error.empty()) return staged.error;
  const int fd = ::open(staged.temp.c_str(), O_RDONLY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  return Publish(staged.temp, path);
}

std::optional<std::string> ReadIfExists(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  std::string error;
  // No size limit here: a large file at an output path must read as what it is, never as
  // absent (which would let it be replaced).
  return ReadWholeFile(path.string(), error, SIZE_MAX);
}

// The previous run's manifest: path -> the hashes its content may have (one, or two while a
// run is in progress). nullopt when there is none (or it is unreadable: like a first run).
using Manifest = std::map<std::string, std::set<std::string>>;

std::optional<Manifest> ParseManifestText(std::string_view text) {
  const nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object() || !json.contains("files") || !json["files"].is_object())
    return std::nullopt;
  Manifest files;
  for (const auto& [path, hash] : json["files"].items()) {
    if (hash.is_string()) files[path].insert(hash.get<std::string>());
    if (hash.is_array()) {
      for (const auto& h : hash) {
        if (h.is_string()) files[path].insert(h.get<std::string>());
      }
    }
  }
  return files;
}

std::optional<Manifest> LoadManifest(const fs::path& root) {
  auto text = ReadIfExists(root / kManifestName);
  if (!text) return std::nullopt;
  return ParseManifestText(*text);
}

// `in_progress`: the manifest a run writes before it changes files, listing what it is about
// to write; the run rewrites it without the mark once every file is in place.
std::string ManifestText(const Manifest& files, bool in_progress = false) {
  nlohmann::ordered_json json;
  json["generator"] = "schemagen";
  json["comment"] = "Files schemagen generated here, with a hash of their content. Do not edit.";
  if (in_progress) json["in_progress"] = true;
  nlohmann::ordered_json entries = nlohmann::ordered_json::object();
  for (const auto& [path, hashes] : files) {
    if (hashes.size() == 1) {
      entries[path] = *hashes.begin();
    } else {
      entries[path] =
          nlohmann::ordered_json(std::vector<std::string>(hashes.begin(), hashes.end()));
    }
  }
  json["files"] = entries;
  return json.dump(2) + "\n";
}

Manifest ManifestOf(const std::map<std::string, std::string>& files) {
  Manifest manifest;
  for (const auto& [path, content] : files) manifest[path].insert(ContentHash(content));
  return manifest;
}

}  // namespace

bool ManifestInProgress(std::string_view manifest_text) {
  const nlohmann::json json =
      nlohmann::json::parse(manifest_text, nullptr, /*allow_exceptions=*/false);
  return json.is_object() && json.contains("in_progress") && json["in_progress"] == true;
}

std::vector<std::string> ManifestFiles(std::string_view manifest_text) {
  std::vector<std::string> paths;
  if (auto manifest = ParseManifestText(manifest_text)) {
    for (auto& [path, hashes] : *manifest) paths.push_back(path);
  }
  return paths;
}

void MemorySink::Write(const std::string& path, std::string content) {
  files_[path] = std::move(content);
}

std::string WriteFileAtomically(const std::string& path, const std::string& content) {
  return WriteAtomically(fs::path(path), content);
}

std::string Depfile(const std::vector<std::string>& targets,
                    const std::vector<std::string>& inputs) {
  auto escape = [](const std::string& path) {
    std::string out;
    for (char c : path) {
      if (c == ' ' || c == '#' || c == '\\') out += '\\';
      if (c == '$') out += '$';
      out += c;
    }
    return out;
  };
  std::string out;
  for (const std::string& t : targets) out += (out.empty() ? "" : " \\\n ") + escape(t);
  out += ":";
  for (const std::string& i : inputs) out += " \\\n  " + escape(i);
  return out + "\n";
}

std::string ContentHash(std::string_view content) {
  char hex[32];
  std::snprintf(hex, sizeof hex, "%s%016llx", kContentHashPrefix,
                static_cast<unsigned long long>(XXH3_64bits(content.data(), content.size())));
  return hex;
}

bool ContentMatches(const std::set<std::string>& recorded, std::string_view content) {
  std::optional<std::string> current;
  std::optional<std::string> legacy;
  for (const std::string& hash : recorded) {
    if (hash.rfind(kContentHashPrefix, 0) == 0) {
      if (!current) current = ContentHash(content);
      if (hash == *current) return true;
    } else {
      // Manifests written before schemagen used XXH3 record FNV-1a, 16 hex digits bare.
      if (!legacy) {
        std::uint64_t fnv = 14695981039346656037ull;
        for (unsigned char c : content) {
          fnv ^= c;
          fnv *= 1099511628211ull;
        }
        char hex[17];
        std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv));
        legacy = hex;
      }
      if (hash == *legacy) return true;
    }
  }
  return false;
}

namespace {

// Holds SIGINT, SIGTERM, SIGHUP and SIGQUIT while files change: one that arrives is delivered
// when the commit is over, so Ctrl-C or a build system's kill never stops it between a
// temporary file and its rename. (SIGKILL can't be held; the next run removes what it left.)
class DeferredSignals {
 public:
  DeferredSignals() {
    sigset_t held;
    sigemptyset(&held);
    for (int s : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) sigaddset(&held, s);
    active_ = pthread_sigmask(SIG_BLOCK, &held, &previous_) == 0;
  }
  ~DeferredSignals() {
    if (active_) pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  DeferredSignals(const DeferredSignals&) = delete;
  DeferredSignals& operator=(const DeferredSignals&) = delete;

 private:
  sigset_t previous_{};
  bool active_ = false;
};

// True for the name Stage gives a temporary of `name`: "." + name + "." + 6 letters or digits.
bool IsTemporaryOf(const std::string& entry, const std::string& name) {
  if (entry.size() != name.size() + 8 || entry[0] != '.' ||
      entry.compare(1, name.size(), name) != 0 || entry[name.size() + 1] != '.')
    return false;
  for (std::size_t i = name.size() + 2; i < entry.size(); ++i) {
    if (std::isalnum(static_cast<unsigned char>(entry[i])) == 0) return false;
  }
  return true;
}

// Removes the temporaries a killed run left beside the files this run manages (`paths`,
// relative to `base`): each directory is listed once.
void RemoveStaleTemporaries(const fs::path& base, const std::set<std::string>& paths) {
  std::map<fs::path, std::set<std::string>> by_directory;
  for (const std::string& path : paths) {
    const fs::path p = base / path;
    by_directory[p.parent_path()].insert(p.filename().string());
  }
  for (const auto& [directory, names] : by_directory) {
    std::error_code ec;
    for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string entry = it->path().filename().string();
      if (entry.size() < 9 || entry[0] != '.') continue;
      const std::string name = entry.substr(1, entry.size() - 8);
      if (names.count(name) > 0 && IsTemporaryOf(entry, name)) ::unlink(it->path().c_str());
    }
  }
}

// Whether `path` is `root` or below it; both absolute and normal.
bool IsWithin(const fs::path& path, const fs::path& root) {
  auto [r, p] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return r == root.end() || (std::next(r) == root.end() && r->empty());
}

// Why the relative `path` may not be used below the output root (`real_root`, resolved): it is
// not a plain relative path, or it resolves outside the root through a symbolic link. Empty
// when it may. `resolved_dirs` caches the directories already resolved, so a directory of
// many files is resolved once.
std::string PathProblem(const fs::path& real_root, const std::string& path,
                        std::map<std::string, bool>& resolved_dirs) {
  if (const std::string_view why = RelativePathProblem(path); !why.empty()) return std::string(why);
  auto escapes = [&](const fs::path& p) {
    std::error_code ec;
    const fs::path resolved = fs::weakly_canonical(real_root / p, ec);
    return ec || !IsWithin(resolved, real_root);
  };
  const std::string dir = fs::path(path).parent_path().string();
  auto [it, inserted] = resolved_dirs.emplace(dir, false);
  if (inserted) it->second = escapes(dir);
  std::error_code ec;
  if (it->second || (fs::is_symlink(real_root / path, ec) && escapes(path))) {
    return "leads outside the output directory (through a symbolic link)";
  }
  return "";
}

fs::path RealRoot(const fs::path& base) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(base, ec);
  fs::path real = fs::weakly_canonical(absolute, ec);
  return ec ? absolute.lexically_normal() : real;
}

// The problems of the paths this commit would touch besides the manifest itself: the run's
// files and every file the manifest lists.
std::vector<std::string> PathsOutside(const fs::path& real_root,
                                      const std::map<std::string, std::string>& files,
                                      const std::optional<Manifest>& manifest,
                                      std::map<std::string, bool>& resolved_dirs) {
  std::vector<std::string> out;
  for (const auto& [path, content] : files) {
    if (std::string why = PathProblem(real_root, path, resolved_dirs); !why.empty())
      out.push_back("output file '" + path + "' " + why);
    // A file that another output needs as its directory: the two overlap.
    for (std::size_t slash = path.find('/'); slash != std::string::npos;
         slash = path.find('/', slash + 1)) {
      if (files.count(path.substr(0, slash)) > 0) {
        out.push_back("output file '" + path.substr(0, slash) +
                      "' would also be the directory of '" + path + "': two outputs overlap");
      }
    }
  }
  if (!manifest) return out;
  for (const auto& [path, hashes] : *manifest) {
    if (std::string why = PathProblem(real_root, path, resolved_dirs); !why.empty())
      out.push_back(std::string(kManifestName) + " lists '" + path + "', which " + why);
  }
  return out;
}

}  // namespace

WriteReport CommitToDisk(const std::map<std::string, std::string>& files, const std::string& root,
                         const CommitOptions& options) {
  WriteReport report;
  const fs::path base(root);
  const DeferredSignals deferred;
  // Nothing outside the output directory is read, written or removed, whatever a manifest (in
  // the untrusted output tree) lists or a symbolic link there points to.
  const fs::path real_root = RealRoot(base);
  std::map<std::string, bool> resolved_dirs;
  if (std::string why = PathProblem(real_root, kManifestName, resolved_dirs); !why.empty()) {
    report.outside.push_back(std::string("the manifest ") + kManifestName + " " + why);
  }
  const auto manifest = report.outside.empty() ? LoadManifest(base) : std::nullopt;
  if (report.outside.empty())
    report.outside = PathsOutside(real_root, files, manifest, resolved_dirs);
  if (!report.outside.empty()) {
    report.error = "paths lead outside the output directory; nothing was written";
    return report;
  }
  if (!options.check_only) {
    std::set<std::string> managed = {kManifestName};
    for (const auto& [path, content] : files) managed.insert(path);
    if (manifest) {
      for (const auto& [path, hashes] : *manifest) managed.insert(path);
    }
    RemoveStaleTemporaries(base, managed);
  }
  // A file on disk is ours to replace only when the manifest says we wrote exactly it. With no
  // manifest (a first run, or a manifest lost) nothing on disk is ours: a file already at an
  // output path with other content is somebody's code.
  auto recorded = [&](const std::string& path) -> const std::set<std::string>* {
    if (!manifest) return nullptr;
    auto it = manifest->find(path);
    return it == manifest->end() ? nullptr : &it->second;
  };
  std::vector<std::string> to_write;
  for (const auto& [path, content] : files) {
    const auto on_disk = ReadIfExists(base / path);
    const std::set<std::string>* hashes = on_disk ? recorded(path) : nullptr;
    if (on_disk && *on_disk == content) {
      report.unchanged.push_back(path);
    } else if (on_disk && !options.force && hashes == nullptr) {
      report.foreign.push_back(path);
    } else if (on_disk && !options.force && !ContentMatches(*hashes, *on_disk)) {
      report.edited.push_back(path);
    } else {
      to_write.push_back(path);
    }
  }
  std::vector<std::string> to_remove;
  if (manifest) {
    for (const auto& [path, hashes] : *manifest) {
      if (files.count(path) > 0) continue;
      const auto on_disk = ReadIfExists(base / path);
      if (!on_disk) continue;
      if (!ContentMatches(hashes, *on_disk) && !options.force) {
        report.edited.push_back(path);
      } else {
        to_remove.push_back(path);
      }
    }
  }
  if (!report.foreign.empty()) {
    report.error = "files schemagen did not write are in the way of its output";
    return report;
  }
  if (!report.edited.empty()) {
    report.error = "generated files were edited by hand since schemagen wrote them";
    return report;
  }
  if (options.check_only) {
    report.written = to_write;
    report.removed = to_remove;
    return report;
  }
  // While files change, the manifest accepts both their old and new content, so a run that
  // dies part-way doesn't make its own half-finished work look edited by hand.
  const Manifest new_manifest = ManifestOf(files);
  if (!to_write.empty() || !to_remove.empty()) {
    Manifest transition = manifest.value_or(Manifest{});
    for (const auto& [path, hashes] : new_manifest) {
      transition[path].insert(hashes.begin(), hashes.end());
    }
    report.error =
        WriteAtomically(base / kManifestName, ManifestText(transition, /*in_progress=*/true));
    if (!report.error.empty()) return report;
  }
  // Stage every new file first: a failure here replaces nothing. Then sync once and rename.
  std::vector<std::string> temps;
  for (const std::string& path : to_write) {
    Staged staged = Stage(base / path, files.at(path));
    if (!staged.error.empty()) {
      for (const std::string& temp : temps) ::unlink(temp.c_str());
      report.error = staged.error;
      return report;
    }
    temps.push_back(std::move(staged.temp));
  }
  if (!temps.empty()) SyncAll(base);
  for (std::size_t i = 0; i < to_write.size(); ++i) {
    report.error = Publish(temps[i], base / to_write[i]);
    if (!report.error.empty()) {
      for (std::size_t j = i + 1; j < temps.size(); ++j) ::unlink(temps[j].c_str());
      return report;
    }
    report.written.push_back(to_write[i]);
  }
  for (const std::string& path : to_remove) {
    std::error_code ec;
    fs::remove(base / path, ec);
    if (ec) {
      report.error = "can't remove '" + (base / path).string() + "': " + ec.message();
      return report;
    }
    report.removed.push_back(path);
  }
  const std::string manifest_text = ManifestText(new_manifest);
  const auto old_manifest = ReadIfExists(base / kManifestName);
  if (!old_manifest || *old_manifest != manifest_text) {
    report.error = WriteAtomically(base / kManifestName, manifest_text);
  }
  return report;
}

}  // namespace schemagen
