// All reading of input files goes through this interface (ninja's DiskInterface), so tests
// can run the whole pipeline on an in-memory file system.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace schemagen {

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  /// The file's content, or nullopt with `error` set to the reason.
  virtual std::optional<std::string> Read(const std::string& path, std::string& error) const = 0;
  /// The names of the regular files directly in `dir`, sorted; an empty list when `dir` does
  /// not exist; nullopt with `error` set when it can't be read.
  virtual std::optional<std::vector<std::string>> List(const std::string& dir,
                                                       std::string& error) const = 0;
};

/// The whole content of the file at `path`, read with one read() of its size when it is a
/// regular file (in pieces otherwise: a pipe, a device); nullopt with `error` set to the
/// reason.
std::optional<std::string> ReadWholeFile(const std::string& path, std::string& error);

/// The real file system.
class DiskFileSystem final : public FileSystem {
 public:
  std::optional<std::string> Read(const std::string& path, std::string& error) const override;
  std::optional<std::vector<std::string>> List(const std::string& dir,
                                               std::string& error) const override;
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
