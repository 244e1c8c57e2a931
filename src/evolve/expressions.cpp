// Identifier renaming in stored expressions (CHECKs, index predicates), as PostgreSQL does it
// when a column is renamed.
#include <algorithm>
#include <cctype>

#include "evolve/plan_support.hpp"

namespace schemagen::evolve::planning {
namespace {

bool IdentStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool IdentChar(char c) {
  return IdentStart(c) || std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '$';
}

}  // namespace

std::string RenameIdentifier(const std::string& expression, const std::string& from,
                             const std::string& to) {
  std::string out;
  std::size_t i = 0;
  while (i < expression.size()) {
    const char c = expression[i];
    if (c == '\'') {  // a literal, '' inside doubled
      std::size_t j = i + 1;
      while (j < expression.size()) {
        if (expression[j] == '\'' && j + 1 < expression.size() && expression[j + 1] == '\'') {
          j += 2;
        } else if (expression[j] == '\'') {
          break;
        } else {
          ++j;
        }
      }
      out.append(expression, i, std::min(j + 1, expression.size()) - i);
      i = j + 1;
    } else if (c == '"') {
      std::string name;
      std::size_t j = i + 1;
      while (j < expression.size()) {
        if (expression[j] == '"' && j + 1 < expression.size() && expression[j + 1] == '"') {
          name += '"';
          j += 2;
        } else if (expression[j] == '"') {
          break;
        } else {
          name += expression[j++];
        }
      }
      out += name == from ? QuoteIdent(to) : expression.substr(i, j + 1 - i);
      i = j + 1;
    } else if (IdentStart(c) && (i == 0 || !IdentChar(expression[i - 1]))) {
      std::size_t j = i;
      while (j < expression.size() && IdentChar(expression[j])) ++j;
      const std::string word = expression.substr(i, j - i);
      out += word == from ? QuoteIdent(to) : word;
      i = j;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

}  // namespace schemagen::evolve::planning
