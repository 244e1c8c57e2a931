// What a migration verify runs may change: its scratch, nothing else. The migrations come from
// an output tree nobody vouches for (docs/security.md), and in the schema fallback the scratch
// sits in a database with real data, so a migration that sets its own search_path, calls
// set_config or names another schema would otherwise run against real tables.
//
// Every migration (and every shadow schema) runs inside a transaction verify controls, each
// statement sent alone (Session::ExecEachInTransaction), and before the commit the server's
// state outside the scratch is compared with the state before: the rows this transaction
// inserted, updated or deleted outside it (pg_stat_xact_all_tables), every schema object
// outside it (relations with their columns, defaults, triggers, policies and rules;
// constraints, functions, types, extensions, event triggers, default privileges, large
// objects), what it wrote into the server-wide catalogs (roles, memberships, databases, role
// settings, tablespaces), and the session's role and search_path. Any difference rolls the
// transaction back and fails the migration, naming what it changed. In a scratch database only the
// cluster and the session are outside.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "pg/session.hpp"

namespace schemagen::pg {

class Containment {
 public:
  /// `scratch`: the scratch's name; its schema and every schema named `<scratch>_...` are
  /// inside. `whole_database`: the scratch is a database of its own, all of it inside.
  Containment(Session& session, std::string scratch, bool whole_database);

  /// Runs `statements` in one transaction with `search_path` set for it (SET LOCAL), and
  /// commits only if nothing outside the scratch changed. `failed`: as
  /// Session::ExecEachInTransaction. After it, the session's settings are reset (RESET ALL)
  /// and its search_path is `session_path` (empty: the server's default).
  [[nodiscard]] Result Run(const std::vector<std::string>& statements,
                           const std::string& search_path, std::size_t& failed);

  /// For the one statement that can't run inside a transaction block (CREATE INDEX
  /// CONCURRENTLY in a scratch database): runs it on its own, then compares. What it changed
  /// outside can't be rolled back, but it fails the migration all the same.
  [[nodiscard]] Result RunAlone(const std::string& statement);

  /// The search_path the working session keeps between runs.
  void set_session_path(std::string path) { session_path_ = std::move(path); }

  /// The SQL of the state query (for tests and docs): rows of (kind, name, digest).
  std::string StateQuery() const;

 private:
  using State = std::map<std::string, std::string>;  ///< "kind name" -> digest
  static State StateOf(const Result& rows);
  /// What differs between `before` and `after`, in words; empty when nothing does.
  static std::string Differences(const State& before, const State& after,
                                 const std::string& search_path);
  void ResetSession();

  Session& session_;
  std::string scratch_;
  bool whole_database_;
  std::string session_path_;
};

}  // namespace schemagen::pg
