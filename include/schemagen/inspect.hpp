// What the inspector (src/pg/inspect.cpp) reads from a live PostgreSQL schema: the same IR the
// semantic pass builds, holding only what a database knows, plus the objects the IR has no
// place for. Plain data, so the diff and its tests need no database.
#pragma once

#include <string>
#include <vector>

#include "schemagen/ir.hpp"

namespace schemagen::inspect {

/// A database object outside ir::Schema's model (a sequence, a user type, a view, a function,
/// a trigger...). Compared by kind and name; `detail` says what it is, so a change shows.
struct Object {
  std::string kind;    ///< "sequence", "type", "view", "function", "trigger"...
  std::string name;    ///< as PostgreSQL names it, unquoted ("tickets_id_seq")
  std::string detail;  ///< "integer, owned by tickets.id", "enum (open, closed)"...

  bool operator==(const Object&) const = default;
};

/// One inspected schema. In `schema`, a table holds only database facts: its name, comment,
/// columns (name, type, nullability, default expression, auto-increment for serial columns,
/// comment), primary key, foreign keys, unique and check constraints, and the indexes that
/// back no constraint. Defaults and CHECK expressions are PostgreSQL's normalized text
/// (pg_get_expr, pg_get_constraintdef without "CHECK "). Tables, constraints and indexes are
/// sorted by name, columns are in table order.
struct Catalog {
  std::string schema_name;      ///< the PostgreSQL schema read ("public")
  ir::Schema schema;            ///< tables by name; `model`, relations and spans stay empty
  std::vector<Object> objects;  ///< sorted by kind, then name
};

}  // namespace schemagen::inspect
