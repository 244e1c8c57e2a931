// Ctrl-C without signal handlers: while an InterruptGuard lives, SIGINT, SIGTERM and SIGHUP are
// blocked in every thread and one watcher thread waits for them. On a signal it sets a flag
// and calls the current canceller (cancel the running query, stop the running child), so the
// main thread returns from whatever it waits on, sees the flag, and cleans up as on any error.
#pragma once

#include <functional>

namespace schemagen::pg {

class InterruptGuard {
 public:
  /// Blocks the signals (call it before any other thread starts) and starts the watcher.
  InterruptGuard();
  /// Stops the watcher and restores the signal mask. A signal that arrived is not re-raised:
  /// the caller exits with 128 + Signal().
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  /// True once a signal arrived.
  static bool Interrupted();
  /// The signal that arrived (SIGINT...), 0 if none.
  static int Signal();
  /// From now on a signal only sets the flag: cleanup must run to the end.
  static void Disarm();
};

/// Makes `cancel` the canceller a signal calls while this scope lives (scopes nest).
class CancelScope {
 public:
  explicit CancelScope(std::function<void()> cancel);
  ~CancelScope();
  CancelScope(const CancelScope&) = delete;
  CancelScope& operator=(const CancelScope&) = delete;

 private:
  std::function<void()> previous_;
};

/// The signal mask a child process should start with (nothing blocked); call in the child
/// between fork and exec.
void UnblockSignalsInChild();

}  // namespace schemagen::pg
