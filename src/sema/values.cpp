// Values a field holds by rule: its default (or backfill), checked against its type, and its
// range, length, match and SQL checks.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <limits>
#include <nlohmann/json.hpp>

#include "schemagen/naming.hpp"
#include "sema/analyzer.hpp"

namespace schemagen::sema {
namespace {

using K = ast::Literal::Kind;
using ir::TypeKind;

bool IsIntegerType(TypeKind kind) {
  return kind == TypeKind::kInteger || kind == TypeKind::kBigInt || kind == TypeKind::kSmallInt;
}
bool IsNumericType(TypeKind kind) {
  return IsIntegerType(kind) || kind == TypeKind::kDecimal || kind == TypeKind::kReal ||
         kind == TypeKind::kDouble;
}
bool IsTextType(TypeKind kind) { return kind == TypeKind::kString || kind == TypeKind::kText; }

bool IsIntegral(const std::string& number) { return number.find('.') == std::string::npos; }

// Range of an integer column type, for checking defaults and bounds.
std::pair<long long, long long> IntegerRange(TypeKind kind) {
  if (kind == TypeKind::kSmallInt) return {-32768, 32767};
  if (kind == TypeKind::kInteger)
    return {std::numeric_limits<int>::min(), std::numeric_limits<int>::max()};
  return {std::numeric_limits<long long>::min(), std::numeric_limits<long long>::max()};
}

bool FitsInteger(const std::string& number, TypeKind kind) {
  try {
    std::size_t used = 0;
    const long long value = std::stoll(number, &used);
    const auto [lo, hi] = IntegerRange(kind);
    return used == number.size() && value >= lo && value <= hi;
  } catch (const std::exception&) {
    return false;
  }
}

bool IsUuid(const std::string& text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : std::isxdigit(static_cast<unsigned char>(text[i])) == 0)
      return false;
  }
  return true;
}

// Whether a decimal literal fits numeric(precision, scale): the digits before the point.
bool FitsDecimal(const std::string& number, int precision, int scale) {
  std::string digits = number.substr(number[0] == '-' ? 1 : 0);
  digits = digits.substr(0, digits.find('.'));
  digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size()));
  return static_cast<int>(digits.size()) <= precision - scale;
}

bool AllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

// YYYY-MM-DD with a real month and a day within it.
bool IsIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !AllDigits(text.substr(0, 4)) ||
      !AllDigits(text.substr(5, 2)) || !AllDigits(text.substr(8, 2))) {
    return false;
  }
  const int year = std::stoi(std::string(text.substr(0, 4)));
  const int month = std::stoi(std::string(text.substr(5, 2)));
  const int day = std::stoi(std::string(text.substr(8, 2)));
  constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
  return month != 2 || day <= (leap ? 29 : 28);
}

// A date, then ' ' or 'T', HH:MM[:SS[.fraction]], and an optional Z or +HH[:MM] / -HH[:MM].
bool IsIsoDateTime(std::string_view text) {
  if (text.size() < 16 || !IsIsoDate(text.substr(0, 10)) || (text[10] != ' ' && text[10] != 'T')) {
    return false;
  }
  std::string_view rest = text.substr(11);
  auto two_digits = [&](int max) {
    if (rest.size() < 2 || !AllDigits(rest.substr(0, 2))) return false;
    const int value = std::stoi(std::string(rest.substr(0, 2)));
    rest.remove_prefix(2);
    return value <= max;
  };
  if (!two_digits(23) || rest.empty() || rest[0] != ':') return false;
  rest.remove_prefix(1);
  if (!two_digits(59)) return false;
  if (!rest.empty() && rest[0] == ':') {
    rest.remove_prefix(1);
    if (!two_digits(59)) return false;
    if (!rest.empty() && rest[0] == '.') {
      rest.remove_prefix(1);
      const std::size_t n = rest.find_first_not_of("0123456789");
      if (n == 0) return false;
      rest.remove_prefix(n == std::string_view::npos ? rest.size() : n);
    }
  }
  if (rest.empty() || rest == "Z") return true;
  if (rest[0] != '+' && rest[0] != '-') return false;
  rest.remove_prefix(1);
  if (!two_digits(14)) return false;
  if (!rest.empty() && rest[0] == ':') rest.remove_prefix(1);
  return rest.empty() || (two_digits(59) && rest.empty());
}

std::string Describe(const ast::Literal& value) {
  switch (value.kind) {
    case K::kString:
      return fmt::format("\"{}\"", value.text);
    case K::kCall:
      return value.text + "()";
    default:
      return value.text;
  }
}

}  // namespace

