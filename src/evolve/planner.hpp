// The evolution planner's class: one Planner per plan. Its members are defined by concern:
// planner.cpp (renames, ordering, hazards), plan_tables.cpp (tables and renamed parts),
// plan_columns.cpp (columns and types), plan_constraints.cpp (keys, uniques, checks),
// plan_indexes.cpp (indexes, comments, row-level security).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "evolve/plan_support.hpp"
#include "schemagen/diagnostics.hpp"
#include "schemagen/diff.hpp"
#include "schemagen/evolve.hpp"

namespace schemagen::evolve::planning {

struct TableRename {
  std::string old_model, old_name, new_model, new_name;
  Span span;
};
struct ColumnRename {
  std::string table;  // new table name
  std::string old_name, new_name, old_attribute;
  std::string subject;
  Span span;
};

class Planner {
 public:
  Planner(const ir::Schema& previous, const ir::Schema& next, const PlanOptions& options,
          Diagnostics& diagnostics)
      : previous_(previous), next_(next), options_(options), diag_(diagnostics) {}

  std::optional<evolve::Plan> Run();

 private:
  // ---- renames --------------------------------------------------------------------------

  void FindRenames();

  // The previous state's table for `table` of the new schema: renamed, or of the same model.
  const ir::Table* PreviousOf(const ir::Table& table) const;

  void ApplyRenames();

  // ---- changes --------------------------------------------------------------------------

  void OnChange(const diff::AddTable& change);

  // The single-column key a same-tenant key stands in for until it can be added.
  static ir::ForeignKey PlainKey(const ir::Table& table, const ir::ForeignKey& fk);

  // True when `fk` references columns of an existing table that only a unique constraint added
  // by this plan makes a key (a new same-tenant key's UNIQUE (company_id, id)).
  bool AwaitsUnique(const ir::ForeignKey& fk) const;

  void OnChange(const diff::DropTable& change);

  void OnChange(const diff::ModifyTable& change);

  void OnChange(const diff::AddObject&) {}
  void OnChange(const diff::DropObject&) {}
  void OnChange(const diff::ModifyObject&) {}

  // Drop + Add of parts with the same definition under another name (a rename moved the
  // deterministic name) become RENAMEs; the matched pairs leave `changes`.
  void MatchRenamedParts(const ir::Table& from, const ir::Table& to,
                         std::vector<diff::TableChange>& changes);

  // A reference whose key becomes a same-tenant key (company_id, contact_id), or the reverse:
  // the old key's Drop and the new key's Add become one online step that adds the new key NOT
  // VALID, validates it, then drops the old one, so the reference is never unchecked. It runs
  // after the UNIQUE (company_id, id) the new key needs is built (kSameTenantKeys).
  void MatchReplacedKeys(const ir::Table& from, const ir::Table& to,
                         std::vector<diff::TableChange>& changes);

  void ReplaceForeignKey(const ir::Table& from, const ir::Table& to, const ir::ForeignKey& a,
                         const ir::ForeignKey& b);

  // -- columns

  void PlanPart(const ir::Table&, const ir::Table& to, const diff::AddColumn& change);

  // The doc comment of a new column (dropped with it by the DOWN).
  static void CommentNewColumn(const ir::Table& to, const ir::Column& column, Step& step);

  // SET NOT NULL without scanning under an exclusive lock: a NOT VALID check validated online
  // lets PostgreSQL 12+ skip the scan. Not named <table>_<column>_not_null: PostgreSQL 18 gives
  // that name to the NOT NULL constraint SET NOT NULL creates, and would number it while the
  // check holds the name.
  void SetNotNullOnline(const ir::Table& to, const ir::Column& column, Step& step);

  void PlanPart(const ir::Table& from, const ir::Table&, const diff::DropColumn& change);

  void PlanPart(const ir::Table& from, const ir::Table& to, const diff::ModifyColumn& change);

  void PlanType(const ir::Table&, const ir::Table& to, const ir::Column& a, const ir::Column& b);

  void PlanPart(const ir::Table&, const ir::Table& to, const diff::ModifyPrimaryKey& change);

  // -- foreign keys

  bool Existing(const ir::Table& table) const;

  void AddForeignKey(const ir::Table& to, const ir::ForeignKey& fk, bool existing);

  void DropForeignKey(const ir::Table& from, const ir::ForeignKey& fk);

  void PlanPart(const ir::Table&, const ir::Table& to, const diff::AddForeignKey& change);
  void PlanPart(const ir::Table& from, const ir::Table&, const diff::DropForeignKey& change);
  void PlanPart(const ir::Table&, const ir::Table& to, const diff::ModifyForeignKey& change);

  // -- unique constraints

  // True when `columns` include a primary key column: no two rows can repeat their values.
  static bool HoldsPrimaryKey(const ir::Table& table, const std::vector<std::string>& columns);

  void PlanPart(const ir::Table&, const ir::Table& to, const diff::AddUnique& change);

  void PlanPart(const ir::Table& from, const ir::Table&, const diff::DropUnique& change);

  void PlanPart(const ir::Table& from, const ir::Table& to, const diff::ModifyUnique& change);

  // -- checks

  void PlanPart(const ir::Table&, const ir::Table& to, const diff::AddCheck& change);

  void AddCheckStatements(const ir::Table& to, const ir::Check& c, Step& step);

  void PlanPart(const ir::Table& from, const ir::Table&, const diff::DropCheck& change);

  // Enum values of the column a CHECK constrains, in `schema`.
  static std::vector<std::string> EnumValues(const ir::Schema& schema, const ir::Table& table,
                                             const ir::Check& check);

  void PlanPart(const ir::Table& from, const ir::Table& to, const diff::ModifyCheck& change);

  // -- indexes

  void PlanPart(const ir::Table&, const ir::Table& to, const diff::AddIndex& change);

  void AddIndexStatements(const ir::Table& to, const ir::Index& index, Step& step);

  void PlanPart(const ir::Table& from, const ir::Table&, const diff::DropIndex& change);

  void PlanPart(const ir::Table& from, const ir::Table& to, const diff::ModifyIndex& change);

  void PlanPart(const ir::Table& from, const ir::Table& to, const diff::ModifyTableComment& change);

  // -- row-level security

  void PlanPart(const ir::Table& from, const ir::Table& to, const diff::ModifyRowSecurity& change);

  void PolicyStep(const ir::Table& table, const ir::Policy* from, const ir::Policy* to);

  void PlanPart(const ir::Table&, const ir::Table& to, const diff::AddPolicy& change);
  void PlanPart(const ir::Table& from, const ir::Table&, const diff::DropPolicy& change);
  void PlanPart(const ir::Table&, const ir::Table& to, const diff::ModifyPolicy& change);

  // ---- hazards --------------------------------------------------------------------------

  bool Allowed(const Step& step) const;

  void Judge(const evolve::Plan& plan);

  // The targets of the previous state and of the next one.
  int From() const { return ir::PostgresTarget(previous_); }
  int To() const { return ir::PostgresTarget(next_); }

  void Add(Phase phase, Step step);

  const ir::Schema& previous_;
  const ir::Schema& next_;
  const PlanOptions& options_;
  Diagnostics& diag_;
  ir::Schema base_;
  std::vector<TableRename> table_renames_;
  std::vector<ColumnRename> column_renames_;
  std::vector<Planned> planned_;
};

}  // namespace schemagen::evolve::planning
