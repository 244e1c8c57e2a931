// One connection to PostgreSQL. The only door to libpqxx: no libpqxx type appears here, and
// nothing throws through it; a server error comes back as a Result holding its message.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "schemagen/diagnostics.hpp"

namespace schemagen::pg {

/// One row: each field's text, nullopt for NULL.
using Row = std::vector<std::optional<std::string>>;

/// What one command returned: its rows, or the server's error.
struct Result {
  std::vector<Row> rows;
  std::string error;     ///< empty on success; else the message, DETAIL and HINT on one line
  std::string sqlstate;  ///< on error: "23505" (unique_violation), "57014" (canceled)...

  bool ok() const { return error.empty(); }
  /// Field `column` of row `row`; "" for NULL or out of range.
  std::string Text(std::size_t row, std::size_t column) const;
};

/// libpq connection parameters (keyword, value), as given: what is not set comes from the
/// PG* environment variables, as libpq does.
struct ConnInfo {
  std::vector<std::pair<std::string, std::string>> params;
  /// What may be a password in the text the parameters came from (as written and decoded,
  /// whatever libpq made of it): never printed, in any message about this connection.
  std::vector<std::string> secrets;
  /// Seconds one statement may run, 0 for no limit: the server's statement_timeout, and the
  /// client drops the connection (an error, never a hang) when a server that stopped
  /// answering lets it run a few seconds past that.
  int statement_timeout = 0;
  /// Seconds to wait for the connection when the parameters set no connect_timeout.
  int connect_timeout = 0;

  /// A copy with `dbname` replaced.
  ConnInfo WithDatabase(const std::string& dbname) const;
  /// "host='/tmp/x' dbname='postgres'": a key=value string for libpq.
  std::string ToString() const;
};

/// Parses a URL (postgresql://...) or a key=value string with libpq's own parser. nullopt
/// with an error (E0803) when libpq rejects it; the text is never echoed (it may hold a
/// password).
[[nodiscard]] std::optional<ConnInfo> ParseConnInfo(const std::string& text,
                                                    Diagnostics& diagnostics);

/// The sqlstate of a transaction ExecEachInTransaction rolled back because its check refused.
inline constexpr const char* kRefused = "SG001";

class Session {
 public:
  /// Connects. nullopt-like (null) with an error (E0803) naming `what` when the server can't
  /// be reached or refuses the login.
  [[nodiscard]] static std::unique_ptr<Session> Open(const ConnInfo& info, const std::string& what,
                                                     Diagnostics& diagnostics);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  /// Runs `sql`, one statement or several, in autocommit mode.
  [[nodiscard]] Result Exec(const std::string& sql);
  /// Runs one statement with $1, $2... bound to `params` (as text).
  [[nodiscard]] Result Exec(const std::string& sql, const std::vector<std::string>& params);
  /// Runs `script` in one transaction: all of it, or (on an error) none of it.
  [[nodiscard]] Result ExecInTransaction(const std::string& script);
  /// Runs `statements` in one transaction, each sent alone with the extended protocol, which
  /// takes exactly one command a message (so no statement can carry a second one past what
  /// the caller checked of it); then runs `check` in the same transaction and commits only
  /// when `accept` finds nothing wrong in its rows (an empty string). Otherwise rolls back and
  /// returns `accept`'s reason as the error, with sqlstate kRefused. `failed` is the index of
  /// the statement that failed, `statements.size()` when none did.
  [[nodiscard]] Result ExecEachInTransaction(
      const std::vector<std::string>& statements, const std::string& check,
      const std::function<std::string(const Result&)>& accept, std::size_t& failed);
  /// Asks the server to cancel the command running now, if any. Safe to call from another
  /// thread while Exec runs; never throws, never blocks: the request is sent from a thread of
  /// its own, and when the command has not ended a few seconds later (a server that stopped
  /// answering) the connection is dropped, so the command fails at once.
  void Cancel() noexcept;
  /// "postgres@/tmp/schemagen-verify-x1y2:5432/postgres": never a password.
  std::string Describe() const;
  /// From now on a command that runs longer than `seconds` (plus a few) drops the connection,
  /// if that is sooner than before: cleanup after an interruption must not wait for a server
  /// that stopped answering.
  void LimitStatementsTo(int seconds);
  /// PostgreSQL's version number: 150004 for 15.4.
  int ServerVersion() const;
  /// False once the connection is lost.
  bool IsOpen() const;

 private:
  struct Impl;
  class Busy;
  explicit Session(std::shared_ptr<Impl> impl);
  std::shared_ptr<Impl> impl_;  ///< shared with a cancel request still under way
};

}  // namespace schemagen::pg
