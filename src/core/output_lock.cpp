#include "schemagen/output_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace schemagen {

OutputLock::~OutputLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the flock
}

OutputLock::OutputLock(OutputLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

OutputLock& OutputLock::operator=(OutputLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

OutputLock OutputLock::Acquire(const std::string& dir, bool exclusive,
                               void (*on_wait)(const std::string&), std::string& error) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    if (errno != ENOENT) error = "can't open '" + dir + "' to lock it: " + std::strerror(errno);
    return OutputLock();
  }
  const int mode = exclusive ? LOCK_EX : LOCK_SH;
  if (::flock(fd, mode | LOCK_NB) == 0) return OutputLock(fd);
  if (errno == EWOULDBLOCK && on_wait != nullptr) on_wait(dir);
  while (::flock(fd, mode) != 0) {
    if (errno == EINTR) continue;
    error = "can't lock '" + dir + "': " + std::strerror(errno);
    ::close(fd);
    return OutputLock();
  }
  return OutputLock(fd);
}

}  // namespace schemagen
