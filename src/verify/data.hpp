// The rows check of a history replay (issue 6: "data survives every non-hazard step"). Before
// each UP, rows are written into every table of the schema as it is then (made up as for the
// tenant isolation check, committed); after the UP, every table still there must hold every
// row it had, with the same text in each column it kept under the same name (renames the UP
// makes are followed) and a comparable type; after the DOWN and the UP again, no table may
// hold fewer rows than before the DOWN. Tables a recorded data-loss or irreversible step
// changes are left out; when such a step's UP or DOWN fails on the rows (a conversion, a
// validation, a NOT NULL coming back), its tables are emptied and the file is run again.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pg/session.hpp"
#include "schemagen/ir.hpp"
#include "schemagen/verify.hpp"
#include "verify/rows.hpp"
#include "verify/statements.hpp"

namespace schemagen::verify {

/// A recorded step that may fail on a table's rows (data-loss-down: a conversion or the DOWN's
/// narrowing) or loses their data (data-loss, irreversible: its rows are not compared).
struct DataHazard {
  std::string table;   ///< the table the step touches, as the step names it
  std::string reason;  ///< "data-loss step Ticket.legacyCode (drop column tickets.legacy_code)"
  bool loses_data = false;  ///< data-loss or irreversible
};

/// The renames an UP makes (ALTER TABLE x RENAME TO y, ALTER TABLE x RENAME [COLUMN] a TO b),
/// from the names before it to the names after it.
class Renames {
 public:
  explicit Renames(const std::vector<SqlStatement>& statements);
  /// The name after the UP of the table `before` had before it.
  std::string Table(const std::string& before) const;
  /// The name after the UP of the column `column` of the table `table` before it.
  std::string Column(const std::string& table, const std::string& column) const;

 private:
  struct Renamed {
    std::string before;
    std::string now;
    std::map<std::string, std::string> columns;  ///< before -> now
  };
  Renamed& Entry(const std::string& now);
  std::vector<Renamed> tables_;
};

/// Whether the values of a column whose type went from `a` to `b` keep their text: the same
/// type, or both strings (varchar, text) or both integers (smallint, integer, bigint), whose
/// widening keeps every value's text.
bool ComparableTypes(const ir::Type& a, const ir::Type& b);

/// The values of `before` rows against the `after` rows of the same table: the rows of
/// `before` not found in `after` with the same values in `columns` (before name -> after name).
/// Each message names a row by its primary key (`key`, before names) when it has one.
std::vector<std::string> MissingRows(
    const std::vector<RowValues>& before, const std::vector<RowValues>& after,
    const std::vector<std::pair<std::string, std::string>>& columns,
    const std::vector<std::string>& key, std::size_t& kept);

/// The rows check across one migration's steps, in the working session (autocommit).
class RowsTracker {
 public:
  explicit RowsTracker(pg::Session& session) : session_(session) {}

  /// Before the UP of the `batch`-th migration: writes rows into every table of `live` (two a
  /// table, each with parents of its own; values differ from batch to batch), then reads every
  /// table back. Returns problems (a table that can't be read).
  std::vector<std::string> BeforeUp(const ir::Schema& live, int batch, RowsCheck& out);
  /// After the UP: the problems of the tables whose rows went missing or changed.
  std::vector<std::string> AfterUp(const ir::Schema& after, const Renames& renames,
                                   const std::vector<DataHazard>& hazards, RowsCheck& out);
  /// Before the DOWN: counts every table of `after`.
  std::vector<std::string> BeforeDown(const ir::Schema& after);
  /// Empties `tables` of `live` (TRUNCATE ... CASCADE: the rows referencing them go too) so
  /// that the statements of a hazard can run; each table that lost its rows goes into
  /// `out.emptied`, `tables` with `reason`. Before the UP (`before_up`) the rows to compare are
  /// read again, before the DOWN the rows are counted again. False when nothing was emptied.
  bool Empty(const std::vector<std::string>& tables, const std::string& reason,
             const ir::Schema& live, bool before_up, RowsCheck& out,
             std::vector<std::string>& problems);
  /// After the UP again: the tables holding fewer rows than before the DOWN.
  std::vector<std::string> AfterUpAgain(const ir::Schema& again);
  /// Empties every table of `live` holding rows (the tenant isolation check writes its own).
  void Clear(const ir::Schema& live);

 private:
  using Contents = std::map<std::string, std::vector<RowValues>>;
  using Counts = std::map<std::string, std::size_t>;
  std::optional<Contents> Read(const std::vector<std::string>& tables, std::string& error);
  std::optional<Counts> Count(const ir::Schema& schema, std::string& error);

  pg::Session& session_;
  ir::Schema before_;              ///< the schema before the UP
  Contents before_rows_;           ///< every table's rows before the UP
  Counts counts_;                  ///< every table's rows before the DOWN
  std::set<std::string> excused_;  ///< tables (after names) a hazard changes
  std::optional<bool> bypasses_;   ///< the role bypasses row-level security; asked once
  bool Bypasses();
};

}  // namespace schemagen::verify
