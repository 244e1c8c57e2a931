#include "pg/session.hpp"
#include "pg/redact.hpp"

#include <libpq-fe.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <optional>
#include <pqxx/pqxx>
#include <regex>
#include <string_view>
#include <thread>

namespace schemagen::pg {
namespace {

// "ERROR:  x\nDETAIL:  y\n" -> "x; DETAIL: y".
std::string OneLine(const std::string& message) {
  std::string out;
  std::size_t start = 0;
  while (start < message.size()) {
    std::size_t end = message.find('\n', start);
    if (end == std::string::npos) end = message.size();
    std::string line = message.substr(start, end - start);
    start = end + 1;
    for (const char* prefix : {"ERROR:  ", "FATAL:  "}) {
      if (line.rfind(prefix, 0) == 0) line.erase(0, std::char_traits<char>::length(prefix));
    }
    for (const char* label : {"FATAL:  ", "DETAIL:  ", "HINT:  ", "CONTEXT:  "}) {
      const std::size_t at = line.find(label);  // "DETAIL:  y" -> "DETAIL: y"
      if (at != std::string::npos) line.erase(at + std::char_traits<char>::length(label) - 1, 1);
    }
    // Blank lines, and the caret under "LINE n:" (it only lines up in a terminal).
    const std::size_t text = line.find_first_not_of(" \t");
    if (text == std::string::npos || line.substr(text) == "^") continue;
    line.erase(0, text);
    out += out.empty() ? line : "; " + line;
  }
  return out.empty() ? "unknown error" : out;
}

Result Rows(const pqxx::result& result) {
  Result out;
  out.rows.reserve(result.size());
  for (const pqxx::row& row : result) {
    Row values;
    values.reserve(row.size());
    for (const pqxx::field& field : row) {
      values.push_back(field.is_null() ? std::nullopt : std::optional<std::string>(field.c_str()));
    }
    out.rows.push_back(std::move(values));
  }
  return out;
}

Result Failure(std::string message, std::string sqlstate) {
  Result out;
  out.error = OneLine(message);
  out.sqlstate = sqlstate.empty() ? "XX000" : std::move(sqlstate);
  return out;
}

// Runs `body` and turns every libpqxx exception into a failed Result.
template <typename Body>
Result Guarded(Body body) {
  try {
    return body();
  } catch (const pqxx::insufficient_privilege& e) {
    // libpqxx 6 throws this one without its SQLSTATE (row-level security's WITH CHECK, a
    // missing grant): the class says it.
    return Failure(e.what(), e.sqlstate().empty() ? "42501" : e.sqlstate());
  } catch (const pqxx::sql_error& e) {
    return Failure(e.what(), e.sqlstate());
  } catch (const pqxx::broken_connection& e) {
    return Failure(std::string("connection lost: ") + e.what(), "08006");
  } catch (const std::exception& e) {
    return Failure(e.what(), "");
  }
}

std::string Quoted(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

// Notices (DROP ... IF EXISTS, cascades) are noise here; warnings and errors still come back.
// Added to the caller's own options (given, or from PGOPTIONS), not instead of them.
ConnInfo Quiet(const ConnInfo& info) {
  ConnInfo out;
  const char* env = std::getenv("PGOPTIONS");
  std::string options = env != nullptr ? env : "";
  for (const auto& [key, value] : info.params) {
    if (key == "options") {
      options = value;
    } else {
      out.params.emplace_back(key, value);
    }
  }
  if (info.statement_timeout > 0) {
    options += " -c statement_timeout=" + std::to_string(info.statement_timeout) + "s";
  }
  out.params.emplace_back("options", options + " -c client_min_messages=warning");
  const bool has_timeout = std::any_of(info.params.begin(), info.params.end(),
                                       [](const auto& p) { return p.first == "connect_timeout"; });
  if (!has_timeout && info.connect_timeout > 0 && std::getenv("PGCONNECT_TIMEOUT") == nullptr) {
    out.params.emplace_back("connect_timeout", std::to_string(info.connect_timeout));
  }
  return out;
}

}  // namespace

// The connection, and a watchdog that drops it (shutdown(2) on its socket: the command
// waiting on it fails at once) when a command outlives the statement timeout by kGrace, or a
// cancel request by kCancelGrace: a server that stopped answering (SIGSTOP, a network gone)
// can't cancel anything, nor answer PQcancel.
struct Session::Impl {
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::seconds kGrace{5};
  static constexpr std::chrono::seconds kCancelGrace{3};

