// Name conversions shared by the semantic pass and every generator. See naming.hpp.
#include "schemagen/naming.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace schemagen::naming {
namespace {

// ASCII-only character classes: identifiers are compared and re-cased byte-wise, independent of
// the C locale, and bytes >= 0x80 (UTF-8) pass through untouched.
constexpr bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool IsDigit(char c) { return c >= '0' && c <= '9'; }
constexpr char ToLower(char c) { return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char ToUpper(char c) { return IsLower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ToLower(c);
  return out;
}

// A word of an identifier as a [begin, end) byte range of the original text.
struct WordSpan {
  std::size_t begin;
  std::size_t end;
};

// The one word splitter behind every case conversion and Pluralize. Words are separated by '_'
// (runs of it, and leading/trailing ones, produce no empty words), and a new word starts at an
// upper-case letter that follows a lower-case letter or a digit ("userId", "utf8Text"), or that
// ends an acronym run because a lower-case letter follows it ("HTTPRequest" -> HTTP|Request).
// Digits never start a word: they stay with the preceding one ("address2", "utf8").
std::vector<WordSpan> SplitWords(std::string_view name) {
  std::vector<WordSpan> words;
  constexpr std::size_t kNone = std::string_view::npos;
  std::size_t start = kNone;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == '_') {
      if (start != kNone) words.push_back({start, i});
      start = kNone;
      continue;
    }
    if (start == kNone) {
      start = i;
      continue;
    }
    const char prev = name[i - 1];
    bool boundary = false;
    if (IsUpper(c)) {
      if (IsLower(prev) || IsDigit(prev)) {
        boundary = true;
      } else if (IsUpper(prev) && i + 1 < name.size() && IsLower(name[i + 1])) {
        boundary = true;
      }
    }
    if (boundary) {
      words.push_back({start, i});
      start = i;
    }
  }
  if (start != kNone) words.push_back({start, name.size()});
  return words;
}

// Joins the lower-cased words of `name`; `capitalize_first`/`capitalize_rest` select whether the
// first letter of the first/following words is upper-cased, `separator` goes between words.
std::string JoinWords(std::string_view name, std::string_view separator, bool capitalize_first,
                      bool capitalize_rest) {
  std::string out;
  out.reserve(name.size() + 8);
  bool first = true;
  for (const WordSpan& word : SplitWords(name)) {
    if (!first) out += separator;
    const bool capitalize = first ? capitalize_first : capitalize_rest;
    for (std::size_t i = word.begin; i < word.end; ++i) {
      const char c = ToLower(name[i]);
      out += (capitalize && i == word.begin) ? ToUpper(c) : c;
    }
    first = false;
  }
  return out;
}

// Lower-case words whose plural is the word itself.
constexpr std::array<std::string_view, 12> kUncountable = {
    "audio",    "data",  "equipment", "feedback", "info",    "information",
    "metadata", "media", "news",      "series",   "species", "settings",
};

// Lower-case singular -> plural pairs that the suffix rules below get wrong. The f/fe -> ves
// change is deliberately limited to the words listed here ("roof" -> "roofs", "safe" -> "safes").
constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kIrregular = {{
    {"analysis", "analyses"}, {"child", "children"}, {"criterion", "criteria"},
    {"datum", "data"},        {"foot", "feet"},      {"goose", "geese"},
    {"half", "halves"},       {"index", "indexes"},  {"knife", "knives"},
    {"leaf", "leaves"},       {"life", "lives"},     {"man", "men"},
    {"mouse", "mice"},        {"person", "people"},  {"quiz", "quizzes"},
    {"shelf", "shelves"},     {"tooth", "teeth"},    {"wife", "wives"},
    {"wolf", "wolves"},       {"woman", "women"},
}};

bool Contains(std::string_view set, char c) { return set.find(c) != std::string_view::npos; }

