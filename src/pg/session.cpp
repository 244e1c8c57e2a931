#include "pg/session.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <pqxx/pqxx>
#include <regex>

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

// libpq quotes some URLs whole in its parse errors: never show a password.
std::string Redacted(std::string message, const std::string& text) {
  for (std::size_t at = message.find(text); !text.empty() && at != std::string::npos;
       at = message.find(text)) {
    message.replace(at, text.size(), "<the connection string>");
  }
  static const std::regex kPassword(R"((://[^:/@\s]*:)[^@\s]*@)");
  static const std::regex kKeyword(R"((password\s*=\s*)('([^'\\]|\\.)*'|\S+))");
  message = std::regex_replace(message, kPassword, "$1***@");
  return std::regex_replace(message, kKeyword, "$1***");
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
  out.params.emplace_back("options", options + " -c client_min_messages=warning");
  return out;
}

}  // namespace

struct Session::Impl {
  explicit Impl(const std::string& conninfo) : connection(conninfo) {}
  pqxx::connection connection;
};

std::string Result::Text(std::size_t row, std::size_t column) const {
  if (row >= rows.size() || column >= rows[row].size()) return "";
  return rows[row][column].value_or("");
}

ConnInfo ConnInfo::WithDatabase(const std::string& dbname) const {
  ConnInfo out;
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
    diagnostics.Error("E0803", std::nullopt,
                      "invalid database URL or connection string: " +
                          Redacted(OneLine(error != nullptr ? error : "out of memory"), text));
    PQfreemem(error);
    return std::nullopt;
  }
  ConnInfo info;
  for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val != nullptr) info.params.emplace_back(o->keyword, o->val);
  }
  PQconninfoFree(options);
  return info;
}

Session::Session(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Session::~Session() = default;

std::unique_ptr<Session> Session::Open(const ConnInfo& info, const std::string& what,
                                       Diagnostics& diagnostics) {
  try {
    auto impl = std::make_unique<Impl>(Quiet(info).ToString());
    return std::unique_ptr<Session>(new Session(std::move(impl)));
  } catch (const std::exception& e) {
    diagnostics.Error("E0803", std::nullopt, "can't connect to " + what + ": " + OneLine(e.what()));
    return nullptr;
  }
}

Result Session::Exec(const std::string& sql) {
  return Guarded([&] {
    pqxx::nontransaction work(impl_->connection);
    return Rows(work.exec(sql));
  });
}

Result Session::Exec(const std::string& sql, const std::vector<std::string>& params) {
  if (params.empty()) return Exec(sql);  // the simple protocol: several statements allowed
  return Guarded([&] {
    pqxx::nontransaction work(impl_->connection);
    return Rows(work.exec_params(sql, pqxx::prepare::make_dynamic_params(params)));
  });
}

Result Session::ExecInTransaction(const std::string& script) {
  return Guarded([&] {
    pqxx::work work(impl_->connection);
    Result out = Rows(work.exec(script));
    work.commit();
    return out;
  });
}

Result Session::ExecEachInTransaction(const std::vector<std::string>& statements,
                                      const std::string& check,
                                      const std::function<std::string(const Result&)>& accept,
                                      std::size_t& failed) {
  failed = statements.size();
  return Guarded([&] {
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
  });
}

void Session::Cancel() noexcept {
  try {
    impl_->connection.cancel_query();
  } catch (...) {
    // Nothing to cancel, or the connection is gone: either way nothing runs any more.
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

int Session::ServerVersion() const { return impl_->connection.server_version(); }

bool Session::IsOpen() const { return impl_->connection.is_open(); }

}  // namespace schemagen::pg