std::optional<ir::Default> Analyzer::ResolveDefault(const ir::Type& type, bool nullable,
                                                    const ast::Literal& value,
                                                    const std::string& what) {
  using D = ir::Default::Kind;
  const bool backfill = what == "backfill";
  auto mismatch = [&](const std::string& expected) -> std::optional<ir::Default> {
    diag_.Error("E0303", value.span,
                fmt::format("{} {} does not fit the column's type {}: expected {}", what,
                            Describe(value), TypeDescription(type), expected));
    return std::nullopt;
  };
  if (value.kind == K::kNull) {
    if (backfill) {
      diag_.Error("E0312", value.span, "backfill null on a column that is not nullable")
          .notes.push_back({"backfill gives the existing rows a value; give one of the column's "
                            "type, or remove the backfill",
                            std::nullopt});
    } else if (!nullable) {
      diag_.Error("E0312", value.span, "default null on a column that is not nullable")
          .notes.push_back({"mark the type with '?' to make the column nullable", std::nullopt});
    }
    return std::nullopt;  // DEFAULT NULL is what a nullable column has anyway
  }
  if (value.kind == K::kSql) {
    if (value.text.find_first_not_of(" \t\n\r") == std::string::npos) {
      diag_.Error("E0305", value.span, fmt::format("the SQL expression of the {} is empty", what))
          .notes.push_back({"write the expression PostgreSQL computes, like sql "
                            "\"uuid_generate_v4()\", or remove it",
                            std::nullopt});
      return std::nullopt;
    }
    return ir::Default{D::kSql, value.text};  // PostgreSQL checks it when the migration runs
  }
  if (value.kind == K::kCall) {
    if (value.text == "now" && type.kind == TypeKind::kDateTime) return ir::Default{D::kNow, ""};
    if (value.text == "now" && type.kind == TypeKind::kDate)
      return ir::Default{D::kCurrentDate, ""};
    if (value.text == "uuid" && type.kind == TypeKind::kUuid)
      return ir::Default{D::kRandomUuid, ""};
    if (value.text != "now" && value.text != "uuid") {
      Diagnostic& d = diag_.Error("E0305", value.span,
                                  fmt::format("unknown function '{}()' in {}", value.text, what));
      SuggestClosest(d, value.text, {"now", "uuid"});
      d.notes.push_back({fmt::format("{} may call now() (date, datetime) and uuid() (uuid)",
                                     backfill ? "backfill" : "defaults"),
                         std::nullopt});
      return std::nullopt;
    }
    diag_.Error("E0303", value.span,
                fmt::format("{} {}() does not fit the column's type {}: it fits only {}", what,
                            value.text, TypeDescription(type),
                            value.text == "now" ? "date and datetime columns" : "uuid columns"));
    return std::nullopt;
  }
  switch (type.kind) {
    case TypeKind::kInteger:
    case TypeKind::kBigInt:
    case TypeKind::kSmallInt:
      if (value.kind != K::kNumber || !IsIntegral(value.text)) return mismatch("a whole number");
      if (!FitsInteger(value.text, type.kind)) {
        const auto [lo, hi] = IntegerRange(type.kind);
        return mismatch(fmt::format("a whole number from {} to {}", lo, hi));
      }
      return ir::Default{D::kNumber, value.text};
    case TypeKind::kDecimal:
      if (value.kind != K::kNumber) return mismatch("a number");
      if (type.precision > 0 && !FitsDecimal(value.text, type.precision, type.scale)) {
        const int digits = type.precision - type.scale;
        return mismatch(fmt::format("at most {} digit{} before the decimal point", digits,
                                    digits == 1 ? "" : "s"));
      }
      return ir::Default{D::kNumber, value.text};
    case TypeKind::kReal:
    case TypeKind::kDouble:
      if (value.kind != K::kNumber) return mismatch("a number");
      return ir::Default{D::kNumber, value.text};
    case TypeKind::kString:
    case TypeKind::kText:
      if (value.kind != K::kString) return mismatch("a \"string\"");
      if (type.kind == TypeKind::kString &&
          DisplayWidth(value.text) > static_cast<std::uint32_t>(type.length)) {
        return mismatch(fmt::format("at most {} characters", type.length));
      }
      return ir::Default{D::kString, value.text};
    case TypeKind::kBoolean:
      if (value.kind != K::kBool) return mismatch("true or false");
      return ir::Default{D::kBool, value.text};
    case TypeKind::kDate:
      // A fixed ISO date only: words like "now" or "today" would be frozen when the
      // migration runs, which is never what was meant.
      if (value.kind != K::kString || !IsIsoDate(value.text)) {
        return mismatch("now() or a fixed date like \"2026-01-31\"");
      }
      return ir::Default{D::kString, value.text};
    case TypeKind::kDateTime:
      if (value.kind != K::kString || !IsIsoDateTime(value.text)) {
        return mismatch("now() or a fixed time like \"2026-01-31 12:00:00+00\"");
      }
      return ir::Default{D::kString, value.text};
    case TypeKind::kUuid:
      if (value.kind != K::kString || !IsUuid(value.text))
        return mismatch("uuid() or a \"uuid string\"");
      return ir::Default{D::kString, value.text};
    case TypeKind::kJson:
    case TypeKind::kJsonb:
      if (value.kind != K::kString || !nlohmann::json::accept(value.text)) {
        return mismatch("a \"string\" holding valid JSON, like \"{}\"");
      }
      return ir::Default{D::kString, value.text};
    case TypeKind::kEnum: {
      const ir::Enum& e = enums_.at(type.enum_name);
      if (value.kind != K::kIdent && value.kind != K::kString) return mismatch("one of its values");
      if (std::find(e.values.begin(), e.values.end(), value.text) == e.values.end()) {
        Diagnostic& d = diag_.Error(
            "E0304", value.span, fmt::format("'{}' is not a value of enum {}", value.text, e.name));
        SuggestClosest(d, value.text, e.values);
        d.notes.push_back({fmt::format("its values are {}", JoinOr(e.values)), e.span});
        return std::nullopt;
      }
      return ir::Default{D::kString, value.text};
    }
  }
  return std::nullopt;
}