// True when a lower-case word already looks plural: it ends in "ies", or in 's' after anything
// but the endings of common singular nouns ("ss": address, "us": status, "is": analysis,
// "as": alias). So "users", "types", "keys", "photos" are left alone.
bool LooksPlural(std::string_view word) {
  if (word.ends_with("ies")) return true;
  if (word.size() < 2 || word.back() != 's') return false;
  return !Contains("suia", word[word.size() - 2]);
}

// English plural of one lower-case word.
std::string PluralOfWord(const std::string& word) {
  if (word.empty()) return word;
  for (std::string_view uncountable : kUncountable) {
    if (word == uncountable) return word;
  }
  for (const auto& [singular, plural] : kIrregular) {
    if (word == singular) return std::string(plural);
    if (word == plural) return word;
  }
  if (LooksPlural(word)) return word;
  const char last = word.back();
  if (last == 'y' && word.size() >= 2 && !Contains("aeiou", word[word.size() - 2])) {
    return word.substr(0, word.size() - 1) + "ies";
  }
  if (Contains("sxz", last) || word.ends_with("ch") || word.ends_with("sh")) return word + "es";
  return word + "s";
}

// Sorted (byte order) lower-case PostgreSQL 15 keywords of category R (reserved) and T (reserved,
// can be function or type name): exactly
//   SELECT word FROM pg_get_keywords() WHERE catcode IN ('R', 'T') ORDER BY word COLLATE "C";
// as returned by a PostgreSQL 15.18 server.
constexpr std::array<std::string_view, 100> kPgReservedKeywords = {
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "binary",
    "both",
    "case",
    "cast",
    "check",
    "collate",
    "collation",
    "column",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "false",
    "fetch",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "group",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "intersect",
    "into",
    "is",
    "isnull",
    "join",
    "lateral",
    "leading",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "natural",
    "not",
    "notnull",
    "null",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "outer",
    "overlaps",
    "placing",
    "primary",
    "references",
    "returning",
    "right",
    "select",
    "session_user",
    "similar",
    "some",
    "symmetric",
    "table",
    "tablesample",
    "then",
    "to",
    "trailing",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
};
static_assert(std::is_sorted(kPgReservedKeywords.begin(), kPgReservedKeywords.end()),
              "kPgReservedKeywords must stay sorted for binary search");

constexpr std::size_t kLongestKeyword =
    std::ranges::max_element(kPgReservedKeywords, {}, [](std::string_view w) {
      return w.size();
    })->size();

// Appends `text` to `out` between `quote` characters, doubling embedded `quote`s.
void AppendQuoted(std::string& out, std::string_view text, char quote) {
  out.reserve(out.size() + text.size() + 2);
  out += quote;
  for (char c : text) {
    if (c == quote) out += quote;
    out += c;
  }
  out += quote;
}

}  // namespace

std::string ToSnakeCase(std::string_view name) { return JoinWords(name, "_", false, false); }

std::string ToCamelCase(std::string_view name) { return JoinWords(name, "", false, true); }

std::string ToPascalCase(std::string_view name) { return JoinWords(name, "", true, true); }

std::string Pluralize(std::string_view name) {
  const std::vector<WordSpan> words = SplitWords(name);
  if (words.empty()) return std::string(name);
  const WordSpan last = words.back();
  const std::string_view original = name.substr(last.begin, last.end - last.begin);
  const std::string singular = Lower(original);
  const std::string plural = PluralOfWord(singular);

  // Keep the original characters of the common prefix (so "TicketPerson" keeps its 'P' and an
  // acronym stays upper-case: "MyURL" -> "MyURLs"); the changed tail is upper-case only when the
  // whole identifier is (UPPER_SNAKE: has upper-case and no lower-case letters), else lower-case.
  const bool all_upper = std::any_of(name.begin(), name.end(), IsUpper) &&
                         std::none_of(name.begin(), name.end(), IsLower);
  std::size_t common = 0;
  while (common < singular.size() && common < plural.size() && singular[common] == plural[common]) {
    ++common;
  }
  std::string out(name.substr(0, last.begin));
  out += original.substr(0, common);
  for (std::size_t i = common; i < plural.size(); ++i) {
    out += all_upper ? ToUpper(plural[i]) : plural[i];
  }
  out += name.substr(last.end);
  return out;
}

