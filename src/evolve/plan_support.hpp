// What every part of the evolution planner shares: the phases steps are ordered by, statement
// builders, the type and cast rules of ALTER COLUMN TYPE (type_casts.cpp), identifier renaming
// in stored expressions (expressions.cpp), and the subjects steps are reported under.
#pragma once

#include <fmt/format.h>

#include <string>
#include <vector>

#include "schemagen/evolve.hpp"
#include "schemagen/ir.hpp"
#include "schemagen/naming.hpp"
#include "schemagen/sql.hpp"

namespace schemagen::evolve::planning {

using naming::QuoteIdent;
using naming::QuoteLiteral;
using sql::Statement;

constexpr std::size_t kMaxIdentifier = 63;

enum Phase {
  kDropTargetForms,  // a pre-15 SET NULL trigger, while its table still has its old name
  kRenameTables,
  kRenameColumns,
  kRenameObjects,
  kDropKeys,
  kDropObjects,
  kDropColumns,
  kDropTables,
  kCreateTables,
  kColumns,
  kAddKeys,
  kAddObjects,
  kSameTenantKeys,     // after the UNIQUE (company_id, id) they reference
  kReferencedUniques,  // dropped once the keys that reference them are replaced
  kPolicies,
  kRowSecurity,  // ENABLE after the policies exist; DISABLE (in a DOWN) before they go
  kComments,
  kCreateTargetForms,  // once every table and key is in place
};

struct Planned {
  Phase phase;
  long order;  // within a phase; dropped tables go in reverse creation order
  Step step;
};

inline Statement S(std::string text, std::string comment = "") {
  return {std::move(comment), std::move(text)};
}

inline std::string Alter(const std::string& table) { return "ALTER TABLE " + QuoteIdent(table); }

inline Statement DropConstraint(const std::string& table, const std::string& name) {
  return S(fmt::format("{} DROP CONSTRAINT {};", Alter(table), QuoteIdent(name)));
}

// VALIDATE of a constraint added NOT VALID: scans the table without blocking writes.
inline Statement ValidateConstraint(const std::string& table, const std::string& name) {
  return S(fmt::format("{} VALIDATE CONSTRAINT {};", Alter(table), QuoteIdent(name)));
}

// ---- expressions (expressions.cpp) -------------------------------------------------------

// `expression` with every identifier `from` (bare or double-quoted, outside string literals)
// written as `to`: what PostgreSQL does to a stored expression when a column is renamed.
std::string RenameIdentifier(const std::string& expression, const std::string& from,
                             const std::string& to);

// ---- types (type_casts.cpp) --------------------------------------------------------------

bool TextLike(const ir::Type& t);
// Length limit of a text-like type; 0 = unlimited.
int TextLimit(const ir::Type& t);
int IntegerRank(const ir::Type& t);
bool Numeric(const ir::Type& t);
// Digits a numeric type holds before the decimal point; 1000 = unlimited.
int IntegerDigits(const ir::Type& t);
// True when PostgreSQL stores `from` values as `to` without rewriting the table.
bool NoRewrite(const ir::Type& from, const ir::Type& to);
// PostgreSQL converts `from` to `to` in ALTER COLUMN TYPE without a USING clause (an implicit
// or assignment cast exists).
bool AssignmentCast(const ir::Type& from, const ir::Type& to);
// Converting `from` to `to` silently changes some values (rounds, drops the time of day).
bool Rounds(const ir::Type& from, const ir::Type& to);
// Converting `from` to `to` can fail on some values (too long, out of range): the migration
// then stops and is rolled back, nothing is lost.
bool MayFail(const ir::Type& from, const ir::Type& to);
// Why converting values of `from` to `target` can fail, for `who` ("the UP", "the DOWN").
std::string FitReason(const char* who, const ir::Type& target, const ir::Type& from);
// The column's type as ALTER COLUMN TYPE takes it (serial as its base type).
std::string TypeSql(const ir::Column& column);
bool HasDefault(const ir::Column& column);
bool VolatileDefault(const ir::Column& column);
std::string BackfillSql(const ir::Column& column, const ir::Default& value);

// ---- names -------------------------------------------------------------------------------

inline std::string Subject(const ir::Table& table, const ir::Column* column = nullptr) {
  return column == nullptr ? table.model : table.model + "." + column->attribute;
}

// The subject of a constraint or index: its first column's attribute when it has one column.
inline std::string PartSubject(const ir::Table& table, const std::vector<std::string>& columns) {
  if (columns.size() == 1) {
    if (const ir::Column* c = table.FindColumn(columns[0])) return Subject(table, c);
  }
  return table.model;
}

inline std::vector<std::string> IndexColumnNames(const ir::Index& index) {
  std::vector<std::string> names;
  for (const ir::IndexColumn& c : index.columns) names.push_back(c.name);
  return names;
}

inline std::string SequenceName(const std::string& table, const std::string& column) {
  return table + "_" + column + "_seq";
}

}  // namespace schemagen::evolve::planning
