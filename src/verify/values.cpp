#include "verify/values.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <regex>
#include <utility>

#include "schemagen/naming.hpp"

namespace schemagen::verify {
namespace {

constexpr const char* kLetters = "abcdefghijklmnopqrstuvwxyz";

// One piece of a pattern: literal text, a set of characters to pick from, or a group's text.
struct Atom {
  std::string text;     ///< a literal or a group's example
  std::string members;  ///< a character class: the characters it matches
};

// A recursive-descent reader of the regular expression subset ExampleForPattern documents.
class PatternReader {
 public:
  PatternReader(const std::string& pattern, int variant, int stretch)
      : p_(pattern), variant_(variant), stretch_(stretch) {}

  std::optional<std::string> Read() {
    std::optional<std::string> out = Alternation();
    if (!out || pos_ != p_.size()) return std::nullopt;
    return out;
  }

 private:
  bool AtEnd() const { return pos_ >= p_.size(); }
  char Peek() const { return AtEnd() ? '\0' : p_[pos_]; }

  // The first alternative's example; the others are read (so syntax errors show) and dropped.
  std::optional<std::string> Alternation() {
    std::optional<std::string> first = Sequence();
    while (first && Peek() == '|') {
      ++pos_;
      if (!Sequence()) return std::nullopt;
    }
    return first;
  }

  std::optional<std::string> Sequence() {
    std::string out;
    while (!AtEnd() && Peek() != '|' && Peek() != ')') {
      std::optional<Atom> atom = ReadAtom();
      if (!atom) return std::nullopt;
      const std::optional<int> count = Quantifier();
      if (!count) return std::nullopt;
      for (int i = 0; i < *count; ++i) out += Emit(*atom);
    }
    return out;
  }

  std::string Emit(const Atom& atom) {
    if (atom.members.empty()) return atom.text;
    const std::size_t pick = picked_ ? 0 : static_cast<std::size_t>(variant_) % atom.members.size();
    picked_ = true;
    return std::string(1, atom.members[pick]);
  }

  std::optional<Atom> ReadAtom() {
    const char c = p_[pos_++];
    switch (c) {
      case '^':
      case '$':
        return Atom{};
      case '.':
        return Atom{"", kLetters};
      case '(':
        return Group();
      case '[':
        return Class();
      case '\\':
        return Escape();
      case '*':
      case '+':
      case '?':
      case '{':
        return std::nullopt;  // nothing to repeat
      default:
        return Atom{std::string(1, c), ""};
    }
  }

  std::optional<Atom> Group() {
    if (Peek() == '?') {
      if (p_.compare(pos_, 2, "?:") != 0) return std::nullopt;  // lookarounds
      pos_ += 2;
    }
    std::optional<std::string> inner = Alternation();
    if (!inner || Peek() != ')') return std::nullopt;
    ++pos_;
    return Atom{*inner, ""};
  }

  std::optional<Atom> Escape() {
    if (AtEnd()) return std::nullopt;
    const char c = p_[pos_++];
    if (c == 'd') return Atom{"", "0123456789"};
    if (c == 'w') return Atom{"", std::string(kLetters) + "0123456789_"};
    if (c == 's') return Atom{" ", ""};
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) return std::nullopt;  // \b, \1, \D...
    return Atom{std::string(1, c), ""};
  }

  std::optional<Atom> Class() {
    if (Peek() == '^') return std::nullopt;  // negated: no simple member to pick
    std::string members;
    bool first = true;
    while (!AtEnd() && (Peek() != ']' || first)) {
      first = false;
      char c = p_[pos_++];
      if (c == '[') return std::nullopt;  // [:alpha:] and friends
      if (c == '\\') {
        if (AtEnd()) return std::nullopt;
        c = p_[pos_++];
        if (c == 'd') {
          members += "0123456789";
          continue;
        }
      }
      if (Peek() == '-' && pos_ + 1 < p_.size() && p_[pos_ + 1] != ']') {
        const char last = p_[pos_ + 1];
        pos_ += 2;
        for (char m = c; m <= last && m >= c; ++m) members += m;
        continue;
      }
      members += c;
    }
    if (AtEnd() || members.empty()) return std::nullopt;
    ++pos_;  // ']'
    return Atom{"", members};
  }

