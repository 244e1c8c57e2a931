// What the TypeScript generators share: the Sequelize type of a column, its TypeScript type,
// TSDoc comments and the generated-file header.
#pragma once

#include <string>

#include "gen/ts_printer.hpp"
#include "schemagen/ir.hpp"

namespace schemagen::typescript {

/// "STRING(255)", "DECIMAL(12, 2)", "DATE"...: the DataTypes member for a column.
std::string DataType(const ir::Type& type);
/// The attribute's TypeScript type, without "| null": "number", "string", "Date", "TicketStatus".
std::string TsType(const ir::Type& type);
/// A TSDoc block for `doc` at `indent`, `*/` made harmless and a line per line of `doc` at any
/// terminator (text::Lines); empty when `doc` is empty.
std::string DocBlock(const std::string& doc, int indent);
/// `text` for one line inside a `//` or `/** */` comment: control characters escaped
/// (text::EscapeControls), `*/` broken.
std::string InComment(std::string_view text);
/// The first line of every generated TypeScript file.
std::string Header(const ir::Schema& schema);
/// The name of the exported array of an enum's values: "TicketStatusValues".
std::string EnumValuesName(const std::string& enum_name);
/// A JSON text as a TypeScript expression (objects, arrays, literals), as Prettier prints it.
ts::ExprPtr JsonExpression(const std::string& json);

}  // namespace schemagen::typescript
