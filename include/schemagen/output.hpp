// Generators write only through an OutputSink. Tests use MemorySink; the CLI generates into a
// MemorySink too and commits it to disk only when the whole run succeeded, so a failed run
// never leaves a partial tree.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
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
  /// Moves the files out, leaving the sink empty.
  std::map<std::string, std::string> Take() { return std::exchange(files_, {}); }

 private:
  std::map<std::string, std::string> files_;
};

/// The manifest schemagen keeps in the output root: every file it wrote, with a hash of the
/// content it wrote, so later runs know which files are theirs and whether one was edited.
inline constexpr const char* kManifestName = ".schemagen-manifest.json";

/// The paths a manifest's text lists (relative to its directory, as written there: not
/// checked); none when it is not a manifest.
std::vector<std::string> ManifestFiles(std::string_view manifest_text);
/// True for the manifest of a run that was stopped while it changed files (killed): it lists
/// what that run was about to write, not what a finished run wrote.
bool ManifestInProgress(std::string_view manifest_text);

struct CommitOptions {
  /// Overwrite (or remove) generated files even when they were edited by hand since.
  bool force = false;
  /// Compute what would change, write nothing.
  bool check_only = false;
};

/// What committing a set of files to disk did (or, with check_only, would do).
struct WriteReport {
  std::vector<std::string> written;    ///< new or changed (check_only: stale or missing)
  std::vector<std::string> unchanged;  ///< already on disk with this content; not touched
  std::vector<std::string> removed;    ///< generated before, no longer produced
  std::vector<std::string> edited;     ///< changed by hand since generated: left alone
  std::vector<std::string> foreign;  ///< at an output path, never written by schemagen: left alone
  /// Paths (of this run's files or the manifest's) that leave the output directory, each with
  /// why; when any, nothing is read there, written or removed.
  std::vector<std::string> outside;
  std::string error;  ///< empty on success

  bool UpToDate() const {
    return written.empty() && removed.empty() && edited.empty() && foreign.empty();
  }
};

/// Brings `root` to hold exactly `files` among the files schemagen generates there:
/// - a file whose content is already on disk is not touched (its mtime stays);
/// - others are first all written to temporary files in their directories, synced to disk
///   once, then renamed over their targets: each file is either the old or the new one, never
///   half-written, and a failure before the renames replaces nothing;
/// - files the previous run wrote (per the manifest) that `files` no longer has are removed;
/// - a file changed by hand since schemagen wrote it is neither overwritten nor removed
///   without `force`: the run stops before writing anything, and `edited` names the files;
/// - a file schemagen never wrote (no manifest entry: on a first run, every file already
///   there) is never overwritten without `force`: the run stops before writing anything, and
///   `foreign` names the files;
/// - every path, this run's and the manifest's, must resolve (symlinks included) inside
///   `root`; otherwise the run stops before reading, writing or removing anything there, and
///   `outside` says which and why;
/// - the manifest is written last.
[[nodiscard]] WriteReport CommitToDisk(const std::map<std::string, std::string>& files,
                                       const std::string& root, const CommitOptions& options = {});

/// Writes one file outside any output tree (a depfile) the same crash-safe way: temporary file
/// in the same directory, then rename. Returns an error message, empty on success.
[[nodiscard]] std::string WriteFileAtomically(const std::string& path, const std::string& content);

/// A Make/Ninja depfile: `targets: inputs`, paths escaped for Make (spaces, '#', '$').
std::string Depfile(const std::vector<std::string>& targets,
                    const std::vector<std::string>& inputs);

/// The prefix of the manifest's content hashes.
inline constexpr const char* kContentHashPrefix = "xxh3:";
/// A stable 64-bit hash of `content` as the manifest records it: "xxh3:" + 16 hex digits of
/// XXH3-64 (manifests written by earlier versions hold 16 bare hex digits of FNV-1a, which
/// ContentMatches still reads, so upgrading never makes generated files look edited).
std::string ContentHash(std::string_view content);
/// Whether `content` has one of the `recorded` hashes (either kind).
bool ContentMatches(const std::set<std::string>& recorded, std::string_view content);

}  // namespace schemagen