  // The smallest count a quantifier allows (1 when there is none), plus the stretch for the
  // first one without an upper bound.
  std::optional<int> Quantifier() {
    int count = 1;
    bool unbounded = false;
    const char c = Peek();
    if (c == '*' || c == '?') {
      count = 0;
      unbounded = c == '*';
      ++pos_;
    } else if (c == '+') {
      unbounded = true;
      ++pos_;
    } else if (c == '{') {
      const std::size_t close = p_.find('}', pos_);
      if (close == std::string::npos) return std::nullopt;
      const std::string bounds = p_.substr(pos_ + 1, close - pos_ - 1);
      if (bounds.empty() || std::isdigit(static_cast<unsigned char>(bounds[0])) == 0) {
        return std::nullopt;
      }
      count = std::atoi(bounds.c_str());
      unbounded = bounds.back() == ',';
      pos_ = close + 1;
    }
    if (unbounded) count += std::exchange(stretch_, 0);
    if (c != '\0' && std::string_view("*?+{").find(c) != std::string_view::npos && Peek() == '?') {
      ++pos_;  // lazy: the same minimum
    }
    return count;
  }

  const std::string& p_;
  int variant_;
  int stretch_;
  std::size_t pos_ = 0;
  bool picked_ = false;
};

std::vector<const ir::Check*> ChecksOf(const ir::Table& table, const ir::Column& column) {
  std::vector<const ir::Check*> out;
  for (const ir::Check& check : table.checks) {
    if (check.column == column.name && check.kind != ir::Check::Kind::kRawSql) {
      out.push_back(&check);
    }
  }
  return out;
}

const ir::Check* Find(const std::vector<const ir::Check*>& checks, ir::Check::Kind kind) {
  for (const ir::Check* check : checks) {
    if (check->kind == kind) return check;
  }
  return nullptr;
}

std::optional<std::string> Text(const ir::Column& column,
                                const std::vector<const ir::Check*>& checks, int variant,
                                std::string& why_not) {
  std::string text = fmt::format("v{}", variant);
  const ir::Check* match = Find(checks, ir::Check::Kind::kMatch);
  if (match != nullptr) {
    const std::optional<std::string> example = ExampleForPattern(*match->pattern, variant);
    if (!example) {
      why_not =
          fmt::format("no value of {} matches '{}' simply enough", column.name, *match->pattern);
      return std::nullopt;
    }
    text = *example;
  }
  const ir::Check* length = Find(checks, ir::Check::Kind::kLength);
  const std::size_t min = length && length->min ? std::stoul(*length->min) : 0;
  std::size_t max = length && length->max ? std::stoul(*length->max) : std::string::npos;
  if (column.type.kind == ir::TypeKind::kString && column.type.length > 0) {
    max = std::min(max, static_cast<std::size_t>(column.type.length));
  }
  if (text.size() < min && match != nullptr) {
    // Repeat the pattern's first open-ended part until the value is long enough.
    text = ExampleForPattern(*match->pattern, variant, static_cast<int>(min - text.size()))
               .value_or(text);
  }
  if (text.size() < min && match == nullptr) text.append(min - text.size(), 'x');
  if (text.size() < min) {
    why_not = fmt::format("no value of {} matches '{}' with {} characters", column.name,
                          *match->pattern, min);
    return std::nullopt;
  }
  if (text.size() > max) {
    why_not = fmt::format("no value of {} fits {} characters", column.name, max);
    return std::nullopt;
  }
  return naming::QuoteLiteral(text);
}

// A number inside the column's range check: min + variant, else max - variant, else 1 + variant.
std::string Number(const ir::Column& column, const std::vector<const ir::Check*>& checks,
                   int variant) {
  const ir::Check* range = Find(checks, ir::Check::Kind::kRange);
  double value = 1 + variant;
  if (range && range->min) {
    value = std::strtod(range->min->c_str(), nullptr) + variant;
  } else if (range && range->max) {
    value = std::strtod(range->max->c_str(), nullptr) - variant;
  }
  if (range && range->max) value = std::min(value, std::strtod(range->max->c_str(), nullptr));
  switch (column.type.kind) {
    case ir::TypeKind::kDecimal:
      return fmt::format("'{:.{}f}'", value, column.type.scale);
    case ir::TypeKind::kReal:
    case ir::TypeKind::kDouble:
      return fmt::format("'{}'", value);
    default:
      return fmt::format("'{}'", std::llround(std::ceil(value)));
  }
}

std::optional<std::string> EnumValue(const ir::Schema& schema, const ir::Column& column,
                                     int variant, std::string& why_not) {
  const ir::Enum* e = schema.FindEnum(column.type.enum_name);
  if (e == nullptr || e->values.empty()) {
    why_not = "enum " + column.type.enum_name + " has no values";
    return std::nullopt;
  }
  return naming::QuoteLiteral(e->values[static_cast<std::size_t>(variant) % e->values.size()]);
}

// Quoted literals of a normalized expression: 'it''s'::text -> it's.
std::vector<std::string> Literals(const std::string& expression) {
  static const std::regex kLiteral(R"('((?:[^']|'')*)'::)");
  std::vector<std::string> out;
  for (std::sregex_iterator it(expression.begin(), expression.end(), kLiteral), end; it != end;
       ++it) {
    out.push_back(std::regex_replace((*it)[1].str(), std::regex("''"), "'"));
  }
  return out;
}

// Bounds of "c >= 1" / "c <= 5" comparisons joined by AND; false for anything else.
bool ReadBounds(const std::string& expression, ir::Check& check) {
  if (expression.find(" OR ") != std::string::npos) return false;
  static const std::regex kBound(R"((>=|<=) '?(-?[0-9]+(?:\.[0-9]+)?)'?(?:::numeric)?\))");
  for (std::sregex_iterator it(expression.begin(), expression.end(), kBound), end; it != end;
       ++it) {
    ((*it)[1] == ">=" ? check.min : check.max) = (*it)[2].str();
  }
  return check.min || check.max;
}

// The typed form of one normalized CHECK on one column, if it has one.
void Lift(ir::Schema& schema, ir::Table& table, ir::Check& check) {
  ir::Column* column = nullptr;
  for (ir::Column& c : table.columns) column = c.name == check.column ? &c : column;
  if (column == nullptr) return;
  const std::string& e = check.expression;
  if (e.find(" = ANY (") != std::string::npos && e.find("ARRAY[") != std::string::npos) {
    check.kind = ir::Check::Kind::kEnum;
    column->type.kind = ir::TypeKind::kEnum;
    column->type.enum_name = table.name + "." + column->name;
    schema.enums.push_back({column->type.enum_name, Literals(e), "", {}});
  } else if (e.find(" ~ '") != std::string::npos && Literals(e).size() == 1) {
    check.kind = ir::Check::Kind::kMatch;
    check.pattern = Literals(e).front();
  } else if (ReadBounds(e, check)) {
    const bool length = e.find("char_length(") != std::string::npos;
    check.kind = length ? ir::Check::Kind::kLength : ir::Check::Kind::kRange;
  }
}

}  // namespace

