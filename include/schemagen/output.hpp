// Generators write only through an OutputSink. Tests use MemorySink; the CLI generates into a
// MemorySink too and commits it to disk only when the whole run succeeded, so a failed run
// never leaves a partial tree.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace schemagen {

/// Receives generated files by path relative to the output root ('/'-separated).
class OutputSink {
 public:
  virtual ~OutputSink() = default;
  virtual void Write(const std::string& path, std::string content) = 0;
};

/// Keeps files in memory, ordered by path.
class MemorySink final : public OutputSink {
 public:
  void Write(const std::string& path, std::string content) override;
  const std::map<std::string, std::string>& files() const { return files_; }

 private:
  std::map<std::string, std::string> files_;
};

/// What committing a set of files to disk did.
struct WriteReport {
  std::vector<std::string> written;
  std::vector<std::string> unchanged;
  std::string error;  ///< empty on success
};

/// Writes `files` under `root`: a file whose content is already on disk is not touched (its
/// mtime stays); others are written to a temporary file in the same directory and renamed
/// over the target, so each file is either the old or the new one, never half-written.
[[nodiscard]] WriteReport CommitToDisk(const std::map<std::string, std::string>& files,
                                       const std::string& root);

}  // namespace schemagen
