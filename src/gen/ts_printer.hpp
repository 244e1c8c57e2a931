// A small TypeScript expression printer that lays code out the way Prettier 3 does (80 columns,
// double quotes, trailing commas), so generated files pass `prettier --check` unchanged.
// It covers what the generators emit: atoms, calls, object and array literals.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace schemagen::ts {

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

/// An expression: an atom (already valid TS text), a call, an object or an array.
struct Expr {
  enum class Kind { kAtom, kCall, kObject, kArray };
  Kind kind = Kind::kAtom;
  std::string text;                                    ///< kAtom; kCall: the callee
  std::vector<ExprPtr> items;                          ///< kCall arguments, kArray elements
  std::vector<std::pair<std::string, ExprPtr>> props;  ///< kObject (empty key: shorthand)
  bool expanded = false;  ///< kObject: always one property per line (Prettier keeps that)
  int width = 0;          ///< kAtom, kCall: the display width of `text`
};

ExprPtr Atom(std::string text);
ExprPtr Call(std::string callee, std::vector<ExprPtr> args);
/// An object literal; `expanded` keeps it one property per line even when it would fit.
ExprPtr Object(std::vector<std::pair<std::string, ExprPtr>> props, bool expanded = false);
ExprPtr Array(std::vector<ExprPtr> items);

/// A string literal as Prettier writes it: double quotes unless the text holds more double
/// than single quotes; backslashes, the quote and control characters escaped.
std::string String(std::string_view text);
/// An object key: bare when it is an identifier, else a string literal.
std::string Key(std::string_view name);

/// `prefix` + expression + `suffix`, laid out at `indent` spaces, as lines without a final
/// newline. E.g. Print("await ", call, ";", 4).
std::string Print(const std::string& prefix, const ExprPtr& expr, const std::string& suffix,
                  int indent);

/// `import { a, b } from "x";` on one line when it fits (or names one thing), else one name
/// per line.
std::string Import(const std::vector<std::string>& names, const std::string& from);

}  // namespace schemagen::ts
