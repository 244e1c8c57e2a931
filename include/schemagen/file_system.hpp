// All reading of input files goes through this interface (ninja's DiskInterface), so tests
// can run the whole pipeline on an in-memory file system.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace schemagen {

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  /// `path` with every symbolic link resolved, absolute; as given where there are none (the
  /// in-memory file system).
  virtual std::string RealPath(const std::string& path) const { return path; }
  /// The file's content, or nullopt with `error` set to the reason.
  virtual std::optional<std::string> Read(const std::string& path, std::string& error) const = 0;
  /// The names of the regular files directly in `dir`, sorted; an empty list when `dir` does
  /// not exist; nullopt with `error` set when it can't be read.
  virtual std::optional<std::vector<std::string>> List(const std::string& dir,
                                                       std::string& error) const = 0;
};

/// Why `path` is not a plain relative path (one schemagen may use below a directory it was
/// given), empty when it is: "is empty", "is an absolute path", "has a control character or a
/// backslash", "is not a plain relative path" (an empty, "." or ".." component). The one rule
/// for the schema header's paths, the output's files and the manifest's and history's names;
/// it says nothing of symbolic links.
std::string_view RelativePathProblem(std::string_view path);

/// The most schemagen reads from one input file (a schema, an import, a template, a history
/// file) or from standard input: 512 MiB, the largest schema E0148 accepts. A larger input is
/// an error, never a hang or a crash.
inline constexpr std::size_t kMaxInputSize = std::size_t{512} << 20;

/// The whole content of the regular file at `path`, read with one read() of its size; nullopt
/// with `error` set to the reason when it can't be read, is not a regular file (a FIFO, a
/// device, a directory: opening never blocks) or holds more than `max_size` bytes.
std::optional<std::string> ReadWholeFile(const std::string& path, std::string& error,
                                         std::size_t max_size = kMaxInputSize);

/// Standard input to its end, within `max_size` bytes; nullopt with `error` set otherwise.
std::optional<std::string> ReadStandardInput(std::string& error,
                                             std::size_t max_size = kMaxInputSize);

/// The real file system.
class DiskFileSystem final : public FileSystem {
 public:
  std::string RealPath(const std::string& path) const override;
  std::optional<std::string> Read(const std::string& path, std::string& error) const override;
  std::optional<std::vector<std::string>> List(const std::string& dir,
                                               std::string& error) const override;
};

/// `fs`, for reading only what lies inside `root` once every symbolic link is resolved: a
/// path that leads elsewhere fails to read (or list) with a reason, never reads what is
/// there. For trees nobody vouches for (an output directory's history).
class RootedFileSystem final : public FileSystem {
 public:
  RootedFileSystem(const FileSystem& fs, const std::string& root);
  std::string RealPath(const std::string& path) const override { return fs_.RealPath(path); }
  std::optional<std::string> Read(const std::string& path, std::string& error) const override;
  std::optional<std::vector<std::string>> List(const std::string& dir,
                                               std::string& error) const override;

 private:
  bool Inside(const std::string& path, std::string& error) const;
  const FileSystem& fs_;
  std::string real_root_;
};

/// Files held in memory, by path; for tests.
class MemoryFileSystem final : public FileSystem {
 public:
  void Add(const std::string& path, std::string content) { files_[path] = std::move(content); }
  std::optional<std::string> Read(const std::string& path, std::string& error) const override;
  std::optional<std::vector<std::string>> List(const std::string& dir,
                                               std::string& error) const override;

 private:
  std::map<std::string, std::string> files_;
};

}  // namespace schemagen
