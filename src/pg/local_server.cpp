#include "pg/local_server.hpp"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "pg/interrupt.hpp"

namespace schemagen::pg {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPort = "5432";

bool HasServer(const fs::path& dir) {
  std::error_code ec;
  return !dir.empty() && fs::exists(dir / "initdb", ec) && fs::exists(dir / "pg_ctl", ec);
}

std::string PgConfigBindir() {
  FILE* pipe = popen("pg_config --bindir 2>/dev/null", "r");
  if (pipe == nullptr) return "";
  char buffer[4096];
  std::string out;
  while (fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
  pclose(pipe);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

// The newest /usr/lib/postgresql/<major>/bin that has a server (Debian's layout).
std::string NewestDebianBindir() {
  std::error_code ec;
  int best = -1;
  std::string found;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const std::string version = entry.path().filename().string();
    const int major = std::atoi(version.c_str());
    if (major > best && HasServer(entry.path() / "bin")) {
      best = major;
      found = (entry.path() / "bin").string();
    }
  }
  return found;
}

std::string PathBindir() {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path != nullptr ? path : "");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (HasServer(dir)) return dir;
  }
  return "";
}

// The unprivileged account a root-started server runs as.
std::optional<passwd> ServerAccount() {
  for (const char* name : {"postgres", "nobody"}) {
    if (const passwd* pw = getpwnam(name)) return *pw;
  }
  return std::nullopt;
}

// Everything the child needs, prepared before fork: after it only async-signal-safe calls.
struct ChildPlan {
  std::vector<std::string> argv;
  std::string log;
  bool switch_user = false;
  uid_t uid = 0;
  gid_t gid = 0;
  std::vector<gid_t> groups;
};

