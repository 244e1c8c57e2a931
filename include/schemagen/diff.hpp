// Schema diff, Atlas-style: two versions of a schema in, typed changes out. The same changes
// serve verification (expected schema vs the one inspected from a database; each change is a
// difference to report) and evolution (previous IR vs new IR; each change becomes DDL).
// Pure C++: no database here.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "schemagen/inspect.hpp"
#include "schemagen/ir.hpp"

namespace schemagen::diff {

/// A table's primary key: constraint name and columns in key order. Empty when there is none.
struct PrimaryKey {
  std::string name;
  std::vector<std::string> columns;

  bool operator==(const PrimaryKey&) const = default;
};

/// `object` exists only in the second schema (`to`).
template <typename T>
struct Add {
  T object;
};
/// `object` exists only in the first schema (`from`).
template <typename T>
struct Drop {
  T object;
};
/// An object of the same name differs between the two schemas.
template <typename T>
struct Modify {
  T from;
  T to;
};

/// Which properties of a column differ.
struct ColumnFacets {
  bool type = false;
  bool nullable = false;
  bool default_value = false;
  bool auto_increment = false;
  bool comment = false;

  /// True when anything but the comment differs: the column's definition changed.
  bool Definition() const { return type || nullable || default_value || auto_increment; }
};

using AddColumn = Add<ir::Column>;
using DropColumn = Drop<ir::Column>;
/// A column of the same name with a different definition or comment.
struct ModifyColumn {
  ir::Column from;
  ir::Column to;
  ColumnFacets facets;
};
using ModifyPrimaryKey = Modify<PrimaryKey>;
using AddIndex = Add<ir::Index>;
using DropIndex = Drop<ir::Index>;
using ModifyIndex = Modify<ir::Index>;
using AddForeignKey = Add<ir::ForeignKey>;
using DropForeignKey = Drop<ir::ForeignKey>;
using ModifyForeignKey = Modify<ir::ForeignKey>;
using AddUnique = Add<ir::UniqueConstraint>;
using DropUnique = Drop<ir::UniqueConstraint>;
using ModifyUnique = Modify<ir::UniqueConstraint>;
using AddCheck = Add<ir::Check>;
using DropCheck = Drop<ir::Check>;
using ModifyCheck = Modify<ir::Check>;
/// The table's comment (COMMENT ON TABLE) differs; empty is no comment.
using ModifyTableComment = Modify<std::string>;
/// Whether row-level security is enabled and forced on the table.
struct RowSecurity {
  bool enabled = false;
  bool forced = false;

  bool operator==(const RowSecurity&) const = default;
};
RowSecurity RowSecurityOf(const ir::Table& table);
using ModifyRowSecurity = Modify<RowSecurity>;
using AddPolicy = Add<ir::Policy>;
using DropPolicy = Drop<ir::Policy>;
using ModifyPolicy = Modify<ir::Policy>;

/// One change inside a table that exists in both schemas.
using TableChange =
    std::variant<AddColumn, DropColumn, ModifyColumn, ModifyPrimaryKey, AddIndex, DropIndex,
                 ModifyIndex, AddForeignKey, DropForeignKey, ModifyForeignKey, AddUnique,
                 DropUnique, ModifyUnique, AddCheck, DropCheck, ModifyCheck, ModifyTableComment,
                 ModifyRowSecurity, AddPolicy, DropPolicy, ModifyPolicy>;

using AddTable = Add<ir::Table>;
using DropTable = Drop<ir::Table>;
/// A table of the same name whose parts differ, each change in `changes`.
struct ModifyTable {
  std::string table;
  std::vector<TableChange> changes;
};
using AddObject = Add<inspect::Object>;
using DropObject = Drop<inspect::Object>;
using ModifyObject = Modify<inspect::Object>;

/// One change between two schemas.
using Change = std::variant<AddTable, DropTable, ModifyTable, AddObject, DropObject, ModifyObject>;

struct Options {
  /// Compare the text of column defaults, CHECK expressions and index predicates. Only
  /// meaningful when both sides hold PostgreSQL's normalized text (both inspected); false
  /// compares only whether each is present, for a side that is the semantic pass's IR.
  bool expressions = true;
};

/// The changes that turn `from` into `to`, Atlas's Differ: tables, columns, constraints and
/// indexes are matched by name. Order: for each table of `from` its drop or modification
/// (columns, primary key, foreign keys, uniques, checks, indexes, comment), then the tables
/// only `to` has, in `to`'s order. Table flags the database does not store (global, paranoid,
/// model names, relations, deferred keys, spans) are not compared.
[[nodiscard]] std::vector<Change> Diff(const ir::Schema& from, const ir::Schema& to,
                                       const Options& options = {});
/// As above, then the objects outside the IR (sequences, types...), matched by kind and name.
[[nodiscard]] std::vector<Change> Diff(const inspect::Catalog& from, const inspect::Catalog& to,
                                       const Options& options = {});

/// Each change as one or more messages, reading `from` as what was expected and `to` as what
/// was found: "table tickets: column priority: expected integer NOT NULL DEFAULT 0, found
/// integer NULL", "table tickets: missing index tickets_status_idx btree (status)".
std::vector<std::string> Describe(const Change& change);
/// Every message of `changes`, in order.
std::vector<std::string> Describe(const std::vector<Change>& changes);

/// "integer NOT NULL DEFAULT 0", "serial NOT NULL", "character varying(255) NULL".
std::string ColumnText(const ir::Column& column);
/// "UNIQUE btree (company_id, email) WHERE (deleted_at IS NULL)".
std::string IndexText(const ir::Index& index);
/// "(company_id) REFERENCES companies (id) ON DELETE CASCADE ON UPDATE CASCADE".
std::string ForeignKeyText(const ir::ForeignKey& key);
/// "ALL USING (...) WITH CHECK (...)".
std::string PolicyText(const ir::Policy& policy);
/// "CHECK (priority >= 0)": the expression, parenthesized once.
std::string CheckText(const ir::Check& check);
/// The primary key of `table`, from its columns' primary_key flags.
PrimaryKey PrimaryKeyOf(const ir::Table& table);

}  // namespace schemagen::diff
