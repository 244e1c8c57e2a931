// The canonical text of single AST nodes: literals, checks, field bodies, index declarations,
// headers. No layout and no comments here; src/format/format.cpp places these on lines.
#pragma once

#include <string>

#include "schemagen/ast.hpp"

namespace schemagen::formatting {

/// A string value in double quotes, with `"`, `\`, newline, tab and carriage return escaped.
std::string Quote(const std::string& value);
/// `"text"`, `42`, `true`, `null`, `open`, `now()`.
std::string LiteralText(const ast::Literal& literal);
/// `check(0..5)`, `check(length 1..50)`, `check(match "re")`, `check(sql "expr")`.
std::string CheckText(const ast::Check& check);
/// A field after its name: `string(255)? unique = "x"`, `-> Contact? on delete set null`,
/// `<- Message[] via ticket`, `<-> Tag[] through TicketTag`.
std::string FieldBodyText(const ast::Field& field);
/// `index(a, b desc) using gin where sql "..."` or `unique(a, b)`.
std::string IndexDeclText(const ast::IndexDecl& index);
/// `entity Name global table "x"` (without the brace).
std::string EntityHeaderText(const ast::Entity& entity);
/// An enum value: bare identifier or quoted string.
std::string EnumValueText(const ast::EnumValue& value);

}  // namespace schemagen::formatting
