// The no-op fast path, as ninja and make have it: a run that changed nothing records what it
// read and wrote by file identity (inode, size, modification time) beside a key of everything
// else it depended on (schemagen's binary, the arguments, the working directory, the schema's
// text). The next run with the same key whose files all still have their recorded identity
// stops after reading the schema: generating would produce the same files, already on disk.
//
// The stamp lives in a cache directory, never in the output tree: modification times change
// with every checkout, so they must not be committed. Without a usable cache directory there
// is no stamp and every run generates.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace schemagen::stamp {

/// One file (or directory) as the stamp recorded it.
struct FileIdentity {
  std::string path;
  std::uint64_t inode = 0;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;

  friend bool operator==(const FileIdentity&, const FileIdentity&) = default;
};

/// The identity of `path` now, or nothing when it can't be read.
std::optional<FileIdentity> Identify(const std::string& path);

struct Stamp {
  std::string key;                  ///< everything but the files a run depended on
  std::vector<FileIdentity> files;  ///< inputs, outputs, their directories, manifest, depfile
  std::size_t generated = 0;        ///< files the run generated (its "unchanged" count)
};

/// Where the stamp of the output root `root` is kept: $SCHEMAGEN_CACHE_DIR (empty: no stamps),
/// else $XDG_CACHE_HOME/schemagen, else $HOME/.cache/schemagen, then stamps/<hash of the
/// absolute root>. Empty when there is no such directory to use.
std::string StampPath(const std::string& root);

/// The stamp at `path` when its key is `key` and every file it records still has its
/// identity, and none was modified in the same clock tick as the stamp was written (such a
/// change could hide behind an equal timestamp, as git's "racily clean" entries can).
std::optional<Stamp> LoadIfCurrent(const std::string& path, const std::string& key);

/// Writes the stamp (crash-safe: temporary file and rename); false when it can't. A stamp
/// whose paths hold a newline is not written. Stamps not rewritten for 30 days are removed.
bool Save(const std::string& path, const Stamp& stamp);

/// Removes the stamp, if any: a run that failed or warned must not be skipped next time.
void Remove(const std::string& path);

}  // namespace schemagen::stamp
