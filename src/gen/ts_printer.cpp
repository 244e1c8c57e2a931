#include "gen/ts_printer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "schemagen/source.hpp"

namespace schemagen::ts {
namespace {

constexpr int kWidth = 80;

// The expression on one line, or nullopt when it must span lines (an expanded object).
std::optional<std::string> Flat(const ExprPtr& e) {
  switch (e->kind) {
    case Expr::Kind::kAtom:
      return e->text;
    case Expr::Kind::kCall:
    case Expr::Kind::kArray: {
      std::vector<std::string> parts;
      for (const ExprPtr& item : e->items) {
        auto flat = Flat(item);
        if (!flat) return std::nullopt;
        parts.push_back(*flat);
      }
      const std::string joined = fmt::format("{}", fmt::join(parts, ", "));
      return e->kind == Expr::Kind::kCall ? e->text + "(" + joined + ")" : "[" + joined + "]";
    }
    case Expr::Kind::kObject: {
      if (e->expanded) return std::nullopt;
      if (e->props.empty()) return "{}";
      std::vector<std::string> parts;
      for (const auto& [key, value] : e->props) {
        auto flat = Flat(value);
        if (!flat) return std::nullopt;
        parts.push_back(key.empty() ? *flat : key + ": " + *flat);
      }
      return "{ " + fmt::format("{}", fmt::join(parts, ", ")) + " }";
    }
  }
  return std::nullopt;
}

int Width(const std::string& s) { return static_cast<int>(DisplayWidth(s)); }

std::string Pad(int indent) { return std::string(static_cast<std::size_t>(indent), ' '); }

std::string Layout(const std::string& prefix, const ExprPtr& e, const std::string& suffix,
                   int indent);

// Elements one per line between `open` and `close`; each line already ends in its comma.
std::string Broken(const std::string& prefix, const std::string& open,
                   const std::vector<std::string>& lines, const std::string& close,
                   const std::string& suffix, int indent) {
  std::string out = Pad(indent) + prefix + open + "\n";
  for (const std::string& line : lines) out += line + "\n";
  return out + Pad(indent) + close + suffix;
}

std::string LayoutObject(const std::string& prefix, const ExprPtr& e, const std::string& suffix,
                         int indent) {
  std::vector<std::string> lines;
  for (const auto& [key, value] : e->props) {
    if (key.empty()) {
      lines.push_back(Layout("", value, ",", indent + 2));
    } else {
      lines.push_back(Layout(key + ": ", value, ",", indent + 2));
    }
  }
  return Broken(prefix, "{", lines, "}", suffix, indent);
}

std::string Layout(const std::string& prefix, const ExprPtr& e, const std::string& suffix,
                   int indent) {
  if (auto flat = Flat(e); flat && indent + Width(prefix + *flat + suffix) <= kWidth) {
    return Pad(indent) + prefix + *flat + suffix;
  }
  switch (e->kind) {
    case Expr::Kind::kAtom:
      return Pad(indent) + prefix + e->text + suffix;
    case Expr::Kind::kObject:
      return LayoutObject(prefix, e, suffix, indent);
    case Expr::Kind::kArray: {
      std::vector<std::string> lines;
      for (const ExprPtr& item : e->items) lines.push_back(Layout("", item, ",", indent + 2));
      return Broken(prefix, "[", lines, "]", suffix, indent);
    }
    case Expr::Kind::kCall: {
      // Hug a last object argument when everything before it fits on the first line.
      if (!e->items.empty() && e->items.back()->kind == Expr::Kind::kObject) {
        std::vector<std::string> head;
        bool flat_head = true;
        for (std::size_t i = 0; i + 1 < e->items.size(); ++i) {
          auto flat = Flat(e->items[i]);
          if (!flat)
            flat_head = false;
          else
            head.push_back(*flat);
        }
        const std::string opening = prefix + e->text + "(" +
                                    fmt::format("{}", fmt::join(head, ", ")) +
                                    (head.empty() ? "" : ", ");
        if (flat_head && indent + Width(opening + "{") <= kWidth) {
          return LayoutObject(opening, e->items.back(), ")" + suffix, indent);
        }
      }
      std::vector<std::string> lines;
      for (const ExprPtr& arg : e->items) lines.push_back(Layout("", arg, ",", indent + 2));
      return Broken(prefix + e->text, "(", lines, ")", suffix, indent);
    }
  }
  return "";
}

}  // namespace

ExprPtr Atom(std::string text) {
  auto e = std::make_shared<Expr>();
  e->text = std::move(text);
  return e;
}

ExprPtr Call(std::string callee, std::vector<ExprPtr> args) {
  auto e = std::make_shared<Expr>();
  e->kind = Expr::Kind::kCall;
  e->text = std::move(callee);
  e->items = std::move(args);
  return e;
}

ExprPtr Object(std::vector<std::pair<std::string, ExprPtr>> props, bool expanded) {
  auto e = std::make_shared<Expr>();
  e->kind = Expr::Kind::kObject;
  e->props = std::move(props);
  e->expanded = expanded && !e->props.empty();
  return e;
}

ExprPtr Array(std::vector<ExprPtr> items) {
  auto e = std::make_shared<Expr>();
  e->kind = Expr::Kind::kArray;
  e->items = std::move(items);
  return e;
}

std::string String(std::string_view text) {
  const auto doubles = std::count(text.begin(), text.end(), '"');
  const auto singles = std::count(text.begin(), text.end(), '\'');
  const char quote = doubles > singles ? '\'' : '"';
  std::string out(1, quote);
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c == quote) {
          out += '\\';
          out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  // U+2028 and U+2029 end a line in older JavaScript engines.
  for (const char* separator : {"\u2028", "\u2029"}) {
    for (std::size_t at = out.find(separator); at != std::string::npos; at = out.find(separator)) {
      out.replace(at, 3, std::string_view(separator) == "\u2028" ? "\\u2028" : "\\u2029");
    }
  }
  return out + quote;
}

std::string Key(std::string_view name) {
  const bool identifier =
      !name.empty() &&
      (std::isalpha(static_cast<unsigned char>(name[0])) != 0 || name[0] == '_' ||
       name[0] == '$') &&
      std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$';
      });
  return identifier ? std::string(name) : String(name);
}

std::string Print(const std::string& prefix, const ExprPtr& expr, const std::string& suffix,
                  int indent) {
  return Layout(prefix, expr, suffix, indent);
}

std::string Import(const std::vector<std::string>& names, const std::string& from) {
  const std::string flat =
      fmt::format("import {{ {} }} from {};", fmt::join(names, ", "), String(from));
  if (Width(flat) <= kWidth || names.size() == 1) return flat;  // Prettier keeps one name flat
  std::string out = "import {\n";
  for (const std::string& name : names) out += "  " + name + ",\n";
  return out + "} from " + String(from) + ";";
}

}  // namespace schemagen::ts