[[noreturn]] void RunChild(const ChildPlan& plan, char* const* argv) {
  UnblockSignalsInChild();
  setpgid(0, 0);  // the terminal's Ctrl-C is ours to handle, not the child's
  if (plan.switch_user && (setgroups(plan.groups.size(), plan.groups.data()) != 0 ||
                           setgid(plan.gid) != 0 || setuid(plan.uid) != 0)) {
    _exit(126);
  }
  const int null_fd = open("/dev/null", O_RDONLY);
  const int log_fd = open(plan.log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  if (null_fd < 0 || log_fd < 0) _exit(126);
  dup2(null_fd, STDIN_FILENO);
  dup2(log_fd, STDOUT_FILENO);
  dup2(log_fd, STDERR_FILENO);
  execv(argv[0], argv);
  _exit(127);
}

int WaitFor(pid_t pid) {
  const CancelScope cancel([pid] { kill(pid, SIGTERM); });
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// When pg_ctl could not stop the server, the pid file's first line names the postmaster; kill
// it only if that process really is the postgres of `data` (a stale pid may be reused).
void KillLeftover(const std::string& data) {
  std::ifstream pid_file(data + "/postmaster.pid");
  long pid = 0;
  if (!(pid_file >> pid) || pid <= 0) return;
  std::ifstream cmdline("/proc/" + std::to_string(pid) + "/cmdline");
  std::ostringstream text;
  text << cmdline.rdbuf();
  if (text.str().find(data) != std::string::npos) kill(static_cast<pid_t>(pid), SIGKILL);
}

}  // namespace

std::optional<std::string> FindServerBinaries() {
  if (const char* dir = std::getenv("SCHEMAGEN_PG_BINDIR"); dir != nullptr && HasServer(dir)) {
    return std::string(dir);
  }
  for (const std::string& dir : {PgConfigBindir(), NewestDebianBindir(), PathBindir()}) {
    if (HasServer(dir)) return dir;
  }
  return std::nullopt;
}

LocalServer::LocalServer(std::string bindir, std::string directory, std::string user)
    : bindir_(std::move(bindir)), directory_(std::move(directory)), user_(std::move(user)) {}

LocalServer::~LocalServer() {
  Diagnostics ignored;
  (void)Stop(ignored);
}

std::unique_ptr<LocalServer> LocalServer::Start(Diagnostics& diagnostics,
                                                const std::string& chosen) {
  if (!chosen.empty() && !HasServer(chosen)) {
    diagnostics.Error("E0804", std::nullopt,
                      "no PostgreSQL server in '" + chosen +
                          "': --postgres-bin names the bin/ directory that holds initdb and "
                          "pg_ctl (for example /usr/lib/postgresql/12/bin)");
    return nullptr;
  }
  const std::optional<std::string> bindir = chosen.empty() ? FindServerBinaries() : chosen;
  if (!bindir) {
    diagnostics.Error("E0804", std::nullopt,
                      "no PostgreSQL server to start: initdb and pg_ctl are not installed. Install "
                      "them (`apt-get install postgresql`), or name a server with --database URL");
    return nullptr;
  }
  // Under /tmp, not $TMPDIR: a socket path must stay under about 100 bytes.
  char pattern[] = "/tmp/schemagen-verify-XXXXXX";
  if (mkdtemp(pattern) == nullptr) {
    diagnostics.Error("E0805", std::nullopt,
                      std::string("can't create a directory in /tmp: ") + std::strerror(errno));
    return nullptr;
  }
  std::string user;
  if (geteuid() == 0) {
    // PostgreSQL refuses to run as root.
    const std::optional<passwd> account = ServerAccount();
    if (!account || chown(pattern, account->pw_uid, account->pw_gid) != 0) {
      fs::remove_all(pattern);
      diagnostics.Error("E0805", std::nullopt,
                        "running as root, but there is no 'postgres' user to run the server as");
      return nullptr;
    }
    user = account->pw_name;
  }
  std::unique_ptr<LocalServer> server(new LocalServer(*bindir, pattern, user));
  if (!server->Init(diagnostics)) return nullptr;  // the destructor removes the directory
  return server;
}

bool LocalServer::Init(Diagnostics& diagnostics) {
  const std::string data = directory_ + "/data";
  const int initdb = Run({bindir_ + "/initdb", "-D", data, "-U", "postgres", "--auth=trust",
                          "--no-sync", "--locale=C", "--encoding=UTF8"},
                         directory_ + "/initdb.log");
  if (initdb != 0) {
    if (InterruptGuard::Interrupted()) return false;  // the interruption is the news
    diagnostics.Error("E0805", std::nullopt,
                      "initdb failed (exit " + std::to_string(initdb) + "): " + LogTail());
    return false;
  }
  // Throwaway data: durability is not wanted, speed is. No TCP: only our socket.
  std::ofstream(data + "/postgresql.conf", std::ios::app)
      << "\nlisten_addresses = ''\nunix_socket_directories = '" << directory_
      << "'\nport = " << kPort
      << "\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n";
  const int started = Run({bindir_ + "/pg_ctl", "-D", data, "-l", directory_ + "/server.log", "-w",
                           "-t", "60", "-s", "start"},
                          directory_ + "/pg_ctl.log");
  if (started != 0) {
    if (InterruptGuard::Interrupted()) return false;
    diagnostics.Error("E0805", std::nullopt,
                      "the throwaway PostgreSQL server did not start (pg_ctl exit " +
                          std::to_string(started) + "): " + LogTail());
    return false;
  }
  return true;
}

int LocalServer::Run(const std::vector<std::string>& argv, const std::string& log) const {
  ChildPlan plan;
  plan.argv = argv;
  plan.log = log;
  if (!user_.empty()) {
    const passwd* pw = getpwnam(user_.c_str());
    if (pw == nullptr) return -1;
    plan.switch_user = true;
    plan.uid = pw->pw_uid;
    plan.gid = pw->pw_gid;
    int count = 64;
    plan.groups.resize(static_cast<std::size_t>(count));
    if (getgrouplist(user_.c_str(), pw->pw_gid, plan.groups.data(), &count) < 0) count = 0;
    plan.groups.resize(static_cast<std::size_t>(count));
  }
  std::vector<char*> args;
  for (const std::string& a : plan.argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) RunChild(plan, args.data());
  return WaitFor(pid);
}

std::string LocalServer::LogTail() const {
  std::string text;
  for (const char* name : {"/initdb.log", "/pg_ctl.log", "/server.log"}) {
    std::ifstream in(directory_ + name);
    std::ostringstream content;
    content << in.rdbuf();
    text += content.str();
  }
  while (!text.empty() && text.back() == '\n') text.pop_back();
  // The last lines say what went wrong; the rest is initdb's progress report.
  std::size_t start = text.size();
  for (int lines = 0; lines < 12 && start != 0; ++lines) {
    const std::size_t newline = text.rfind('\n', start - 1);
    start = newline == std::string::npos ? 0 : newline;
  }
  if (start != 0) text = "..." + text.substr(start);
  return text.empty() ? "(no log)" : text;
}

bool LocalServer::Stop(Diagnostics& diagnostics) {
  if (stopped_) return true;
  stopped_ = true;
  const std::string data = directory_ + "/data";
  std::error_code ec;
  if (fs::exists(data + "/postmaster.pid", ec)) {
    (void)Run({bindir_ + "/pg_ctl", "-D", data, "-m", "immediate", "-w", "-t", "30", "-s", "stop"},
              "/dev/null");
  }
  KillLeftover(data);
  fs::remove_all(directory_, ec);
  if (fs::exists(directory_, ec)) {
    diagnostics.Error("E0807", std::nullopt,
                      "could not remove the throwaway server's directory " + directory_);
    return false;
  }
  return true;
}

ConnInfo LocalServer::Connection() const {
  return ConnInfo{
      {{"host", directory_}, {"port", kPort}, {"user", "postgres"}, {"dbname", "postgres"}}, {}};
}

}  // namespace schemagen::pg
