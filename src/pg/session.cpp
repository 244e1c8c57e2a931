#include "pg/session.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <string_view>
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

// "%41b" -> "Ab"; a malformed escape stays as written.
std::string PercentDecoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() + 0 && std::isxdigit(static_cast<unsigned char>(text[i + 1])) != 0 &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2])) != 0) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// What in a connection string may be a password, read as generously as possible, since libpq
// may read a malformed one otherwise (as a port, a path, a host) and quote it in an error:
// in a URL, everything between the user's ':' and the last '@' (or, without any '@', the
// whole authority after the ':'), and any `password=` parameter; in a key=value string, the
// password keyword's value, quoted or not.
std::vector<std::string> SecretsIn(std::string_view text) {
  std::vector<std::string> found;
  auto add = [&](std::string_view secret) {
    if (secret.empty()) return;
    found.emplace_back(secret);
    if (std::string decoded = PercentDecoded(secret); decoded != secret) found.push_back(decoded);
  };
  const std::size_t scheme = text.find("://");
  if (scheme != std::string_view::npos) {
    const std::string_view rest = text.substr(scheme + 3);
    const std::size_t at = rest.rfind('@');
    const std::string_view userinfo =
        at != std::string_view::npos ? rest.substr(0, at) : rest.substr(0, rest.find_first_of("/?"));
    if (const std::size_t colon = userinfo.find(':'); colon != std::string_view::npos) {
      add(userinfo.substr(colon + 1));
    }
  }
  // password=... anywhere: a URL's query parameter or a key=value pair (spaces around '=').
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::size_t at = lower.find("password"); at != std::string::npos;
       at = lower.find("password", at + 1)) {
    std::size_t i = at + 8;
    while (i < text.size() && text[i] == ' ') ++i;
    if (i >= text.size() || text[i] != '=') continue;
    ++i;
    while (i < text.size() && text[i] == ' ') ++i;
    std::size_t end = i;
    if (i < text.size() && text[i] == '\'') {
      for (end = i + 1; end < text.size() && text[end] != '\''; ++end) {
        if (text[end] == '\\') ++end;
      }
      add(text.substr(i + 1, std::min(end, text.size()) - i - 1));
      add(text.substr(i, std::min(end + 1, text.size()) - i));
    } else {
      while (end < text.size() && text[end] != ' ' && text[end] != '&') ++end;
      add(text.substr(i, end - i));
    }
  }
  return found;
}

// `message` without anything that may be a password: every secret (and every piece of one,
// split where a URL parser splits, of 3 bytes or more) replaced, and every "quoted" token of
// libpq's that overlaps a secret, or holds a '%', replaced whole. libpq quotes malformed
// URLs (or pieces of them) in its parse errors.
std::string Redacted(std::string message, const std::vector<std::string>& secrets) {
  std::vector<std::string> pieces;
  for (const std::string& secret : secrets) {
    pieces.push_back(secret);
    std::size_t start = 0;
    while (start < secret.size()) {
      const std::size_t end = std::min(secret.find_first_of("/@:%?#& '\\", start), secret.size());
      if (end - start >= 3) pieces.push_back(secret.substr(start, end - start));
      start = end + 1;
    }
  }
  std::sort(pieces.begin(), pieces.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  // Quoted tokens first, while the quotes are there to find.
  for (std::size_t open = message.find('"'); open != std::string::npos;) {
    const std::size_t close = message.find('"', open + 1);
    if (close == std::string::npos) break;
    const std::string token = message.substr(open + 1, close - open - 1);
    bool secret = token.find('%') != std::string::npos;
    for (const std::string& piece : pieces) {
      if (!piece.empty() && (token.find(piece) != std::string::npos ||
                             (token.size() >= 3 && piece.find(token) != std::string::npos)))
        secret = true;
    }
    if (secret) message.replace(open + 1, token.size(), "***");
    open = message.find('"', open + (secret ? 5 : token.size() + 2));
  }
  for (const std::string& piece : pieces) {
    if (piece.size() < 3 && piece != secrets.front()) continue;
    for (std::size_t at = message.find(piece); !piece.empty() && at != std::string::npos;
         at = message.find(piece, at + 3)) {
      message.replace(at, piece.size(), "***");
    }
  }
  static const std::regex kPassword(R"((://[^:/@\s]*:)[^@\s]*@)");
  static const std::regex kKeyword(R"((password\s*=\s*)('([^'\\]|\\.)*'|\S+))",
                                   std::regex::icase);
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
  out.secrets = secrets;
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

Session::Session(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Session::~Session() = default;

std::unique_ptr<Session> Session::Open(const ConnInfo& info, const std::string& what,
                                       Diagnostics& diagnostics) {
  try {
    auto impl = std::make_unique<Impl>(Quiet(info).ToString());
    return std::unique_ptr<Session>(new Session(std::move(impl)));
  } catch (const std::exception& e) {
    diagnostics.Error("E0803", std::nullopt,
                      "can't connect to " + what + ": " +
                          (info.secrets.empty() ? OneLine(e.what())
                                                : Redacted(OneLine(e.what()), info.secrets)));
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
