// A throwaway PostgreSQL server for `schemagen verify` when no database is named: initdb and
// pg_ctl in a private /tmp directory, listening only on a Unix socket inside it (no TCP port,
// so it can't clash with anything), stopped and deleted when the object goes.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pg/session.hpp"
#include "schemagen/diagnostics.hpp"

namespace schemagen::pg {

/// The directory holding initdb and pg_ctl: $SCHEMAGEN_PG_BINDIR, else `pg_config --bindir`,
/// else the newest /usr/lib/postgresql/<version>/bin, else the PATH. nullopt if none has both.
std::optional<std::string> FindServerBinaries();

class LocalServer {
 public:
  /// Creates, configures and starts the server. As root, the server runs as the `postgres`
  /// user (PostgreSQL refuses root), who then owns the directory. nullptr with an error:
  /// E0804 when no server binaries are installed, E0805 when it does not start (with the end
  /// of its log).
  /// `bindir`, when not empty, is where initdb and pg_ctl must be (verify --postgres-bin: a
  /// server of the major the migrations are deployed on); else FindServerBinaries().
  [[nodiscard]] static std::unique_ptr<LocalServer> Start(Diagnostics& diagnostics,
                                                          const std::string& bindir = "");
  /// Stop() if not done yet.
  ~LocalServer();
  LocalServer(const LocalServer&) = delete;
  LocalServer& operator=(const LocalServer&) = delete;

  /// Stops the server (immediate shutdown: nothing in it is worth keeping) and deletes its
  /// directory. False with an error (E0807) naming what is left.
  bool Stop(Diagnostics& diagnostics);
  /// How to reach it as its superuser: host=<directory> port=5432 user=postgres.
  ConnInfo Connection() const;
  const std::string& directory() const { return directory_; }

 private:
  LocalServer(std::string bindir, std::string directory, std::string user);
  bool Init(Diagnostics& diagnostics);
  int Run(const std::vector<std::string>& argv, const std::string& log) const;
  std::string LogTail() const;

  std::string bindir_;
  std::string directory_;
  std::string user_;  ///< the account the server runs as when we are root; empty otherwise
  bool stopped_ = false;
};

}  // namespace schemagen::pg
