// One run at a time per output directory. Two runs on the same output (a build system's
// parallel jobs, a developer's run during CI's) would otherwise read the same history, plan the
// same migration twice and interleave their files. A run holds an flock(2) on the output
// directory itself from before it reads the history (or the no-op stamp) until its files are
// committed; a second run waits for it, saying so once, and then sees the first one's result.
// flock locks go with the process: a killed run never leaves a stale lock behind.
#pragma once

#include <string>

namespace schemagen {

class OutputLock {
 public:
  /// An unheld lock.
  OutputLock() = default;
  ~OutputLock();
  OutputLock(OutputLock&& other) noexcept;
  OutputLock& operator=(OutputLock&& other) noexcept;
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

  /// Locks the directory `dir` (exclusive for a run that writes, shared for one that only
  /// reads), waiting for another run that holds it; `on_wait` is called once, before waiting.
  /// An unheld lock when `dir` does not exist yet (then nothing there can be read either:
  /// lock it once it is made). `error` is set when it exists but can't be locked.
  static OutputLock Acquire(const std::string& dir, bool exclusive,
                            void (*on_wait)(const std::string&), std::string& error);

  bool held() const { return fd_ >= 0; }

 private:
  explicit OutputLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace schemagen