void Analyzer::AddFieldCheck(EntityInfo& entity, const ir::Column& column, const ast::Check& check,
                             const ast::Literal* name) {
  const std::string col = naming::QuoteIdent(column.name);
  const TypeKind kind = column.type.kind;
  auto not_applicable = [&](const std::string& what, const std::string& hint) {
    diag_
        .Error("E0306", check.span,
               fmt::format("{} does not apply to '{}' of type {}", what, column.attribute,
                           TypeDescription(column.type)))
        .notes.push_back({hint, std::nullopt});
  };
  auto bounds = [&](bool integral, const std::string& subject) -> std::optional<std::string> {
    if (!check.min && !check.max) {
      diag_.Error("E0307", check.span, "a range needs at least one bound, like 0..5, 1.. or ..100");
      return std::nullopt;
    }
    for (const auto* bound : {&check.min, &check.max}) {
      if (*bound && integral && !IsIntegral((*bound)->text)) {
        diag_.Error("E0307", (*bound)->span,
                    fmt::format("bound {} is not a whole number", (*bound)->text));
        return std::nullopt;
      }
    }
    // strtod, not stod: a bound beyond a double's range (300+ digits) is +-HUGE_VAL, not an
    // exception out of the analyzer.
    if (check.min && check.max &&
        std::strtod(check.min->text.c_str(), nullptr) >
            std::strtod(check.max->text.c_str(), nullptr)) {
      diag_.Error(
          "E0307", check.span,
          fmt::format("empty range: {} is greater than {}", check.min->text, check.max->text));
      return std::nullopt;
    }
    if (check.min && check.max) {
      return fmt::format("{} BETWEEN {} AND {}", subject, check.min->text, check.max->text);
    }
    return check.min ? fmt::format("{} >= {}", subject, check.min->text)
                     : fmt::format("{} <= {}", subject, check.max->text);
  };
  ir::Check out;
  out.kind = ir::Check::Kind::kRange;
  out.column = column.name;
  out.span = check.span;
  if (name != nullptr) out.name = name->text;
  if (check.min) out.min = check.min->text;
  if (check.max) out.max = check.max->text;
  switch (check.kind) {
    case ast::Check::Kind::kRange: {
      if (!IsNumericType(kind)) {
        return not_applicable("a range check", "for text, check the length: check(length 1..50)");
      }
      auto expr = bounds(IsIntegerType(kind), col);
      if (!expr) return;
      out.expression = *expr;
      break;
    }
    case ast::Check::Kind::kLength: {
      if (!IsTextType(kind))
        return not_applicable("a length check", "length checks apply to string and text");
      if ((check.min && check.min->text.front() == '-') ||
          (check.max && check.max->text.front() == '-')) {
        diag_.Error("E0307", check.span, "a length can't be negative");
        return;
      }
      auto expr = bounds(true, fmt::format("char_length({})", col));
      if (!expr) return;
      out.kind = ir::Check::Kind::kLength;
      out.expression = *expr;
      break;
    }
    case ast::Check::Kind::kMatch:
      if (!IsTextType(kind))
        return not_applicable("a match check", "match checks apply to string and text");
      if (check.text.empty()) {
        diag_.Error("E0307", check.span, "the regular expression is empty");
        return;
      }
      out.kind = ir::Check::Kind::kMatch;
      out.pattern = check.text;
      out.expression = fmt::format("{} ~ {}", col, naming::QuoteLiteral(check.text));
      break;
    case ast::Check::Kind::kSql:
      if (check.text.find_first_not_of(" \t") == std::string::npos) {
        diag_.Error("E0307", check.span, "the SQL check expression is empty");
        return;
      }
      out.kind = ir::Check::Kind::kRawSql;
      out.expression = check.text;
      break;
  }
  entity.table.checks.push_back(std::move(out));
}

}  // namespace schemagen::sema
