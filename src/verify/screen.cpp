#include "verify/screen.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace schemagen::verify {
namespace {

// A word of the statement's head: its upper-case text and where it starts.
struct Word {
  std::string text;
  std::size_t at = 0;
};

bool WordChar(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) != 0 || c == '_' || c == '$' || u >= 0x80;
}

// Skips white space and comments (-- to the line's end, nested /* */) from `at`.
std::size_t SkipBlank(std::string_view s, std::size_t at) {
  while (at < s.size()) {
    if (std::isspace(static_cast<unsigned char>(s[at])) != 0) {
      ++at;
    } else if (s.substr(at, 2) == "--") {
      while (at < s.size() && s[at] != '\n' && s[at] != '\r') ++at;
    } else if (s.substr(at, 2) == "/*") {
      int depth = 0;
      do {
        if (s.substr(at, 2) == "/*") {
          ++depth;
          at += 2;
        } else if (s.substr(at, 2) == "*/") {
          --depth;
          at += 2;
        } else {
          ++at;
        }
      } while (depth > 0 && at < s.size());
    } else {
      break;
    }
  }
  return at;
}

// The bare words a statement starts with (up to `count`), upper-cased; stops at anything else.
std::vector<Word> HeadWords(std::string_view s, std::size_t count) {
  std::vector<Word> words;
  std::size_t at = SkipBlank(s, 0);
  while (words.size() < count && at < s.size() && WordChar(s[at])) {
    Word word{"", at};
    while (at < s.size() && WordChar(s[at])) {
      word.text += static_cast<char>(std::toupper(static_cast<unsigned char>(s[at])));
      ++at;
    }
    words.push_back(std::move(word));
    at = SkipBlank(s, at);
  }
  return words;
}

// Functions that reach past the database (another connection, the server's files, other
// sessions, the server's configuration): refused wherever the statement names them, in
// dynamic SQL or function bodies too.
constexpr std::array<std::string_view, 14> kOutsideFunctions = {
    "dblink",         "dblink_exec",  "dblink_connect",       "dblink_send_query",
    "lo_import",      "lo_export",    "pg_read_file",         "pg_read_binary_file",
    "pg_ls_dir",      "pg_stat_file", "pg_terminate_backend", "pg_cancel_backend",
    "pg_reload_conf", "pg_promote"};

std::string NamedOutsideFunction(std::string_view s) {
  std::string lower(s);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const std::string_view name : kOutsideFunctions) {
    for (std::size_t at = lower.find(name); at != std::string::npos;
         at = lower.find(name, at + 1)) {
      const bool starts = at == 0 || !WordChar(lower[at - 1]);
      const bool ends = at + name.size() == lower.size() || !WordChar(lower[at + name.size()]);
      if (starts && ends) return std::string(name);
    }
  }
  return "";
}

bool Is(const std::vector<Word>& w, std::size_t i, std::string_view text) {
  return i < w.size() && w[i].text == text;
}

bool IsRoleWord(const std::vector<Word>& w, std::size_t i) {
  return Is(w, i, "ROLE") || Is(w, i, "USER") || Is(w, i, "GROUP");
}

}  // namespace

std::string Refusal(const SqlStatement& statement) {
  const std::vector<Word> w = HeadWords(statement.text, 4);
  if (w.empty()) return "";
  const std::string& first = w[0].text;
  if (first == "BEGIN" || first == "START" || first == "COMMIT" || first == "END" ||
      first == "ABORT" || (first == "ROLLBACK" && !Is(w, 1, "TO")) ||
      (first == "PREPARE" && Is(w, 1, "TRANSACTION"))) {
    return "it controls the transaction: a migration runs inside one that sequelize-cli (and "
           "verify) open and close";
  }
  if ((first == "SET" || first == "RESET") &&
      (Is(w, 1, "ROLE") ||
       (Is(w, 1, "SESSION") && (Is(w, 2, "AUTHORIZATION") || Is(w, 2, "ROLE"))) ||
       (Is(w, 1, "LOCAL") && Is(w, 2, "ROLE")))) {
    return "it changes the session's role";
  }
  if (first == "COPY") return "COPY reads or writes the server's files, a program or the client";
  if (first == "LOAD") return "LOAD loads a library into the server";
  if ((first == "CREATE" || first == "ALTER" || first == "DROP") && IsRoleWord(w, 1)) {
    return "roles belong to the whole server, not to a migration's schema";
  }
  if (first == "ALTER" && Is(w, 1, "SYSTEM")) return "it changes the server's configuration";
  if (const std::string name = NamedOutsideFunction(statement.text); !name.empty()) {
    return name + "() reaches outside the database";
  }
  return "";
}

std::string FirstRefusal(const std::vector<SqlStatement>& statements) {
  for (const SqlStatement& statement : statements) {
    if (const std::string why = Refusal(statement); !why.empty()) {
      return fmt::format("line {}: verify does not run this statement: {} ({})", statement.line,
                         why, FirstLine(statement.text));
    }
  }
  return "";
}

std::vector<SqlStatement> WithoutOwnTransaction(std::vector<SqlStatement> statements) {
  if (statements.size() < 2) return statements;
  const std::vector<Word> first = HeadWords(statements.front().text, 3);
  const std::vector<Word> last = HeadWords(statements.back().text, 3);
  const bool opens = (Is(first, 0, "BEGIN") && first.size() <= 2) ||
                     (Is(first, 0, "START") && Is(first, 1, "TRANSACTION"));
  const bool closes = (Is(last, 0, "COMMIT") || Is(last, 0, "END")) && last.size() <= 2;
  if (opens && closes) {
    statements.pop_back();
    statements.erase(statements.begin());
  }
  return statements;
}

std::optional<std::string> WithoutConcurrently(const std::string& statement) {
  const std::vector<Word> w = HeadWords(statement, 6);
  std::size_t keyword = w.size();
  if (Is(w, 0, "CREATE")) {
    const std::size_t index = Is(w, 1, "UNIQUE") ? 2 : 1;
    if (Is(w, index, "INDEX") && Is(w, index + 1, "CONCURRENTLY")) keyword = index + 1;
  } else if (Is(w, 0, "DROP") && Is(w, 1, "INDEX") && Is(w, 2, "CONCURRENTLY")) {
    keyword = 2;
  } else if (Is(w, 0, "REINDEX")) {
    for (std::size_t i = 1; i < w.size(); ++i) {
      if (w[i].text == "CONCURRENTLY") keyword = i;
    }
  }
  if (keyword >= w.size()) return std::nullopt;
  std::string out = statement;
  out.erase(w[keyword].at, w[keyword].text.size());
  return out;
}

}  // namespace schemagen::verify
