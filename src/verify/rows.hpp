// Made-up rows: parents first, along NOT NULL foreign keys, with values from values.hpp. The
// tenant isolation check writes one row per table and company with it; the rows check of an
// evolution history (data.hpp) writes rows into every table before each UP.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pg/session.hpp"
#include "schemagen/ir.hpp"
#include "verify/isolation.hpp"

namespace schemagen::verify {

/// A row as PostgreSQL returned it: each column's text, nullopt for NULL.
using RowValues = std::map<std::string, std::optional<std::string>>;

/// The table named `name` in `schema`, or null.
const ir::Table* TableNamed(const ir::Schema& schema, const std::string& name);

/// The value of column `name` in `row`; "" for NULL or a column it lacks.
std::string Field(const RowValues& row, const std::string& name);

/// Inserts rows through `session` (statement by statement: autocommit, unless the caller
/// opened a transaction). A NOT NULL foreign key gets a parent row, made once and reused:
/// per company for tenant tables, once for the others.
class RowMaker {
 public:
  /// A company the rows of tenant tables belong to: its slot (1, 2) and its row.
  struct Company {
    int slot = 0;
    RowValues row;
  };

  /// Values come from `model`; `tenancy` tells which tables belong to a company (empty: none
  /// does, and the tenant table is an ordinary parent).
  RowMaker(pg::Session& session, const ir::Schema& model, const Tenancy& tenancy)
      : session_(session), model_(model), tenancy_(tenancy) {}

  /// Inserts a row into `table` and returns it as stored. Columns that need a value (NOT NULL
  /// without a default) and the `forced` ones get one: a parent's key, else a made-up value
  /// of `variant`. nullopt on failure: error() and sqlstate() say why.
  /// `preset` gives some columns their SQL value as is ("NULL", "'42'"). When the tenancy has
  /// a tenant setting, a row of a company is inserted with the setting on that company (or on
  /// the one set_acting() names), as row-level security requires.
  std::optional<RowValues> Insert(const ir::Table& table, const Company* company, int variant,
                                  const std::set<std::string>& forced,
                                  const std::map<std::string, std::string>& preset = {});
  /// The row of `table` a row of `company` references, made if needed (outside any company
  /// for a null `company`).
  std::optional<RowValues> ParentRow(const std::string& table, const Company* company) {
    return MakeParent(table, company);
  }
  /// The parent rows a row of `table` for `company` needs (those of its NOT NULL foreign
  /// keys), made if needed, as Insert would. False on failure, with error().
  bool MakeParents(const ir::Table& table, const Company* company);
  /// The tables those parent rows are in (each key's target; the tenant table included).
  std::vector<std::string> ParentTables(const ir::Table& table) const;
  /// Inserts act as the company whose key is `tenant` (row-level security's setting), whatever
  /// company the row is for; nullopt: as the row's own company.
  void set_acting(std::optional<std::string> tenant) { acting_ = std::move(tenant); }
  /// Sets row-level security's tenant setting to `tenant` ("" for none) for the rest of the
  /// transaction. False, with error(), when PostgreSQL refuses.
  bool SetTenant(const std::string& tenant);
  /// A point to forget back to: after a rollback to a savepoint taken at Mark(),
  /// ForgetSince(mark) forgets the parents made (or remembered) since, which the rollback
  /// removed, and keeps the older ones.
  std::size_t Mark() const { return made_.size(); }
  void ForgetSince(std::size_t mark);
  /// The variant of the parent rows of tables outside any company (0 unless set).
  void set_parent_variant(int variant) { parent_variant_ = variant; }
  /// The row of `table` (outside any company) made as a parent or remembered, if any.
  const RowValues* Parent(const std::string& table) const;
  /// Makes `row` the parent row of `table` (outside any company) for the rows that follow.
  void Remember(const std::string& table, RowValues row) { Keep(table, std::move(row)); }
  const std::string& error() const { return error_; }
  const std::string& sqlstate() const { return sqlstate_; }
  /// Rows inserted so far, parents included.
  std::size_t inserted() const { return inserted_; }

 private:
  const TenantTable* TenantOf(const std::string& table) const;
  /// The key `column` takes its value from: the narrowest foreign key it is part of, or null.
  static const ir::ForeignKey* KeyOf(const ir::Table& table, const ir::Column& column);
  std::optional<std::string> ValueFor(const ir::Table& table, const ir::Column& column,
                                      const Company* company, int variant);
  bool ActAs(const Company& company);
  std::optional<RowValues> MakeParent(const std::string& table, const Company* company);
  void Keep(const std::string& key, RowValues row);
  bool Fail(std::string error, std::string sqlstate = "") {
    error_ = std::move(error);
    sqlstate_ = std::move(sqlstate);
    return false;
  }

  pg::Session& session_;
  const ir::Schema& model_;
  const Tenancy& tenancy_;
  std::map<std::string, RowValues> parents_;
  std::vector<std::string> made_;  ///< the keys of parents_, in the order they were added
  std::set<std::string> visiting_;
  int parent_variant_ = 0;
  std::optional<std::string> acting_;
  std::size_t inserted_ = 0;
  std::string error_;
  std::string sqlstate_;
};

}  // namespace schemagen::verify