ir::Schema LiftChecks(ir::Schema schema) {
  for (ir::Table& table : schema.tables) {
    for (ir::Check& check : table.checks) {
      if (!check.column.empty()) Lift(schema, table, check);
    }
  }
  return schema;
}

std::optional<std::string> ExampleForPattern(const std::string& pattern, int variant, int stretch) {
  return PatternReader(pattern, variant, stretch).Read();
}

std::optional<std::string> SynthesizeValue(const ir::Schema& schema, const ir::Table& table,
                                           const ir::Column& column, int variant,
                                           std::string& why_not) {
  if (!column.type.pg_name.empty()) {
    why_not = fmt::format("no value of type {} for {}", column.type.pg_name, column.name);
    return std::nullopt;
  }
  const std::vector<const ir::Check*> checks = ChecksOf(table, column);
  using ir::TypeKind;
  switch (column.type.kind) {
    case TypeKind::kString:
    case TypeKind::kText:
      return Text(column, checks, variant, why_not);
    case TypeKind::kEnum:
      return EnumValue(schema, column, variant, why_not);
    case TypeKind::kInteger:
    case TypeKind::kBigInt:
    case TypeKind::kSmallInt:
    case TypeKind::kDecimal:
    case TypeKind::kReal:
    case TypeKind::kDouble:
      return Number(column, checks, variant);
    case TypeKind::kBoolean:
      return variant % 2 == 0 ? "true" : "false";
    case TypeKind::kDate:
      return fmt::format("'2026-01-{:02}'", 1 + variant % 28);
    case TypeKind::kDateTime:
      return fmt::format("'2026-01-01 00:00:{:02}+00'", variant % 60);
    case TypeKind::kUuid:
      return fmt::format("'00000000-0000-4000-8000-{:012x}'", variant);
    case TypeKind::kJson:
    case TypeKind::kJsonb:
      return fmt::format("'{{\"v\": {}}}'", variant);
  }
  why_not = "no value for " + column.name;
  return std::nullopt;
}

}  // namespace schemagen::verify
