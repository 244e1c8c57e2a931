#include "pg/interrupt.hpp"

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <ctime>
#include <mutex>
#include <thread>

namespace schemagen::pg {
namespace {

std::atomic<int> g_signal{0};
std::atomic<bool> g_armed{false};
std::atomic<bool> g_stop{false};
std::mutex g_mutex;  // guards g_cancel
std::function<void()> g_cancel;
std::thread g_watcher;
sigset_t g_previous_mask;

sigset_t WatchedSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  return set;
}

// Waits in short slices so the destructor can stop it without sending itself a signal.
void Watch() {
  const sigset_t set = WatchedSignals();
  const timespec slice{0, 100'000'000};
  while (!g_stop.load()) {
    const int sig = sigtimedwait(&set, nullptr, &slice);
    if (sig <= 0) continue;
    int none = 0;
    g_signal.compare_exchange_strong(none, sig);
    if (!g_armed.load()) continue;
    std::lock_guard<std::mutex> lock(g_mutex);
    if (g_cancel) g_cancel();
  }
}

}  // namespace

InterruptGuard::InterruptGuard() {
  const sigset_t set = WatchedSignals();
  pthread_sigmask(SIG_BLOCK, &set, &g_previous_mask);
  g_signal = 0;
  g_stop = false;
  g_armed = true;
  g_watcher = std::thread(Watch);
}

InterruptGuard::~InterruptGuard() {
  g_armed = false;
  g_stop = true;
  if (g_watcher.joinable()) g_watcher.join();
  // Drop signals that arrived after the watcher stopped rather than die of them now.
  const sigset_t set = WatchedSignals();
  sigset_t pending;
  const timespec zero{0, 0};
  while (sigpending(&pending) == 0 &&
         (sigismember(&pending, SIGINT) == 1 || sigismember(&pending, SIGTERM) == 1 ||
          sigismember(&pending, SIGHUP) == 1)) {
    const int sig = sigtimedwait(&set, nullptr, &zero);
    if (sig <= 0) break;
    int none = 0;
    g_signal.compare_exchange_strong(none, sig);
  }
  pthread_sigmask(SIG_SETMASK, &g_previous_mask, nullptr);
}

bool InterruptGuard::Interrupted() { return g_signal.load() != 0; }

int InterruptGuard::Signal() { return g_signal.load(); }

void InterruptGuard::Disarm() {
  g_armed = false;
  std::lock_guard<std::mutex> lock(g_mutex);
  g_cancel = nullptr;
}

CancelScope::CancelScope(std::function<void()> cancel) {
  std::lock_guard<std::mutex> lock(g_mutex);
  previous_ = std::move(g_cancel);
  g_cancel = std::move(cancel);
}

CancelScope::~CancelScope() {
  std::lock_guard<std::mutex> lock(g_mutex);
  g_cancel = std::move(previous_);
}

void UnblockSignalsInChild() {
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
}

}  // namespace schemagen::pg
