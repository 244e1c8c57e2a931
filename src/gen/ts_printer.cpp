#include "gen/ts_printer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "schemagen/source.hpp"

namespace schemagen::ts {
namespace {

constexpr int kWidth = 80;
constexpr int kNotFlat = -1;

int Width(std::string_view s) { return static_cast<int>(DisplayWidth(s)); }

void Pad(std::string& out, int indent) { out.append(static_cast<std::size_t>(indent), ' '); }

// The width of the expression printed on one line, or kNotFlat when it must span lines (an
// expanded object) or is wider than `budget`. Walks no further than the budget, so asking
// again at each level of a layout stays linear.
int FlatWidth(const Expr& e, int budget) {
  int width = 0;
  const auto take = [&](int w) {
    width += w;
    return width <= budget;
  };
  switch (e.kind) {
    case Expr::Kind::kAtom:
      return take(e.width) ? width : kNotFlat;
    case Expr::Kind::kCall:
    case Expr::Kind::kArray: {
      if (!take(e.kind == Expr::Kind::kCall ? e.width + 2 : 2)) return kNotFlat;
      for (std::size_t i = 0; i < e.items.size(); ++i) {
        if (i > 0 && !take(2)) return kNotFlat;
        const int item = FlatWidth(*e.items[i], budget - width);
        if (item == kNotFlat) return kNotFlat;
        width += item;
      }
      return width;
    }
    case Expr::Kind::kObject: {
      if (e.expanded) return kNotFlat;
      if (e.props.empty()) return take(2) ? width : kNotFlat;
      if (!take(4)) return kNotFlat;
      for (std::size_t i = 0; i < e.props.size(); ++i) {
        const auto& [key, value] = e.props[i];
        if (i > 0 && !take(2)) return kNotFlat;
        if (!key.empty() && !take(Width(key) + 2)) return kNotFlat;
        const int item = FlatWidth(*value, budget - width);
        if (item == kNotFlat) return kNotFlat;
        width += item;
      }
      return width;
    }
  }
  return kNotFlat;
}

// The expression on one line (FlatWidth said it can be).
void AppendFlat(std::string& out, const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::kAtom:
      out += e.text;
      return;
    case Expr::Kind::kCall:
    case Expr::Kind::kArray:
      out += e.kind == Expr::Kind::kCall ? e.text + "(" : "[";
      for (std::size_t i = 0; i < e.items.size(); ++i) {
        if (i > 0) out += ", ";
        AppendFlat(out, *e.items[i]);
      }
      out += e.kind == Expr::Kind::kCall ? ')' : ']';
      return;
    case Expr::Kind::kObject:
      if (e.props.empty()) {
        out += "{}";
        return;
      }
      out += "{ ";
      for (std::size_t i = 0; i < e.props.size(); ++i) {
        if (i > 0) out += ", ";
        if (!e.props[i].first.empty()) {
          out += e.props[i].first;
          out += ": ";
        }
        AppendFlat(out, *e.props[i].second);
      }
      out += " }";
      return;
  }
}

void Layout(std::string& out, std::string_view prefix, const Expr& e, std::string_view suffix,
            int indent);

// One member a line between `open` and `close`: each laid out by `member(i)`, ending in its
// comma.
template <typename F>
void Broken(std::string& out, std::string_view prefix, std::string_view open, std::size_t count,
            F member, std::string_view close, std::string_view suffix, int indent) {
  Pad(out, indent);
  out += prefix;
  out += open;
  out += '\n';
  for (std::size_t i = 0; i < count; ++i) {
    member(i);
    out += '\n';
  }
  Pad(out, indent);
  out += close;
  out += suffix;
}

void LayoutObject(std::string& out, std::string_view prefix, const Expr& e, std::string_view suffix,
                  int indent) {
  Broken(
      out, prefix, "{", e.props.size(),
      [&](std::size_t i) {
        const auto& [key, value] = e.props[i];
        Layout(out, key.empty() ? std::string() : key + ": ", *value, ",", indent + 2);
      },
      "}", suffix, indent);
}

void Layout(std::string& out, std::string_view prefix, const Expr& e, std::string_view suffix,
            int indent) {
  if (FlatWidth(e, kWidth - indent - Width(prefix) - Width(suffix)) != kNotFlat) {
    Pad(out, indent);
    out += prefix;
    AppendFlat(out, e);
    out += suffix;
    return;
  }
  const auto items = [&](std::size_t i) { Layout(out, "", *e.items[i], ",", indent + 2); };
  switch (e.kind) {
    case Expr::Kind::kAtom:
      Pad(out, indent);
      out += prefix;
      out += e.text;
      out += suffix;
      return;
    case Expr::Kind::kObject:
      LayoutObject(out, prefix, e, suffix, indent);
      return;
    case Expr::Kind::kArray:
      Broken(out, prefix, "[", e.items.size(), items, "]", suffix, indent);
      return;
    case Expr::Kind::kCall: {
      // Hug a last object argument when everything before it fits on the first line.
      if (!e.items.empty() && e.items.back()->kind == Expr::Kind::kObject) {
        std::string opening(prefix);
        opening += e.text;
        opening += '(';
        bool fits = true;
        for (std::size_t i = 0; fits && i + 1 < e.items.size(); ++i) {
          fits = FlatWidth(*e.items[i], kWidth - indent - Width(opening)) != kNotFlat;
          if (fits) {
            AppendFlat(opening, *e.items[i]);
            opening += ", ";
          }
        }
        if (fits && indent + Width(opening) + 1 <= kWidth) {
          LayoutObject(out, opening, *e.items.back(), ")" + std::string(suffix), indent);
          return;
        }
      }
      Broken(out, std::string(prefix) + e.text, "(", e.items.size(), items, ")", suffix, indent);
      return;
    }
  }
}

}  // namespace

ExprPtr Atom(std::string text) {
  auto e = std::make_shared<Expr>();
  e->width = Width(text);
  e->text = std::move(text);
  return e;
}

ExprPtr Call(std::string callee, std::vector<ExprPtr> args) {
  auto e = std::make_shared<Expr>();
  e->kind = Expr::Kind::kCall;
  e->width = Width(callee);
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
  std::string out;
  Layout(out, prefix, *expr, suffix, indent);
  return out;
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
