#include "verify/statements.hpp"

#include <cctype>

#include "schemagen/sql.hpp"

namespace schemagen::verify {
namespace {

// Letters, digits, '_' and '$' continue an identifier or keyword; bytes of UTF-8 sequences too.
bool IdentifierChar(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) != 0 || c == '_' || c == '$' || u >= 0x80;
}

bool IdentifierStart(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalpha(u) != 0 || c == '_' || u >= 0x80;
}

bool Space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

class Splitter {
 public:
  explicit Splitter(std::string_view s) : s_(s) {}

  std::vector<SqlStatement> Run() {
    while (i_ < s_.size()) Step();
    End(s_.size());
    return std::move(out_);
  }

 private:
  char At(std::size_t i) const { return i < s_.size() ? s_[i] : '\0'; }

  // Moves on by one character, counting lines.
  void Advance() {
    if (s_[i_] == '\n') ++line_;
    ++i_;
  }

  void Begin() {
    if (start_ != std::string_view::npos) return;
    start_ = i_;
    start_line_ = line_;
  }

  // Ends the statement that began at start_ just before `end` (its ';' or the end of the text).
  void End(std::size_t end) {
    if (start_ == std::string_view::npos) return;
    std::string_view text = s_.substr(start_, end - start_);
    while (!text.empty() && Space(text.back())) text.remove_suffix(1);
    out_.push_back({std::string(text), start_line_});
    start_ = std::string_view::npos;
  }

  void Step() {
    const char c = s_[i_];
    if (Space(c)) return Advance();
    if (c == '-' && At(i_ + 1) == '-') {
      while (i_ < s_.size() && s_[i_] != '\n') ++i_;
      return;
    }
    if (c == '/' && At(i_ + 1) == '*') return BlockComment();
    if (c == ';') {
      End(i_);
      return Advance();
    }
    Begin();
    if (c == '\'') return Quoted('\'', false);
    if (c == '"') return Quoted('"', false);
    if (c == '$') return Dollar();
    if (IdentifierChar(c)) return Word();
    Advance();
  }

  // /* ... */, nested as PostgreSQL nests them.
  void BlockComment() {
    int depth = 0;
    while (i_ < s_.size()) {
      if (s_[i_] == '/' && At(i_ + 1) == '*') {
        ++depth;
        i_ += 2;
      } else if (s_[i_] == '*' && At(i_ + 1) == '/') {
        i_ += 2;
        if (--depth == 0) return;
      } else {
        Advance();
      }
    }
  }

  // '...' or "...": a doubled quote stands for itself; with `backslashes` (E'...'), a
  // backslash escapes the next character.
  void Quoted(char quote, bool backslashes) {
    Advance();  // the opening quote
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (backslashes && c == '\\' && i_ + 1 < s_.size()) {
        Advance();
        Advance();
      } else if (c == quote) {
        Advance();
        if (At(i_) != quote) return;
        Advance();
      } else {
        Advance();
      }
    }
  }

  // A keyword, identifier or number; E'...' is an escape string.
  void Word() {
    const std::size_t begin = i_;
    while (i_ < s_.size() && IdentifierChar(s_[i_])) ++i_;
    if (i_ - begin == 1 && (s_[begin] == 'E' || s_[begin] == 'e') && At(i_) == '\'') {
      Quoted('\'', true);
    }
  }

  // $tag$ ... $tag$ (or $$ ... $$); a '$' that starts no tag ($1) is an ordinary character.
  void Dollar() {
    std::size_t j = i_ + 1;
    if (IdentifierStart(At(j))) {
      while (j < s_.size() && IdentifierChar(s_[j]) && s_[j] != '$') ++j;
    }
    if (At(j) != '$') return Advance();
    const std::string_view tag = s_.substr(i_, j + 1 - i_);
    const std::size_t close = s_.find(tag, j + 1);
    const std::size_t end = close == std::string_view::npos ? s_.size() : close + tag.size();
    while (i_ < end) Advance();
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::size_t line_ = 1;
  std::size_t start_ = std::string_view::npos;
  std::size_t start_line_ = 1;
  std::vector<SqlStatement> out_;
};

}  // namespace

std::vector<SqlStatement> SplitStatements(std::string_view script) {
  return Splitter(script).Run();
}

bool HasNoTransactionMarker(std::string_view script) {
  const std::string_view marker = sql::kNoTransactionMarker;
  std::size_t start = 0;
  while (start <= script.size()) {
    std::size_t end = script.find('\n', start);
    if (end == std::string_view::npos) end = script.size();
    std::string_view line = script.substr(start, end - start);
    while (!line.empty() && Space(line.front())) line.remove_prefix(1);
    while (!line.empty() && Space(line.back())) line.remove_suffix(1);
    if (line == marker) return true;
    start = end + 1;
  }
  return false;
}

std::string FirstLine(const std::string& statement) {
  const std::size_t end = statement.find('\n');
  std::string line = statement.substr(0, end);
  while (!line.empty() && Space(line.back())) line.pop_back();
  return end == std::string::npos ? line : line + " ...";
}

}  // namespace schemagen::verify