  Impl(const std::string& conninfo, int timeout_seconds)
      : connection(conninfo), statement_timeout(timeout_seconds), watchdog([this] { Watch(); }) {}
  ~Impl() {
    {
      const std::lock_guard<std::mutex> lock(mutex);
      stop = true;
    }
    wake.notify_all();
    watchdog.join();
  }

  void Watch() {
    std::unique_lock<std::mutex> lock(mutex);
    while (!stop) {
      wake.wait_for(lock, std::chrono::milliseconds(100));
      if (!busy_since || !dropped.empty()) continue;
      const Clock::time_point now = Clock::now();
      if (statement_timeout > 0 &&
          now - *busy_since > std::chrono::seconds(statement_timeout) + kGrace) {
        dropped = "the server did not answer within " + std::to_string(statement_timeout) +
                  " s (the statement timeout): the connection was dropped";
      } else if (cancel_at && now - *cancel_at > kCancelGrace) {
        dropped = "the server did not answer the cancel request: the connection was dropped";
      } else {
        continue;
      }
      ::shutdown(connection.sock(), SHUT_RDWR);
    }
  }

  pqxx::connection connection;
  std::mutex mutex;  // guards what follows
  int statement_timeout;
  std::condition_variable wake;
  bool stop = false;
  std::optional<Clock::time_point> busy_since;  ///< when the command under way began
  std::optional<Clock::time_point> cancel_at;   ///< when its cancel was asked for
  std::string dropped;                          ///< why the watchdog dropped the connection
  std::thread watchdog;                         ///< last: starts once the rest is made
};

// A command under way, for the watchdog; a result the watchdog cut short says why.
class Session::Busy {
 public:
  explicit Busy(Impl& impl) : impl_(impl) {
    const std::lock_guard<std::mutex> lock(impl_.mutex);
    impl_.busy_since = Impl::Clock::now();
    impl_.cancel_at.reset();
  }
  ~Busy() {
    const std::lock_guard<std::mutex> lock(impl_.mutex);
    impl_.busy_since.reset();
    impl_.cancel_at.reset();
  }
  Busy(const Busy&) = delete;
  Busy& operator=(const Busy&) = delete;

  Result Explained(Result result) const {
    const std::lock_guard<std::mutex> lock(impl_.mutex);
    if (!result.ok() && !impl_.dropped.empty()) {
      result.error = impl_.dropped;
      result.sqlstate = "08006";
    }
    return result;
  }

 private:
  Impl& impl_;
};

std::string Result::Text(std::size_t row, std::size_t column) const {
  if (row >= rows.size() || column >= rows[row].size()) return "";
  return rows[row][column].value_or("");
}

ConnInfo ConnInfo::WithDatabase(const std::string& dbname) const {
  ConnInfo out = *this;
  out.params.clear();
  for (const auto& [key, value] : params) {
    if (key != "dbname") out.params.emplace_back(key, value);
  }
  out.params.emplace_back("dbname", dbname);
  return out;
}

std::string ConnInfo::ToString() const {
  std::string out;
  for (const auto& [key, value] : params) {
    if (!out.empty()) out += ' ';
    out += key + "=" + Quoted(value);
  }
  return out;
}

std::optional<ConnInfo> ParseConnInfo(const std::string& text, Diagnostics& diagnostics) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(text.c_str(), &error);
  if (options == nullptr) {
    std::vector<std::string> secrets = SecretsIn(text);
    secrets.push_back(text);
    diagnostics.Error("E0803", std::nullopt,
                      "invalid database URL or connection string: " +
                          Redacted(OneLine(error != nullptr ? error : "out of memory"), secrets));
    PQfreemem(error);
    return std::nullopt;
  }
  ConnInfo info;
  info.secrets = SecretsIn(text);
  for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val == nullptr) continue;
    info.params.emplace_back(o->keyword, o->val);
    // What libpq read as a password, or as a port that is no number (a password in the wrong
    // place of a malformed URL), is a secret too.
    const std::string_view keyword = o->keyword;
    const bool numeric = std::all_of(o->val, o->val + std::strlen(o->val), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c)) != 0 || c == ',';
    });
    if (keyword == "password" || (keyword == "port" && !numeric)) info.secrets.push_back(o->val);
  }
  PQconninfoFree(options);
  return info;
}