bool IsPgReservedKeyword(std::string_view word) {
  if (word.empty() || word.size() > kLongestKeyword) return false;
  const std::string lower = Lower(word);
  return std::binary_search(kPgReservedKeywords.begin(), kPgReservedKeywords.end(),
                            std::string_view(lower));
}

std::string_view ModelMemberHiddenBy(std::string_view name) {
  static constexpr std::string_view kObject[] = {
      "constructor",    "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable",
      "toLocaleString", "toString",       "valueOf"};
  static constexpr std::string_view kModel[] = {
      "addHook",     "changed",       "dataValues",   "decrement",     "destroy",      "equals",
      "equalsOneOf", "get",           "getDataValue", "hasHook",       "hasHooks",     "increment",
      "isNewRecord", "isSoftDeleted", "previous",     "reload",        "removeHook",   "restore",
      "save",        "sequelize",     "set",          "setAttributes", "setDataValue", "toJSON",
      "update",      "validate",      "where"};
  for (const std::string_view member : kObject) {
    if (name == member)
      return name == "constructor" ? "the class's constructor" : "Object's own method";
  }
  for (const std::string_view member : kModel) {
    if (name == member) return "a member of Sequelize's Model";
  }
  return "";
}

std::string_view TypeShadowedBy(std::string_view name) {
  static constexpr std::string_view kImported[] = {
      "AllowNull", "AutoIncrement", "BelongsTo",   "BelongsToMany", "Column",     "CreatedAt",
      "DataType",  "DataTypes",     "Default",     "DeletedAt",     "ForeignKey", "HasMany",
      "HasOne",    "Index",         "Is",          "IsIn",          "Length",     "Max",
      "Min",       "Model",         "Op",          "Optional",      "PrimaryKey", "QueryInterface",
      "Sequelize", "Table",         "Transaction", "Unique",        "UpdatedAt"};
  static constexpr std::string_view kGlobal[] = {
      "Array",      "BigInt",      "Boolean",  "Buffer",       "Date",    "Error",
      "Exclude",    "Extract",     "Function", "InstanceType", "JSON",    "Map",
      "Math",       "NonNullable", "Number",   "Object",       "Omit",    "Partial",
      "Pick",       "Promise",     "Readonly", "Record",       "RegExp",  "Required",
      "ReturnType", "Set",         "String",   "Symbol",       "WeakMap", "WeakSet"};
  for (const std::string_view type : kImported) {
    if (name == type)
      return "what the generated models import from sequelize-typescript or sequelize";
  }
  for (const std::string_view type : kGlobal) {
    if (name == type) return "a global type of TypeScript and JavaScript";
  }
  return "";
}

bool NeedsQuoting(std::string_view ident) {
  if (ident.empty()) return true;
  const char first = ident.front();
  if (!IsLower(first) && first != '_') return true;
  for (char c : ident.substr(1)) {
    if (!IsLower(c) && !IsDigit(c) && c != '_' && c != '$') return true;
  }
  return IsPgReservedKeyword(ident);
}

std::string QuoteIdent(std::string_view ident) {
  if (!NeedsQuoting(ident)) return std::string(ident);
  std::string out;
  AppendQuoted(out, ident, '"');
  return out;
}

std::string QuoteLiteral(std::string_view text) {
  std::string out;
  AppendQuoted(out, text, '\'');
  return out;
}

namespace {

// FNV-1a, for the suffix of shortened names: stable across platforms and runs.
std::uint32_t Fnv1a(std::string_view text) {
  std::uint32_t hash = 2166136261u;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 16777619u;
  }
  return hash;
}

}  // namespace

std::string FitIdentifier(const std::string& name) {
  constexpr std::size_t kMaxBytes = 63;
  if (name.size() <= kMaxBytes) return name;
  std::size_t cut = kMaxBytes - 9;
  while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
  return fmt::format("{}_{:08x}", name.substr(0, cut), Fnv1a(name));
}

}  // namespace schemagen::naming