Session::Session(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
Session::~Session() = default;

std::unique_ptr<Session> Session::Open(const ConnInfo& info, const std::string& what,
                                       Diagnostics& diagnostics) {
  try {
    auto impl = std::make_shared<Impl>(Quiet(info).ToString(), info.statement_timeout);
#if PQXX_VERSION_MAJOR < 7
    // libpqxx 6 reconnects a lost connection on its next use: one the watchdog dropped (or
    // the server closed) must stay lost, and fail at once, not wait to connect again.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    impl->connection.inhibit_reactivation(true);
#pragma GCC diagnostic pop
#endif
    return std::unique_ptr<Session>(new Session(std::move(impl)));
  } catch (const std::exception& e) {
    diagnostics.Error(
        "E0803", std::nullopt,
        "can't connect to " + what + ": " +
            (info.secrets.empty() ? OneLine(e.what()) : Redacted(OneLine(e.what()), info.secrets)));
    return nullptr;
  }
}

Result Session::Exec(const std::string& sql) {
  const Busy busy(*impl_);
  return busy.Explained(Guarded([&] {
    pqxx::nontransaction work(impl_->connection);
    return Rows(work.exec(sql));
  }));
}

Result Session::Exec(const std::string& sql, const std::vector<std::string>& params) {
  if (params.empty()) return Exec(sql);  // the simple protocol: several statements allowed
  const Busy busy(*impl_);
  return busy.Explained(Guarded([&] {
    pqxx::nontransaction work(impl_->connection);
    return Rows(work.exec_params(sql, pqxx::prepare::make_dynamic_params(params)));
  }));
}

Result Session::ExecInTransaction(const std::string& script) {
  const Busy busy(*impl_);
  return busy.Explained(Guarded([&] {
    pqxx::work work(impl_->connection);
    Result out = Rows(work.exec(script));
    work.commit();
    return out;
  }));
}

Result Session::ExecEachInTransaction(const std::vector<std::string>& statements,
                                      const std::string& check,
                                      const std::function<std::string(const Result&)>& accept,
                                      std::size_t& failed) {
  failed = statements.size();
  const Busy busy(*impl_);
  return busy.Explained(Guarded([&] {
    pqxx::work work(impl_->connection);
    Result out;
    for (std::size_t i = 0; i < statements.size(); ++i) {
      failed = i;
      out = Rows(work.exec_params(statements[i]));
    }
    failed = statements.size();
    const std::string refusal = accept(Rows(work.exec(check)));
    if (!refusal.empty()) {
      work.abort();
      Result refused;
      refused.error = refusal;
      refused.sqlstate = kRefused;
      return refused;
    }
    work.commit();
    return out;
  }));
}

void Session::Cancel() noexcept {
  try {
    {
      const std::lock_guard<std::mutex> lock(impl_->mutex);
      if (!impl_->busy_since) return;
      impl_->cancel_at = Impl::Clock::now();
    }
    // PQcancel waits for the server's answer, which a stopped server never gives: its own
    // thread, which keeps the connection alive for as long as it takes.
    std::thread([impl = impl_] {
      try {
        impl->connection.cancel_query();
      } catch (...) {
        // Nothing to cancel, or the connection is gone: either way nothing runs any more.
      }
    }).detach();
  } catch (...) {
    // No thread to be had: the watchdog still drops the connection at the statement timeout.
  }
}

std::string Session::Describe() const {
  pqxx::connection& c = impl_->connection;
  const char* host = c.hostname();
  const char* port = c.port();
  return std::string(c.username() != nullptr ? c.username() : "?") + "@" +
         (host != nullptr && *host != '\0' ? host : "localhost") + ":" +
         (port != nullptr ? port : "5432") + "/" + (c.dbname() != nullptr ? c.dbname() : "?");
}

void Session::LimitStatementsTo(int seconds) {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  if (impl_->statement_timeout == 0 || seconds < impl_->statement_timeout) {
    impl_->statement_timeout = seconds;
  }
}

int Session::ServerVersion() const { return impl_->connection.server_version(); }

bool Session::IsOpen() const { return impl_->connection.is_open(); }

}  // namespace schemagen::pg
