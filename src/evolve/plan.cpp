// The evolution planner: previous IR x new IR -> classified steps with their SQL.
//
// 1. Renames declared with `was` are applied to a copy of the previous schema (tables, columns,
//    and every reference to them), each becoming a RENAME statement.
// 2. diff::Diff compares that copy with the new schema; constraints and indexes whose name
//    changed with a rename but whose definition did not become RENAMEs too.
// 3. Every other change becomes a step: its UP and exact DOWN, in the transaction or, for
//    what would lock a populated table, online (CONCURRENTLY, NOT VALID + VALIDATE).
// 4. Steps are ordered by phase (renames, drops of keys, objects, columns, tables, then
//    creations) and hazards not allowed are reported.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>

#include "evolve/target_forms.hpp"
#include "schemagen/diff.hpp"
#include "schemagen/evolve.hpp"
#include "schemagen/naming.hpp"

namespace schemagen::evolve {
namespace {

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

Statement S(std::string text, std::string comment = "") {
  return {std::move(comment), std::move(text)};
}

std::string Alter(const std::string& table) { return "ALTER TABLE " + QuoteIdent(table); }

Statement DropConstraint(const std::string& table, const std::string& name) {
  return S(fmt::format("{} DROP CONSTRAINT {};", Alter(table), QuoteIdent(name)));
}

// VALIDATE of a constraint added NOT VALID: scans the table without blocking writes.
Statement ValidateConstraint(const std::string& table, const std::string& name) {
  return S(fmt::format("{} VALIDATE CONSTRAINT {};", Alter(table), QuoteIdent(name)));
}

// ---- expressions ------------------------------------------------------------------------

bool IdentStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool IdentChar(char c) {
  return IdentStart(c) || std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '$';
}

// `expression` with every identifier `from` (bare or double-quoted, outside string literals)
// written as `to`: what PostgreSQL does to a stored expression when a column is renamed.
std::string RenameIdentifier(const std::string& expression, const std::string& from,
                             const std::string& to) {
  std::string out;
  std::size_t i = 0;
  while (i < expression.size()) {
    const char c = expression[i];
    if (c == '\'') {  // a literal, '' inside doubled
      std::size_t j = i + 1;
      while (j < expression.size()) {
        if (expression[j] == '\'' && j + 1 < expression.size() && expression[j + 1] == '\'') {
          j += 2;
        } else if (expression[j] == '\'') {
          break;
        } else {
          ++j;
        }
      }
      out.append(expression, i, std::min(j + 1, expression.size()) - i);
      i = j + 1;
    } else if (c == '"') {
      std::string name;
      std::size_t j = i + 1;
      while (j < expression.size()) {
        if (expression[j] == '"' && j + 1 < expression.size() && expression[j + 1] == '"') {
          name += '"';
          j += 2;
        } else if (expression[j] == '"') {
          break;
        } else {
          name += expression[j++];
        }
      }
      out += name == from ? QuoteIdent(to) : expression.substr(i, j + 1 - i);
      i = j + 1;
    } else if (IdentStart(c) && (i == 0 || !IdentChar(expression[i - 1]))) {
      std::size_t j = i;
      while (j < expression.size() && IdentChar(expression[j])) ++j;
      const std::string word = expression.substr(i, j - i);
      out += word == from ? QuoteIdent(to) : word;
      i = j;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

// ---- types ------------------------------------------------------------------------------

bool TextLike(const ir::Type& t) {
  return t.kind == ir::TypeKind::kString || t.kind == ir::TypeKind::kText ||
         t.kind == ir::TypeKind::kEnum;
}
// Length limit of a text-like type; 0 = unlimited.
int TextLimit(const ir::Type& t) { return t.kind == ir::TypeKind::kText ? 0 : t.length; }

int IntegerRank(const ir::Type& t) {
  switch (t.kind) {
    case ir::TypeKind::kSmallInt:
      return 1;
    case ir::TypeKind::kInteger:
      return 2;
    case ir::TypeKind::kBigInt:
      return 3;
    default:
      return 0;
  }
}
bool Numeric(const ir::Type& t) {
  return IntegerRank(t) > 0 || t.kind == ir::TypeKind::kDecimal || t.kind == ir::TypeKind::kReal ||
         t.kind == ir::TypeKind::kDouble;
}
// Digits a numeric type holds before the decimal point; 1000 = unlimited.
int IntegerDigits(const ir::Type& t) {
  switch (t.kind) {
    case ir::TypeKind::kSmallInt:
      return 5;
    case ir::TypeKind::kInteger:
      return 10;
    case ir::TypeKind::kBigInt:
      return 19;
    case ir::TypeKind::kDecimal:
      return t.precision == 0 ? 1000 : t.precision - t.scale;
    default:
      return 0;
  }
}

// True when PostgreSQL stores `from` values as `to` without rewriting the table.
bool NoRewrite(const ir::Type& from, const ir::Type& to) {
  if (TextLike(from) && TextLike(to)) {
    const int a = TextLimit(from);
    const int b = TextLimit(to);
    return b == 0 || (a != 0 && b >= a);
  }
  if (from.kind == ir::TypeKind::kDecimal && to.kind == ir::TypeKind::kDecimal) {
    return to.precision == 0 ||
           (from.precision != 0 && to.scale == from.scale && to.precision >= from.precision);
  }
  return false;
}

// PostgreSQL converts `from` to `to` in ALTER COLUMN TYPE without a USING clause (an implicit
// or assignment cast exists).
bool AssignmentCast(const ir::Type& from, const ir::Type& to) {
  using K = ir::TypeKind;
  if (TextLike(to)) return true;  // I/O conversion to a string type is an assignment cast
  if (Numeric(from) && Numeric(to)) return true;
  if ((from.kind == K::kDate || from.kind == K::kDateTime) &&
      (to.kind == K::kDate || to.kind == K::kDateTime))
    return true;
  if ((from.kind == K::kJson || from.kind == K::kJsonb) &&
      (to.kind == K::kJson || to.kind == K::kJsonb))
    return true;
  return false;
}

// Converting `from` to `to` silently changes some values (rounds, drops the time of day).
bool Rounds(const ir::Type& from, const ir::Type& to) {
  using K = ir::TypeKind;
  if (Numeric(from) && Numeric(to)) {
    const bool fraction = from.kind == K::kReal || from.kind == K::kDouble ||
                          (from.kind == K::kDecimal && (from.precision == 0 || from.scale > 0));
    if (IntegerRank(to) > 0) return fraction;
    if (to.kind == K::kDecimal && to.precision != 0) {
      return fraction && (from.kind != K::kDecimal || from.precision == 0 || to.scale < from.scale);
    }
    if (to.kind == K::kReal) return from.kind != K::kSmallInt;
    if (to.kind == K::kDouble) return from.kind == K::kBigInt || from.kind == K::kDecimal;
    return false;
  }
  return from.kind == K::kDateTime && to.kind == K::kDate;
}

// Converting `from` to `to` can fail on some values (too long, out of range): the migration
// then stops and is rolled back, nothing is lost.
bool MayFail(const ir::Type& from, const ir::Type& to) {
  if (!AssignmentCast(from, to)) return true;
  if (TextLike(to)) {
    const int limit = TextLimit(to);
    if (limit == 0) return false;
    return !TextLike(from) || TextLimit(from) == 0 || limit < TextLimit(from);
  }
  if (Numeric(from) && Numeric(to))
    return IntegerDigits(to) < IntegerDigits(from) && !Rounds(from, to);
  return false;
}

// Why converting values of `from` to `target` can fail, for `who` ("the UP", "the DOWN").
std::string FitReason(const char* who, const ir::Type& target, const ir::Type& from) {
  if (TextLike(target) && TextLimit(target) != 0) {
    return fmt::format("{} fails once a value is longer than {} characters", who,
                       TextLimit(target));
  }
  if (IntegerRank(target) > 0 && (IntegerRank(from) > 0)) {
    return fmt::format("{} fails once a value is out of {}'s range", who, ir::PgTypeName(target));
  }
  if (Numeric(target)) {
    return Rounds(from, target) ? fmt::format("{} rounds values to {}", who, ir::PgTypeName(target))
                                : fmt::format("{} fails once a value is out of {}'s range", who,
                                              ir::PgTypeName(target));
  }
  if (target.kind == ir::TypeKind::kDate) {
    return fmt::format("{} drops the time of day", who);
  }
  return fmt::format("{} fails on a value {} can't hold", who, ir::PgTypeName(target));
}

std::string TypeSql(const ir::Column& column) {
  ir::Column plain = column;
  plain.auto_increment = false;  // ALTER COLUMN TYPE takes the base type
  return sql::ColumnType(plain);
}

bool HasDefault(const ir::Column& column) {
  return column.default_value && column.default_value->kind != ir::Default::Kind::kNull;
}

bool VolatileDefault(const ir::Column& column) {
  return HasDefault(column) && column.default_value->kind == ir::Default::Kind::kRandomUuid;
}

std::string BackfillSql(const ir::Column& column, const ir::Default& value) {
  ir::Column with = column;
  with.default_value = value;
  return sql::DefaultExpression(with);
}

// ---- names ------------------------------------------------------------------------------

std::string Subject(const ir::Table& table, const ir::Column* column = nullptr) {
  return column == nullptr ? table.model : table.model + "." + column->attribute;
}

// The subject of a constraint or index: its first column's attribute when it has one column.
std::string PartSubject(const ir::Table& table, const std::vector<std::string>& columns) {
  if (columns.size() == 1) {
    if (const ir::Column* c = table.FindColumn(columns[0])) return Subject(table, c);
  }
  return table.model;
}

std::vector<std::string> IndexColumnNames(const ir::Index& index) {
  std::vector<std::string> names;
  for (const ir::IndexColumn& c : index.columns) names.push_back(c.name);
  return names;
}

std::string SequenceName(const std::string& table, const std::string& column) {
  return table + "_" + column + "_seq";
}

// ---- the planner ------------------------------------------------------------------------

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

  std::optional<evolve::Plan> Run() {
    const std::size_t errors = diag_.error_count();
    FindRenames();
    if (diag_.error_count() != errors) return std::nullopt;
    base_ = previous_;
    ApplyRenames();
    for (const diff::Change& change : diff::Diff(base_, next_, {.expressions = true})) {
      std::visit([&](const auto& c) { OnChange(c); }, change);
    }
    TargetForms forms = PlanTargetForms(previous_, base_, next_);
    for (Step& step : forms.before) Add(kDropTargetForms, std::move(step));
    for (Step& step : forms.keys) Add(kAddKeys, std::move(step));
    for (Step& step : forms.after) Add(kCreateTargetForms, std::move(step));
    std::stable_sort(planned_.begin(), planned_.end(), [](const Planned& a, const Planned& b) {
      return a.phase != b.phase ? a.phase < b.phase : a.order < b.order;
    });
    evolve::Plan plan;
    for (Planned& p : planned_) plan.steps.push_back(std::move(p.step));
    Judge(plan);
    if (diag_.error_count() != errors) return std::nullopt;
    return plan;
  }

 private:
  // ---- renames --------------------------------------------------------------------------

  void FindRenames() {
    for (const ir::Table& table : next_.tables) {
      if (table.was.empty()) continue;
      const ir::Table* old = previous_.FindTable(table.was);
      const bool applied = previous_.FindTable(table.model) != nullptr;
      if (old == nullptr && applied) continue;  // generated by an earlier migration
      if (old == nullptr) {
        diag_
            .Error("E0901", table.span,
                   fmt::format("entity {} says it was {}, but the previous state has no entity {}",
                               table.model, table.was, table.was))
            .notes.push_back({fmt::format("the previous state has {} entities; a rename names "
                                          "the entity as the last generated migration knew it",
                                          previous_.tables.size()),
                              std::nullopt});
        continue;
      }
      if (applied) {
        diag_.Error("E0901", table.span,
                    fmt::format("entity {} says it was {}, but the previous state has both {} "
                                "and {}: which one is renamed is ambiguous",
                                table.model, table.was, table.was, table.model));
        continue;
      }
      table_renames_.push_back({old->model, old->name, table.model, table.name, table.span});
    }
    for (const ir::Table& table : next_.tables) {
      const ir::Table* old = PreviousOf(table);
      for (const ir::Column& column : table.columns) {
        if (column.was.empty()) continue;
        if (old == nullptr) {
          diag_.Error("E0902", column.span,
                      fmt::format("field {}.{} says it was {}, but entity {} is new: there is "
                                  "nothing to rename",
                                  table.model, column.attribute, column.was, table.model));
          continue;
        }
        const ir::Column* from = old->FindColumnByAttribute(column.was);
        const bool applied = old->FindColumnByAttribute(column.attribute) != nullptr;
        if (from == nullptr && applied) continue;
        if (from == nullptr) {
          Diagnostic& d = diag_.Error(
              "E0902", column.span,
              fmt::format("field {}.{} says it was {}, but {} had no field {} in the previous "
                          "state",
                          table.model, column.attribute, column.was, old->model, column.was));
          std::vector<std::string> names;
          for (const ir::Column& c : old->columns) names.push_back(c.attribute);
          if (auto close = ClosestMatch(column.was, names)) {
            d.notes.push_back({fmt::format("did you mean {}?", *close), std::nullopt});
          }
          continue;
        }
        if (applied) {
          diag_.Error("E0902", column.span,
                      fmt::format("field {}.{} says it was {}, but the previous state has both: "
                                  "which one is renamed is ambiguous",
                                  table.model, column.attribute, column.was));
          continue;
        }
        column_renames_.push_back({table.name, from->name, column.name, from->attribute,
                                   Subject(table, &column), column.span});
      }
    }
  }

  // The previous state's table for `table` of the new schema: renamed, or of the same model.
  const ir::Table* PreviousOf(const ir::Table& table) const {
    for (const TableRename& r : table_renames_) {
      if (r.new_model == table.model) return previous_.FindTable(r.old_model);
    }
    return previous_.FindTable(table.model);
  }

  void ApplyRenames() {
    for (const TableRename& r : table_renames_) {
      for (ir::Table& t : base_.tables) {
        if (t.name == r.old_name) {
          t.name = r.new_name;
          t.model = r.new_model;
        }
        for (ir::ForeignKey& fk : t.foreign_keys) {
          if (fk.ref_table == r.old_name) fk.ref_table = r.new_name;
        }
      }
      Step step;
      step.subject = r.new_model;
      step.table = r.new_name;
      step.summary = fmt::format("rename table {} to {}", r.old_name, r.new_name);
      step.reason = "a rename changes only the catalog; code still using the old name breaks";
      step.span = r.span;
      step.up.push_back(
          S(fmt::format("{} RENAME TO {};", Alter(r.old_name), QuoteIdent(r.new_name)),
            fmt::format("{} was {} (`was \"{}\"`).", r.new_model, r.old_model, r.old_model)));
      step.down.push_back(
          S(fmt::format("{} RENAME TO {};", Alter(r.new_name), QuoteIdent(r.old_name))));
      // PostgreSQL keeps a serial column's sequence name; a new table's would follow the table.
      if (const ir::Table* old = previous_.FindTable(r.old_model)) {
        for (const ir::Column& c : old->columns) {
          if (!c.auto_increment) continue;
          const std::string from = SequenceName(r.old_name, c.name);
          const std::string to = SequenceName(r.new_name, c.name);
          if (from.size() > kMaxIdentifier || to.size() > kMaxIdentifier) continue;
          step.up.push_back(
              S(fmt::format("ALTER SEQUENCE {} RENAME TO {};", QuoteIdent(from), QuoteIdent(to))));
          step.down.insert(step.down.begin(), S(fmt::format("ALTER SEQUENCE {} RENAME TO {};",
                                                            QuoteIdent(to), QuoteIdent(from))));
        }
      }
      Add(kRenameTables, std::move(step));
    }
    for (const ColumnRename& r : column_renames_) {
      for (ir::Table& t : base_.tables) {
        if (t.name == r.table) {
          for (ir::Column& c : t.columns) {
            if (c.name == r.old_name) {
              c.name = r.new_name;
              const ir::Table* next_table = next_.FindTableByName(r.table);
              const ir::Column* now = next_table ? next_table->FindColumn(r.new_name) : nullptr;
              if (now != nullptr) c.attribute = now->attribute;
            }
          }
          auto rename = [&](std::string& name) {
            if (name == r.old_name) name = r.new_name;
          };
          for (ir::ForeignKey& fk : t.foreign_keys)
            std::for_each(fk.columns.begin(), fk.columns.end(), rename);
          for (ir::UniqueConstraint& u : t.uniques)
            std::for_each(u.columns.begin(), u.columns.end(), rename);
          for (ir::Index& index : t.indexes) {
            for (ir::IndexColumn& c : index.columns) rename(c.name);
            index.where = RenameIdentifier(index.where, r.old_name, r.new_name);
          }
          for (ir::Check& check : t.checks) {
            rename(check.column);
            check.expression = RenameIdentifier(check.expression, r.old_name, r.new_name);
          }
        }
        for (ir::ForeignKey& fk : t.foreign_keys) {
          if (fk.ref_table != r.table) continue;
          for (std::string& c : fk.ref_columns) {
            if (c == r.old_name) c = r.new_name;
          }
        }
      }
      Step step;
      step.subject = r.subject;
      step.table = r.table;
      step.summary = fmt::format("rename column {}.{} to {}", r.table, r.old_name, r.new_name);
      step.reason = "a rename changes only the catalog; code still using the old name breaks";
      step.span = r.span;
      step.up.push_back(
          S(fmt::format("{} RENAME COLUMN {} TO {};", Alter(r.table), QuoteIdent(r.old_name),
                        QuoteIdent(r.new_name)),
            fmt::format("{} was {} (`was {}`).", r.subject, r.old_attribute, r.old_attribute)));
      step.down.push_back(S(fmt::format("{} RENAME COLUMN {} TO {};", Alter(r.table),
                                        QuoteIdent(r.new_name), QuoteIdent(r.old_name))));
      Add(kRenameColumns, std::move(step));
    }
    base_.Reindex();
  }

  // ---- changes --------------------------------------------------------------------------

  void OnChange(const diff::AddTable& change) {
    const ir::Table& table = change.object;
    Step step;
    step.subject = table.model;
    step.table = table.name;
    step.summary = fmt::format("create table {}", table.name);
    step.reason = "a new table: nothing existing is locked or rewritten";
    step.span = table.span;
    // A same-tenant key into an existing table that gets its UNIQUE (company_id, id) in this
    // plan can only be added once that is built, online: until then the table has the plain
    // key on the reference column, so no row can point at a missing row in between.
    ir::Table created = table;
    std::vector<std::pair<ir::ForeignKey, const ir::ForeignKey*>> later;
    for (std::size_t i = 0; i < table.foreign_keys.size(); ++i) {
      if (table.foreign_keys[i].deferred || !AwaitsUnique(table.foreign_keys[i])) continue;
      created.foreign_keys[i] = PlainKey(table, table.foreign_keys[i]);
      later.emplace_back(created.foreign_keys[i], &table.foreign_keys[i]);
    }
    step.up = sql::CreateTableStatements(created, To(), /*set_null_triggers=*/false);
    step.down.push_back(S(fmt::format("DROP TABLE {};", QuoteIdent(table.name))));
    Add(kCreateTables, std::move(step));
    for (const ir::ForeignKey& fk : table.foreign_keys) {
      if (fk.deferred) AddForeignKey(table, fk, /*existing=*/false);
    }
    for (const auto& [plain, fk] : later) ReplaceForeignKey(created, table, plain, *fk);
  }

  // The single-column key a same-tenant key stands in for until it can be added.
  static ir::ForeignKey PlainKey(const ir::Table& table, const ir::ForeignKey& fk) {
    ir::ForeignKey plain = fk;
    plain.columns = {ir::ReferenceColumn(fk)};
    plain.ref_columns = {fk.ref_columns.back()};
    plain.set_null_columns.clear();
    plain.name = table.name + "_" + plain.columns[0] + "_fkey";
    if (plain.name.size() > kMaxIdentifier) plain.name = plain.name.substr(0, kMaxIdentifier);
    return plain;
  }

  // True when `fk` references columns of an existing table that only a unique constraint added
  // by this plan makes a key (a new same-tenant key's UNIQUE (company_id, id)).
  bool AwaitsUnique(const ir::ForeignKey& fk) const {
    const ir::Table* target = base_.FindTableByName(fk.ref_table);
    if (target == nullptr || fk.ref_columns.size() < 2) return false;
    return std::none_of(target->uniques.begin(), target->uniques.end(),
                        [&](const ir::UniqueConstraint& u) { return u.columns == fk.ref_columns; });
  }

  void OnChange(const diff::DropTable& change) {
    const ir::Table& table = change.object;
    for (const ir::ForeignKey& fk : table.foreign_keys) {
      if (fk.deferred) DropForeignKey(table, fk);
    }
    Step step;
    step.subject = table.model;
    step.table = table.name;
    step.summary = fmt::format("drop table {}", table.name);
    step.safety = Safety::kDataLossUp;
    step.reason =
        fmt::format("every row of {} is deleted; the DOWN recreates the table empty", table.name);
    step.advice = fmt::format(
        "to keep the rows, copy them elsewhere first (or keep the entity); when they are no "
        "longer needed, allow it with --allow data-loss:{}",
        table.model);
    step.up.push_back(
        S(fmt::format("DROP TABLE {};", QuoteIdent(table.name)),
          fmt::format("{} is no longer in the schema: its rows are lost.", table.model)));
    step.down = sql::CreateTableStatements(table, From(), /*set_null_triggers=*/false);
    Add(kDropTables, std::move(step));
  }

  void OnChange(const diff::ModifyTable& change) {
    const ir::Table* from = base_.FindTableByName(change.table);
    const ir::Table* to = next_.FindTableByName(change.table);
    if (from == nullptr || to == nullptr) return;
    std::vector<diff::TableChange> changes = change.changes;
    MatchRenamedParts(*from, *to, changes);
    MatchReplacedKeys(*from, *to, changes);
    for (const diff::TableChange& c : changes) {
      std::visit([&](const auto& part) { PlanPart(*from, *to, part); }, c);
    }
  }

  void OnChange(const diff::AddObject&) {}
  void OnChange(const diff::DropObject&) {}
  void OnChange(const diff::ModifyObject&) {}

  // Drop + Add of parts with the same definition under another name (a rename moved the
  // deterministic name) become RENAMEs; the matched pairs leave `changes`.
  void MatchRenamedParts(const ir::Table& from, const ir::Table& to,
                         std::vector<diff::TableChange>& changes) {
    std::vector<bool> used(changes.size(), false);
    auto pair = [&](auto same, auto emit) {
      for (std::size_t i = 0; i < changes.size(); ++i) {
        if (used[i]) continue;
        for (std::size_t j = 0; j < changes.size(); ++j) {
          if (used[j] || i == j) continue;
          if (same(changes[i], changes[j])) {
            emit(changes[i], changes[j]);
            used[i] = used[j] = true;
            break;
          }
        }
      }
    };
    auto rename = [&](const std::string& kind, const std::string& old_name,
                      const std::string& new_name, const std::string& subject, bool index) {
      Step step;
      step.subject = subject;
      step.table = to.name;
      step.summary = fmt::format("rename {} {} to {}", kind, old_name, new_name);
      step.reason = "its name follows the renamed table or column; the definition is unchanged";
      const std::string up = index ? fmt::format("ALTER INDEX {} RENAME TO {};",
                                                 QuoteIdent(old_name), QuoteIdent(new_name))
                                   : fmt::format("{} RENAME CONSTRAINT {} TO {};", Alter(to.name),
                                                 QuoteIdent(old_name), QuoteIdent(new_name));
      const std::string down = index ? fmt::format("ALTER INDEX {} RENAME TO {};",
                                                   QuoteIdent(new_name), QuoteIdent(old_name))
                                     : fmt::format("{} RENAME CONSTRAINT {} TO {};", Alter(to.name),
                                                   QuoteIdent(new_name), QuoteIdent(old_name));
      step.up.push_back(S(up));
      step.down.push_back(S(down));
      Add(kRenameObjects, std::move(step));
    };
    auto matcher = [&](auto tag, auto same_def, const char* kind, bool index) {
      using Drop = diff::Drop<decltype(tag)>;
      using AddT = diff::Add<decltype(tag)>;
      pair(
          [&](const diff::TableChange& a, const diff::TableChange& b) {
            const auto* d = std::get_if<Drop>(&a);
            const auto* n = std::get_if<AddT>(&b);
            return d != nullptr && n != nullptr && same_def(d->object, n->object);
          },
          [&](const diff::TableChange& a, const diff::TableChange& b) {
            const auto& d = std::get<Drop>(a).object;
            const auto& n = std::get<AddT>(b).object;
            rename(kind, d.name, n.name, to.model, index);
          });
    };
    matcher(
        ir::Index{},
        [](const ir::Index& a, const ir::Index& b) {
          return IndexColumnNames(a) == IndexColumnNames(b) && a.unique == b.unique &&
                 a.method == b.method && a.where == b.where;
        },
        "index", true);
    matcher(
        ir::ForeignKey{},
        [](const ir::ForeignKey& a, const ir::ForeignKey& b) {
          return a.columns == b.columns && a.ref_table == b.ref_table &&
                 a.ref_columns == b.ref_columns && a.on_delete == b.on_delete &&
                 a.on_update == b.on_update;
        },
        "foreign key", false);
    matcher(
        ir::UniqueConstraint{},
        [](const ir::UniqueConstraint& a, const ir::UniqueConstraint& b) {
          return a.columns == b.columns;
        },
        "unique constraint", false);
    matcher(
        ir::Check{},
        [](const ir::Check& a, const ir::Check& b) { return a.expression == b.expression; },
        "check constraint", false);
    for (std::size_t i = 0; i < changes.size(); ++i) {
      const auto* key = std::get_if<diff::ModifyPrimaryKey>(&changes[i]);
      if (key != nullptr && key->from.columns == key->to.columns && !key->from.name.empty()) {
        rename("primary key", key->from.name, key->to.name, to.model, false);
        used[i] = true;
      }
    }
    (void)from;
    std::vector<diff::TableChange> rest;
    for (std::size_t i = 0; i < changes.size(); ++i) {
      if (!used[i]) rest.push_back(std::move(changes[i]));
    }
    changes = std::move(rest);
  }

  // A reference whose key becomes a same-tenant key (company_id, contact_id), or the reverse:
  // the old key's Drop and the new key's Add become one online step that adds the new key NOT
  // VALID, validates it, then drops the old one, so the reference is never unchecked. It runs
  // after the UNIQUE (company_id, id) the new key needs is built (kSameTenantKeys).
  void MatchReplacedKeys(const ir::Table& from, const ir::Table& to,
                         std::vector<diff::TableChange>& changes) {
    std::vector<bool> used(changes.size(), false);
    for (std::size_t i = 0; i < changes.size(); ++i) {
      const auto* drop = std::get_if<diff::DropForeignKey>(&changes[i]);
      if (drop == nullptr) continue;
      for (std::size_t j = 0; j < changes.size(); ++j) {
        const auto* add = std::get_if<diff::AddForeignKey>(&changes[j]);
        if (add == nullptr || used[j]) continue;
        const ir::ForeignKey& a = drop->object;
        const ir::ForeignKey& b = add->object;
        if (a.ref_table != b.ref_table || a.columns.size() == b.columns.size() ||
            ir::ReferenceColumn(a) != ir::ReferenceColumn(b) || a.deferred || b.deferred)
          continue;
        ReplaceForeignKey(from, to, a, b);
        used[i] = used[j] = true;
        break;
      }
    }
    std::vector<diff::TableChange> rest;
    for (std::size_t i = 0; i < changes.size(); ++i) {
      if (!used[i]) rest.push_back(std::move(changes[i]));
    }
    changes = std::move(rest);
  }

  void ReplaceForeignKey(const ir::Table& from, const ir::Table& to, const ir::ForeignKey& a,
                         const ir::ForeignKey& b) {
    const bool protect = b.columns.size() > a.columns.size();
    Step step;
    step.subject = PartSubject(to, {ir::ReferenceColumn(b)});
    step.table = to.name;
    step.span = b.span;
    step.summary =
        fmt::format("{} {}.{}: {} -> {}",
                    protect ? "make same-tenant the reference" : "make plain the reference",
                    to.name, ir::ReferenceColumn(b), a.name, b.name);
    auto add = [](const ir::Table& t, const ir::ForeignKey& fk, int postgres, const char* suffix) {
      return fmt::format("{} ADD CONSTRAINT {} {}{};", Alter(t.name), QuoteIdent(fk.name),
                         sql::ForeignKeyClause(fk, postgres), suffix);
    };
    step.up_online.push_back(
        S(add(to, b, To(), " NOT VALID"),
          protect ? "The new key is checked for new rows now, for existing rows by VALIDATE "
                    "(without blocking writes);\nthe old key stays until then."
                  : "The old key stays until the new one is validated."));
    step.up_online.push_back(ValidateConstraint(to.name, b.name));
    step.up_online.push_back(DropConstraint(to.name, a.name));
    step.down_online.push_back(S(add(from, a, From(), " NOT VALID")));
    step.down_online.push_back(ValidateConstraint(from.name, a.name));
    step.down_online.push_back(DropConstraint(from.name, b.name));
    if (protect) {
      const std::string& tenant = b.columns.front();
      const std::string& column = ir::ReferenceColumn(b);
      step.reason = fmt::format(
          "added NOT VALID, validated without blocking writes, then the old key is dropped; "
          "VALIDATE fails if a row points at another company's row. Find them first with: "
          "SELECT t.id FROM {} t JOIN {} r ON r.id = t.{} WHERE r.{} <> t.{}",
          QuoteIdent(to.name), QuoteIdent(b.ref_table), QuoteIdent(column), QuoteIdent(tenant),
          QuoteIdent(tenant));
    } else {
      step.reason = "the reference is no longer checked to stay within one company";
    }
    Add(kSameTenantKeys, std::move(step));
  }

  // -- columns

  void PlanPart(const ir::Table&, const ir::Table& to, const diff::AddColumn& change) {
    const ir::Column& column = change.object;
    const std::string table = QuoteIdent(to.name);
    Step step;
    step.subject = Subject(to, &column);
    step.table = to.name;
    step.span = column.span;
    step.summary =
        fmt::format("add column {}.{} {}", to.name, column.name, diff::ColumnText(column));
    const std::string add =
        fmt::format("ALTER TABLE {} ADD COLUMN {};", table, sql::ColumnDefinition(column));
    step.down.push_back(
        S(fmt::format("ALTER TABLE {} DROP COLUMN {};", table, QuoteIdent(column.name))));
    if (column.nullable || (HasDefault(column) && !VolatileDefault(column))) {
      step.up.push_back(S(add));
      if (VolatileDefault(column)) {
        step.safety = Safety::kLock;
        step.reason = fmt::format(
            "a volatile default ({}) is computed for every existing row: the table is "
            "rewritten under an exclusive lock",
            sql::DefaultExpression(column));
      } else if (HasDefault(column)) {
        step.reason =
            "PostgreSQL 11+ adds a column with a constant default without rewriting "
            "the table";
      } else {
        step.reason = "a nullable column without a default changes only the catalog";
      }
      CommentNewColumn(to, column, step);
      Add(kColumns, std::move(step));
      return;
    }
    // NOT NULL: add it nullable, fill the existing rows, then make it NOT NULL online.
    std::string fill;
    if (column.backfill) {
      fill = BackfillSql(column, *column.backfill);
    } else if (HasDefault(column)) {
      fill = sql::DefaultExpression(column);
    } else {
      Diagnostic& d = diag_.Error(
          "E0903", column.span,
          fmt::format("new field {}.{} is NOT NULL without a default: adding it fails on a "
                      "table that has rows",
                      to.model, column.attribute));
      d.notes.push_back({fmt::format("give it a default (`{} ... = value`), make it optional "
                                     "(`?`), or say what existing rows get with `backfill "
                                     "value`",
                                     column.attribute),
                         std::nullopt});
      return;
    }
    ir::Column nullable = column;
    nullable.nullable = true;
    nullable.default_value.reset();
    step.up.push_back(
        S(fmt::format("ALTER TABLE {} ADD COLUMN {};", table, sql::ColumnDefinition(nullable)),
          "Added nullable, filled, then made NOT NULL without a long lock."));
    if (HasDefault(column)) {
      step.up.push_back(S(fmt::format("ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {};", table,
                                      QuoteIdent(column.name), sql::DefaultExpression(column))));
    }
    step.up.push_back(S(fmt::format("UPDATE {} SET {} = {} WHERE {} IS NULL;", table,
                                    QuoteIdent(column.name), fill, QuoteIdent(column.name))));
    SetNotNullOnline(to, column, step);
    step.reason = fmt::format(
        "existing rows get {} in one UPDATE (row locks only); NOT NULL is proven by a CHECK "
        "validated without blocking writes",
        fill);
    CommentNewColumn(to, column, step);
    Add(kColumns, std::move(step));
  }

  // The doc comment of a new column (dropped with it by the DOWN).
  static void CommentNewColumn(const ir::Table& to, const ir::Column& column, Step& step) {
    if (column.doc.empty()) return;
    step.up.push_back(S(fmt::format("COMMENT ON COLUMN {}.{} IS {};", QuoteIdent(to.name),
                                    QuoteIdent(column.name), QuoteLiteral(column.doc))));
  }

  // SET NOT NULL without scanning under an exclusive lock: a NOT VALID check validated online
  // lets PostgreSQL 12+ skip the scan. Not named <table>_<column>_not_null: PostgreSQL 18 gives
  // that name to the NOT NULL constraint SET NOT NULL creates, and would number it while the
  // check holds the name.
  void SetNotNullOnline(const ir::Table& to, const ir::Column& column, Step& step) {
    const std::string table = QuoteIdent(to.name);
    const std::string check =
        naming::FitIdentifier(to.name + "_" + column.name + "_not_null_check");
    step.up_online.push_back(S(fmt::format("ALTER TABLE {} ADD CONSTRAINT {} CHECK ({} IS NOT "
                                           "NULL) NOT VALID;",
                                           table, QuoteIdent(check), QuoteIdent(column.name)),
                               fmt::format("{}.{} becomes NOT NULL.", to.name, column.name)));
    step.up_online.push_back(
        S(fmt::format("ALTER TABLE {} VALIDATE CONSTRAINT {};", table, QuoteIdent(check))));
    step.up_online.push_back(S(fmt::format("ALTER TABLE {} ALTER COLUMN {} SET NOT NULL;", table,
                                           QuoteIdent(column.name))));
    step.up_online.push_back(
        S(fmt::format("ALTER TABLE {} DROP CONSTRAINT {};", table, QuoteIdent(check))));
    step.down_online.push_back(S(fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP NOT NULL;", table,
                                             QuoteIdent(column.name))));
  }

  void PlanPart(const ir::Table& from, const ir::Table&, const diff::DropColumn& change) {
    const ir::Column& column = change.object;
    const std::string table = QuoteIdent(from.name);
    Step step;
    step.subject = Subject(from, &column);
    step.table = from.name;
    step.summary = fmt::format("drop column {}.{}", from.name, column.name);
    step.up.push_back(
        S(fmt::format("ALTER TABLE {} DROP COLUMN {};", table, QuoteIdent(column.name)),
          fmt::format("{} is no longer in the schema: its values are lost.", step.subject)));
    if (!column.nullable && !HasDefault(column)) {
      ir::Column nullable = column;
      nullable.nullable = true;
      step.down.push_back(
          S(fmt::format("ALTER TABLE {} ADD COLUMN {};", table, sql::ColumnDefinition(nullable)),
            "The values were dropped by the UP: on a table with rows, SET NOT "
            "NULL below fails."));
      step.down.push_back(S(fmt::format("ALTER TABLE {} ALTER COLUMN {} SET NOT NULL;", table,
                                        QuoteIdent(column.name))));
      step.safety = Safety::kIrreversible;
      step.reason = fmt::format(
          "the values of {}.{} are lost, and the DOWN can't make the column NOT NULL again on "
          "a table with rows (there is no value to give them)",
          from.name, column.name);
    } else {
      step.down.push_back(
          S(fmt::format("ALTER TABLE {} ADD COLUMN {};", table, sql::ColumnDefinition(column))));
      step.safety = Safety::kDataLossUp;
      step.reason = fmt::format(
          "the values of {}.{} are lost; the DOWN adds the column back "
          "{}",
          from.name, column.name, HasDefault(column) ? "with its default" : "empty");
    }
    step.advice = fmt::format(
        "to keep the values, copy them first in a migration of your own, or keep the field; "
        "if a rename was meant, declare it on the new field (`newName ... was {}`); when the "
        "data is no longer needed, allow it with --allow {}:{}",
        column.attribute, SafetyName(step.safety), step.subject);
    Add(kDropColumns, std::move(step));
  }

  void PlanPart(const ir::Table& from, const ir::Table& to, const diff::ModifyColumn& change) {
    const ir::Column& a = change.from;
    const ir::Column& b = change.to;
    const std::string table = QuoteIdent(to.name);
    const std::string col = QuoteIdent(b.name);
    const std::string subject = Subject(to, &b);
    if (change.facets.auto_increment) {
      diag_
          .Error("E0906", b.span,
                 fmt::format("{}.{}: changing whether a column is auto-incremented is not "
                             "supported by evolution",
                             to.model, b.attribute))
          .notes.push_back(
              {"write that migration by hand, or keep the column as it is", std::nullopt});
      return;
    }
    if (change.facets.type) PlanType(from, to, a, b);
    if (change.facets.default_value) {
      Step step;
      step.subject = subject;
      step.table = to.name;
      step.span = b.span;
      step.summary = fmt::format("change default of {}.{}: {} -> {}", to.name, b.name,
                                 HasDefault(a) ? sql::DefaultExpression(a) : "none",
                                 HasDefault(b) ? sql::DefaultExpression(b) : "none");
      step.reason = "a default changes only the catalog (it applies to new rows)";
      auto set = [&](const ir::Column& c) {
        return HasDefault(c)
                   ? fmt::format("ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {};", table, col,
                                 sql::DefaultExpression(c))
                   : fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT;", table, col);
      };
      step.up.push_back(S(set(b)));
      step.down.push_back(S(set(a)));
      Add(kColumns, std::move(step));
    }
    if (change.facets.nullable) {
      Step step;
      step.subject = subject;
      step.table = to.name;
      step.span = b.span;
      if (b.nullable) {
        step.summary = fmt::format("make {}.{} nullable", to.name, b.name);
        step.up.push_back(
            S(fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP NOT NULL;", table, col)));
        step.down.push_back(
            S(fmt::format("ALTER TABLE {} ALTER COLUMN {} SET NOT NULL;", table, col)));
        step.safety = Safety::kDataLossDown;
        step.reason = "the DOWN's SET NOT NULL fails once a row holds NULL";
      } else {
        step.summary = fmt::format("make {}.{} NOT NULL", to.name, b.name);
        if (b.backfill) {
          const std::string fill = BackfillSql(b, *b.backfill);
          step.up.push_back(
              S(fmt::format("UPDATE {} SET {} = {} WHERE {} IS NULL;", table, col, fill, col),
                "Rows without a value get the backfill value."));
          step.safety = Safety::kDataLossDown;
          step.reason = fmt::format(
              "rows holding NULL get {}; the DOWN allows NULL again but can't tell which rows "
              "were filled",
              fill);
        } else {
          step.reason =
              "validated online by a NOT VALID check; fails if a row holds NULL "
              "(add `backfill value` to fill them)";
        }
        SetNotNullOnline(to, b, step);
      }
      Add(kColumns, std::move(step));
    }
    if (change.facets.comment) {
      Step step;
      step.subject = subject;
      step.table = to.name;
      step.span = b.span;
      step.summary = fmt::format("change comment of {}.{}", to.name, b.name);
      step.reason = "a comment changes only the catalog";
      auto comment = [&](const ir::Column& c) {
        return fmt::format("COMMENT ON COLUMN {}.{} IS {};", table, col,
                           c.doc.empty() ? "NULL" : QuoteLiteral(c.doc));
      };
      step.up.push_back(S(comment(b)));
      step.down.push_back(S(comment(a)));
      Add(kComments, std::move(step));
    }
  }

  void PlanType(const ir::Table&, const ir::Table& to, const ir::Column& a, const ir::Column& b) {
    const std::string table = QuoteIdent(to.name);
    const std::string col = QuoteIdent(b.name);
    Step step;
    step.subject = Subject(to, &b);
    step.table = to.name;
    step.span = b.span;
    step.summary =
        fmt::format("change type of {}.{}: {} -> {}", to.name, b.name, TypeSql(a), TypeSql(b));
    const bool automatic = AssignmentCast(a.type, b.type);
    if (!automatic && b.using_sql.empty()) {
      Diagnostic& d = diag_.Error(
          "E0904", b.span,
          fmt::format("{}.{} changes from {} to {}, and PostgreSQL has no automatic cast "
                      "between them",
                      to.model, b.attribute, TypeSql(a), TypeSql(b)));
      d.notes.push_back(
          {fmt::format("say how each value converts: `using sql \"{}::{}\"` (it fails on "
                       "values that don't convert; NULLIF or CASE can map them first)",
                       b.name, TypeSql(b)),
           std::nullopt});
      return;
    }
    const bool back_automatic = AssignmentCast(b.type, a.type);
    const bool drop_default = HasDefault(a) && !automatic;
    const std::string up_using = automatic ? "" : " USING (" + b.using_sql + ")";
    const std::string down_using =
        back_automatic ? "" : fmt::format(" USING {}::{}", col, TypeSql(a));
    if (drop_default) {
      step.up.push_back(S(fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT;", table, col)));
    }
    step.up.push_back(S(
        fmt::format("ALTER TABLE {} ALTER COLUMN {} TYPE {}{};", table, col, TypeSql(b), up_using),
        b.using_sql.empty() || automatic ? std::string()
                                         : "USING is the DSL's `using sql`, verbatim."));
    if (drop_default && HasDefault(b)) {
      step.up.push_back(S(fmt::format("ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {};", table, col,
                                      sql::DefaultExpression(b))));
    }
    const bool drop_default_down = HasDefault(b) && !back_automatic;
    if (drop_default_down) {
      step.down.push_back(
          S(fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT;", table, col)));
    }
    step.down.push_back(S(fmt::format("ALTER TABLE {} ALTER COLUMN {} TYPE {}{};", table, col,
                                      TypeSql(a), down_using)));
    if (drop_default_down && HasDefault(a)) {
      step.down.push_back(S(fmt::format("ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {};", table,
                                        col, sql::DefaultExpression(a))));
    }
    const bool rewrite = !NoRewrite(a.type, b.type);
    std::vector<std::string> why;
    if (automatic && Rounds(a.type, b.type)) {
      step.safety = Safety::kDataLossUp;
      why.push_back(FitReason("the UP", b.type, a.type));
      step.advice = fmt::format(
          "keep the values exact with a wider type, or convert them yourself with `using sql "
          "\"...\"`; to accept the change, allow it with --allow data-loss:{}",
          step.subject);
    } else if (!automatic) {
      why.push_back(
          "the UP stops (and is rolled back) on a value the USING expression can't "
          "convert");
    } else if (MayFail(a.type, b.type)) {
      why.push_back(FitReason("the UP", b.type, a.type) + " (and is rolled back)");
    }
    if (step.safety == Safety::kSafe) {
      if (Rounds(b.type, a.type) || MayFail(b.type, a.type)) {
        step.safety = Safety::kDataLossDown;
        why.push_back(FitReason("the DOWN", a.type, b.type));
      } else if (!automatic) {
        step.safety = Safety::kDataLossDown;
        why.push_back(
            fmt::format("the DOWN converts back with a cast, so values come back in "
                        "{}'s canonical form",
                        TypeSql(b)));
      }
    }
    if (rewrite) {
      if (step.safety == Safety::kSafe) step.safety = Safety::kLock;
      why.push_back("the table is rewritten under an exclusive lock");
    } else {
      why.push_back("no rewrite: PostgreSQL only updates the catalog");
    }
    step.reason = fmt::format("{}", fmt::join(why, "; "));
    Add(kColumns, std::move(step));
  }

  void PlanPart(const ir::Table&, const ir::Table& to, const diff::ModifyPrimaryKey& change) {
    diag_.Error("E0906", to.span,
                fmt::format("{}: changing the primary key ({} -> {}) is not supported by "
                            "evolution",
                            to.model, fmt::join(change.from.columns, ", "),
                            fmt::join(change.to.columns, ", ")));
  }

  // -- foreign keys

  bool Existing(const ir::Table& table) const {
    return base_.FindTableByName(table.name) != nullptr;
  }

  void AddForeignKey(const ir::Table& to, const ir::ForeignKey& fk, bool existing) {
    Step step;
    step.subject = PartSubject(to, fk.columns);
    step.table = to.name;
    step.span = fk.span;
    step.summary = fmt::format("add foreign key {} on {}", fk.name, to.name);
    const std::string add = fmt::format("{} ADD CONSTRAINT {} {}", Alter(to.name),
                                        QuoteIdent(fk.name), sql::ForeignKeyClause(fk, To()));
    if (existing) {
      step.up.push_back(S(add + " NOT VALID;",
                          "NOT VALID: checked for new rows now, for existing "
                          "rows by VALIDATE without blocking writes."));
      step.up_online.push_back(ValidateConstraint(to.name, fk.name));
      step.reason =
          "added NOT VALID, then validated without blocking writes; fails if a row "
          "points at a missing row";
    } else {
      step.up.push_back(S(add + ";", fmt::format("{} and {} reference each other: this key is "
                                                 "added once both exist.",
                                                 to.name, fk.ref_table)));
      step.reason = "on a new table";
    }
    step.down.push_back(DropConstraint(to.name, fk.name));
    Add(kAddKeys, std::move(step));
  }

  void DropForeignKey(const ir::Table& from, const ir::ForeignKey& fk) {
    Step step;
    step.subject = PartSubject(from, fk.columns);
    step.table = from.name;
    step.summary = fmt::format("drop foreign key {} on {}", fk.name, from.name);
    step.reason = "dropping a constraint changes only the catalog";
    step.up.push_back(DropConstraint(from.name, fk.name));
    step.down.push_back(S(fmt::format("{} ADD CONSTRAINT {} {};", Alter(from.name),
                                      QuoteIdent(fk.name), sql::ForeignKeyClause(fk, From()))));
    Add(kDropKeys, std::move(step));
  }

  void PlanPart(const ir::Table&, const ir::Table& to, const diff::AddForeignKey& change) {
    if (AwaitsUnique(change.object)) {
      // The plain key now (NOT VALID, validated online), the same-tenant one once its
      // UNIQUE (company_id, id) is built.
      const ir::ForeignKey plain = PlainKey(to, change.object);
      AddForeignKey(to, plain, Existing(to));
      return ReplaceForeignKey(to, to, plain, change.object);
    }
    AddForeignKey(to, change.object, Existing(to));
  }
  void PlanPart(const ir::Table& from, const ir::Table&, const diff::DropForeignKey& change) {
    DropForeignKey(from, change.object);
  }
  void PlanPart(const ir::Table&, const ir::Table& to, const diff::ModifyForeignKey& change) {
    const ir::ForeignKey& a = change.from;
    const ir::ForeignKey& b = change.to;
    Step step;
    step.subject = PartSubject(to, b.columns);
    step.table = to.name;
    step.span = b.span;
    step.summary = fmt::format("change foreign key {} on {}: {} -> {}", b.name, to.name,
                               diff::ForeignKeyText(a), diff::ForeignKeyText(b));
    step.up.push_back(DropConstraint(to.name, a.name));
    step.up.push_back(S(fmt::format("{} ADD CONSTRAINT {} {} NOT VALID;", Alter(to.name),
                                    QuoteIdent(b.name), sql::ForeignKeyClause(b, To()))));
    step.up_online.push_back(ValidateConstraint(to.name, b.name));
    step.down.push_back(DropConstraint(to.name, b.name));
    step.down.push_back(S(fmt::format("{} ADD CONSTRAINT {} {};", Alter(to.name),
                                      QuoteIdent(a.name), sql::ForeignKeyClause(a, From()))));
    step.reason = "the key is replaced NOT VALID and validated without blocking writes";
    Add(kAddKeys, std::move(step));
  }

  // -- unique constraints

  // True when `columns` include a primary key column: no two rows can repeat their values.
  static bool HoldsPrimaryKey(const ir::Table& table, const std::vector<std::string>& columns) {
    return std::any_of(columns.begin(), columns.end(), [&](const std::string& c) {
      const ir::Column* column = table.FindColumn(c);
      return column != nullptr && column->primary_key;
    });
  }

  void PlanPart(const ir::Table&, const ir::Table& to, const diff::AddUnique& change) {
    const ir::UniqueConstraint& u = change.object;
    Step step;
    step.subject = PartSubject(to, u.columns);
    step.table = to.name;
    step.span = u.span;
    step.summary = fmt::format("add unique constraint {} on {} ({})", u.name, to.name,
                               fmt::join(u.columns, ", "));
    if (Existing(to)) {
      step.up_online.push_back(
          S(fmt::format("DROP INDEX CONCURRENTLY IF EXISTS {};", QuoteIdent(u.name)),
            "Built without blocking writes, then attached as the "
            "constraint (a failed build leaves an invalid index: dropped "
            "first on a retry)."));
      step.up_online.push_back(
          S(fmt::format("CREATE UNIQUE INDEX CONCURRENTLY {} ON {} ({});", QuoteIdent(u.name),
                        QuoteIdent(to.name), sql::QuoteList(u.columns))));
      step.up_online.push_back(
          S(fmt::format("{} ADD CONSTRAINT {} UNIQUE USING INDEX {};", Alter(to.name),
                        QuoteIdent(u.name), QuoteIdent(u.name))));
      step.down_online.push_back(
          S(fmt::format("{} DROP CONSTRAINT IF EXISTS {};", Alter(to.name), QuoteIdent(u.name))));
      step.reason = HoldsPrimaryKey(to, u.columns)
                        ? "the index is built CONCURRENTLY, without blocking writes; it holds "
                          "the primary key, so no rows can repeat its values"
                        : "the index is built CONCURRENTLY, without blocking writes; fails if "
                          "rows already repeat the values";
    } else {
      step.up.push_back(S(fmt::format("{} ADD CONSTRAINT {} UNIQUE ({});", Alter(to.name),
                                      QuoteIdent(u.name), sql::QuoteList(u.columns))));
      step.down.push_back(DropConstraint(to.name, u.name));
      step.reason = "on a new table";
    }
    Add(kAddObjects, std::move(step));
  }

  void PlanPart(const ir::Table& from, const ir::Table&, const diff::DropUnique& change) {
    const ir::UniqueConstraint& u = change.object;
    Step step;
    step.subject = PartSubject(from, u.columns);
    step.table = from.name;
    step.summary = fmt::format("drop unique constraint {} on {}", u.name, from.name);
    const Statement add = S(fmt::format("{} ADD CONSTRAINT {} UNIQUE ({});", Alter(from.name),
                                        QuoteIdent(u.name), sql::QuoteList(u.columns)));
    // Foreign keys of the previous state reference it: it goes once they are replaced, online.
    const bool referenced =
        std::any_of(base_.tables.begin(), base_.tables.end(), [&](const auto& t) {
          return std::any_of(t.foreign_keys.begin(), t.foreign_keys.end(), [&](const auto& fk) {
            return fk.ref_table == from.name && fk.ref_columns == u.columns;
          });
        });
    (referenced ? step.up_online : step.up).push_back(DropConstraint(from.name, u.name));
    (referenced ? step.down_online : step.down).push_back(add);
    if (HoldsPrimaryKey(from, u.columns)) {
      step.reason = "it holds the primary key, so the DOWN can't fail on the rows";
    } else {
      step.safety = Safety::kDataLossDown;
      step.reason = "the DOWN fails once two rows repeat the values";
    }
    Add(referenced ? kReferencedUniques : kDropObjects, std::move(step));
  }

  void PlanPart(const ir::Table& from, const ir::Table& to, const diff::ModifyUnique& change) {
    PlanPart(from, to, diff::DropUnique{change.from});
    PlanPart(from, to, diff::AddUnique{change.to});
  }

  // -- checks

  void PlanPart(const ir::Table&, const ir::Table& to, const diff::AddCheck& change) {
    const ir::Check& c = change.object;
    Step step;
    step.subject = c.column.empty() ? to.model : PartSubject(to, {c.column});
    step.table = to.name;
    step.span = c.span;
    step.summary = fmt::format("add check {} on {}: {}", c.name, to.name, diff::CheckText(c));
    AddCheckStatements(to, c, step);
    step.down.push_back(DropConstraint(to.name, c.name));
    Add(kAddObjects, std::move(step));
  }

  void AddCheckStatements(const ir::Table& to, const ir::Check& c, Step& step) {
    if (Existing(to)) {
      step.up.push_back(S(fmt::format("{} ADD CONSTRAINT {} CHECK ({}) NOT VALID;", Alter(to.name),
                                      QuoteIdent(c.name), c.expression)));
      step.up_online.push_back(ValidateConstraint(to.name, c.name));
      if (step.reason.empty()) {
        step.reason =
            "added NOT VALID, then validated without blocking writes; fails if a row "
            "breaks it";
      }
    } else {
      step.up.push_back(S(fmt::format("{} ADD CONSTRAINT {} CHECK ({});", Alter(to.name),
                                      QuoteIdent(c.name), c.expression)));
      if (step.reason.empty()) step.reason = "on a new table";
    }
  }

  void PlanPart(const ir::Table& from, const ir::Table&, const diff::DropCheck& change) {
    const ir::Check& c = change.object;
    Step step;
    step.subject = c.column.empty() ? from.model : PartSubject(from, {c.column});
    step.table = from.name;
    step.summary = fmt::format("drop check {} on {}", c.name, from.name);
    step.up.push_back(DropConstraint(from.name, c.name));
    step.down.push_back(S(fmt::format("{} ADD CONSTRAINT {} CHECK ({});", Alter(from.name),
                                      QuoteIdent(c.name), c.expression)));
    step.safety = Safety::kDataLossDown;
    step.reason = "the DOWN fails once a row breaks the check again";
    Add(kDropObjects, std::move(step));
  }

  // Enum values of the column a CHECK constrains, in `schema`.
  static std::vector<std::string> EnumValues(const ir::Schema& schema, const ir::Table& table,
                                             const ir::Check& check) {
    const ir::Column* column = table.FindColumn(check.column);
    if (check.kind != ir::Check::Kind::kEnum || column == nullptr) return {};
    const ir::Enum* e = schema.FindEnum(column->type.enum_name);
    return e == nullptr ? std::vector<std::string>{} : e->values;
  }

  void PlanPart(const ir::Table& from, const ir::Table& to, const diff::ModifyCheck& change) {
    const ir::Check& a = change.from;
    const ir::Check& b = change.to;
    Step step;
    step.subject = b.column.empty() ? to.model : PartSubject(to, {b.column});
    step.table = to.name;
    step.span = b.span;
    step.summary = fmt::format("change check {} on {}: {} -> {}", b.name, to.name,
                               diff::CheckText(a), diff::CheckText(b));
    const std::vector<std::string> old_values = EnumValues(base_, from, a);
    const std::vector<std::string> new_values = EnumValues(next_, to, b);
    std::vector<std::string> removed;
    std::vector<std::string> added;
    for (const std::string& v : old_values) {
      if (std::find(new_values.begin(), new_values.end(), v) == new_values.end())
        removed.push_back(QuoteLiteral(v));
    }
    for (const std::string& v : new_values) {
      if (std::find(old_values.begin(), old_values.end(), v) == old_values.end())
        added.push_back(QuoteLiteral(v));
    }
    const bool is_enum = b.kind == ir::Check::Kind::kEnum && !old_values.empty();
    if (is_enum && !removed.empty()) {
      step.safety = Safety::kDataLossUp;
      step.reason =
          fmt::format("rows holding {} make the UP's validation fail", fmt::join(removed, ", "));
      step.advice = fmt::format(
          "move the rows to another value first (UPDATE {} SET {} = ... WHERE {} IN ({})) in a "
          "migration of your own; then allow it with --allow data-loss:{}",
          to.name, QuoteIdent(b.column), QuoteIdent(b.column), fmt::join(removed, ", "),
          step.subject);
    } else if (is_enum) {
      step.safety = Safety::kDataLossDown;
      step.reason =
          fmt::format("the DOWN's check fails once a row holds {}", fmt::join(added, ", "));
    } else {
      step.safety = Safety::kDataLossDown;
      step.reason = "the DOWN's check fails once a row breaks the old one";
    }
    if (is_enum && !added.empty() && !removed.empty()) {
      step.summary = fmt::format("change values of {}.{}: add {}; remove {}", to.name, b.column,
                                 fmt::join(added, ", "), fmt::join(removed, ", "));
    } else if (is_enum && !added.empty()) {
      step.summary =
          fmt::format("add values to {}.{}: {}", to.name, b.column, fmt::join(added, ", "));
    } else if (is_enum) {
      step.summary =
          fmt::format("remove values from {}.{}: {}", to.name, b.column, fmt::join(removed, ", "));
    }
    step.up.push_back(DropConstraint(to.name, a.name));
    std::string reason = step.reason;
    step.reason.clear();
    AddCheckStatements(to, b, step);
    step.reason = reason +
                  "; the new check is added NOT VALID, then validated without "
                  "blocking writes";
    step.down.push_back(DropConstraint(to.name, b.name));
    step.down.push_back(S(fmt::format("{} ADD CONSTRAINT {} CHECK ({});", Alter(to.name),
                                      QuoteIdent(a.name), a.expression)));
    Add(kAddObjects, std::move(step));
  }

  // -- indexes

  void PlanPart(const ir::Table&, const ir::Table& to, const diff::AddIndex& change) {
    const ir::Index& index = change.object;
    Step step;
    step.subject = PartSubject(to, IndexColumnNames(index));
    step.table = to.name;
    step.span = index.span;
    step.summary =
        fmt::format("add index {} on {}: {}", index.name, to.name, diff::IndexText(index));
    AddIndexStatements(to, index, step);
    Add(kAddObjects, std::move(step));
  }

  void AddIndexStatements(const ir::Table& to, const ir::Index& index, Step& step) {
    step.up_online.push_back(
        S(fmt::format("DROP INDEX CONCURRENTLY IF EXISTS {};", QuoteIdent(index.name)),
          "Built without blocking writes (a failed build leaves an invalid "
          "index: dropped first on a retry)."));
    step.up_online.push_back(S(sql::CreateIndexText(to, index, /*concurrently=*/true) + ";"));
    step.down_online.push_back(
        S(fmt::format("DROP INDEX CONCURRENTLY IF EXISTS {};", QuoteIdent(index.name))));
    step.reason = index.unique ? "built CONCURRENTLY, without blocking writes; fails if rows "
                                 "already repeat the values"
                               : "built CONCURRENTLY, without blocking writes";
  }

  void PlanPart(const ir::Table& from, const ir::Table&, const diff::DropIndex& change) {
    const ir::Index& index = change.object;
    Step step;
    step.subject = PartSubject(from, IndexColumnNames(index));
    step.table = from.name;
    step.summary = fmt::format("drop index {} on {}", index.name, from.name);
    step.up.push_back(S(fmt::format("DROP INDEX {};", QuoteIdent(index.name))));
    step.down.push_back(S(sql::CreateIndexText(from, index) + ";"));
    step.reason = index.unique ? "the DOWN rebuilds it, and fails once two rows repeat the values"
                               : "the DOWN rebuilds it under a lock";
    step.safety = index.unique ? Safety::kDataLossDown : Safety::kSafe;
    Add(kDropObjects, std::move(step));
  }

  void PlanPart(const ir::Table& from, const ir::Table& to, const diff::ModifyIndex& change) {
    Step step;
    step.subject = PartSubject(to, IndexColumnNames(change.to));
    step.table = to.name;
    step.span = change.to.span;
    step.summary = fmt::format("change index {} on {}: {} -> {}", change.to.name, to.name,
                               diff::IndexText(change.from), diff::IndexText(change.to));
    AddIndexStatements(to, change.to, step);
    // The DOWN rebuilds the previous definition, also online.
    step.down_online.push_back(S(sql::CreateIndexText(from, change.from, true) + ";"));
    if (change.to.unique) {
      step.reason += "; the previous definition is dropped first";
    }
    Add(kAddObjects, std::move(step));
  }

  void PlanPart(const ir::Table& from, const ir::Table& to,
                const diff::ModifyTableComment& change) {
    (void)from;
    Step step;
    step.subject = to.model;
    step.table = to.name;
    step.span = to.span;
    step.summary = fmt::format("change comment of table {}", to.name);
    step.reason = "a comment changes only the catalog";
    auto comment = [&](const std::string& doc) {
      return fmt::format("COMMENT ON TABLE {} IS {};", QuoteIdent(to.name),
                         doc.empty() ? "NULL" : QuoteLiteral(doc));
    };
    step.up.push_back(S(comment(change.to)));
    step.down.push_back(S(comment(change.from)));
    Add(kComments, std::move(step));
  }

  // -- row-level security

  void PlanPart(const ir::Table& from, const ir::Table& to, const diff::ModifyRowSecurity& change) {
    (void)from;
    auto statements = [&](const diff::RowSecurity& a, const diff::RowSecurity& b) {
      std::vector<Statement> out;
      if (a.enabled != b.enabled)
        out.push_back(S(fmt::format("{} {} ROW LEVEL SECURITY;", Alter(to.name),
                                    b.enabled ? "ENABLE" : "DISABLE")));
      if (a.forced != b.forced)
        out.push_back(S(fmt::format("{} {} ROW LEVEL SECURITY;", Alter(to.name),
                                    b.forced ? "FORCE" : "NO FORCE")));
      return out;
    };
    Step step;
    step.subject = to.model;
    step.table = to.name;
    step.span = to.span;
    const bool on = change.to.enabled && !change.from.enabled;
    const bool off = change.from.enabled && !change.to.enabled;
    step.summary = fmt::format("{} row-level security on {}",
                               on    ? "enable"
                               : off ? "disable"
                                     : "change",
                               to.name);
    step.up = statements(change.from, change.to);
    step.down = statements(change.to, change.from);
    step.safety = Safety::kLock;
    step.reason =
        on ? fmt::format(
                 "a brief ACCESS EXCLUSIVE lock; from then on a query that does not set {} in its "
                 "transaction (withTenant) sees and writes no rows of {}, and migrations and jobs "
                 "need a role with BYPASSRLS: deploy that first",
                 next_.tenant_setting, to.name)
           : fmt::format("a brief ACCESS EXCLUSIVE lock; {} is then protected by queries alone",
                         to.name);
    Add(kRowSecurity, std::move(step));
  }

  void PolicyStep(const ir::Table& table, const ir::Policy* from, const ir::Policy* to) {
    Step step;
    step.subject = table.model;
    step.table = table.name;
    step.span = to != nullptr ? to->span : table.span;
    const std::string& name = to != nullptr ? to->name : from->name;
    auto drop = [&](const ir::Policy& p) {
      return S(fmt::format("DROP POLICY {} ON {};", QuoteIdent(p.name), QuoteIdent(table.name)));
    };
    auto create = [&](const ir::Policy& p) { return S(sql::CreatePolicyText(table, p) + ";"); };
    if (from == nullptr) {
      step.summary = fmt::format("add row-level security policy {} on {}", name, table.name);
      step.up.push_back(create(*to));
      step.down.push_back(drop(*to));
    } else if (to == nullptr) {
      step.summary = fmt::format("drop row-level security policy {} on {}", name, table.name);
      step.up.push_back(drop(*from));
      step.down.push_back(create(*from));
    } else {
      step.summary = fmt::format("change row-level security policy {} on {}", name, table.name);
      step.up = {drop(*from), create(*to)};
      step.down = {drop(*to), create(*from)};
    }
    step.reason = "a policy changes only the catalog; it applies once row-level security is on";
    Add(kPolicies, std::move(step));
  }

  void PlanPart(const ir::Table&, const ir::Table& to, const diff::AddPolicy& change) {
    PolicyStep(to, nullptr, &change.object);
  }
  void PlanPart(const ir::Table& from, const ir::Table&, const diff::DropPolicy& change) {
    PolicyStep(from, &change.object, nullptr);
  }
  void PlanPart(const ir::Table&, const ir::Table& to, const diff::ModifyPolicy& change) {
    PolicyStep(to, &change.from, &change.to);
  }

  // ---- hazards --------------------------------------------------------------------------

  bool Allowed(const Step& step) const {
    for (const Allowance& a : options_.allow) {
      if (a.safety != step.safety) continue;
      if (a.subject.empty() || a.subject == step.subject) return true;
      if (step.subject.size() > a.subject.size() &&
          step.subject.compare(0, a.subject.size(), a.subject) == 0 &&
          step.subject[a.subject.size()] == '.')
        return true;
    }
    return false;
  }

  void Judge(const evolve::Plan& plan) {
    for (const Step& step : plan.steps) {
      const std::optional<Span> where =
          step.span.end > step.span.begin ? std::optional<Span>(step.span) : std::nullopt;
      if (IsHazard(step.safety) && !Allowed(step)) {
        Diagnostic& d = diag_.Error(
            step.safety == Safety::kIrreversible ? "E0905" : "E0907", where,
            fmt::format("{} ({}): {}", step.summary, SafetyName(step.safety), step.reason));
        if (!step.advice.empty()) d.notes.push_back({step.advice, std::nullopt});
      } else if (step.safety == Safety::kLock || step.safety == Safety::kDataLossDown) {
        diag_.Warning(
            "W0908", where,
            fmt::format("{} ({}): {}", step.summary, SafetyName(step.safety), step.reason));
      }
    }
  }

  // The targets of the previous state and of the next one.
  int From() const { return ir::PostgresTarget(previous_); }
  int To() const { return ir::PostgresTarget(next_); }

  void Add(Phase phase, Step step) {
    long order = static_cast<long>(planned_.size());
    if (phase == kDropTables) {
      // Referrers before the tables they reference: the reverse of the creation order.
      for (std::size_t i = 0; i < previous_.tables.size(); ++i) {
        if (base_.tables.size() > i && base_.tables[i].name == step.table) {
          order = -static_cast<long>(i);
        }
      }
    }
    planned_.push_back({phase, order, std::move(step)});
  }

  const ir::Schema& previous_;
  const ir::Schema& next_;
  const PlanOptions& options_;
  Diagnostics& diag_;
  ir::Schema base_;
  std::vector<TableRename> table_renames_;
  std::vector<ColumnRename> column_renames_;
  std::vector<Planned> planned_;
};

}  // namespace

const char* SafetyName(Safety safety) {
  switch (safety) {
    case Safety::kSafe:
      return "safe";
    case Safety::kLock:
      return "lock";
    case Safety::kDataLossDown:
      return "data-loss-down";
    case Safety::kDataLossUp:
      return "data-loss";
    case Safety::kIrreversible:
      return "irreversible";
  }
  return "safe";
}

bool IsHazard(Safety safety) {
  return safety == Safety::kDataLossUp || safety == Safety::kIrreversible;
}

std::optional<Allowance> ParseAllowance(const std::string& text) {
  const std::size_t colon = text.find(':');
  const std::string kind = text.substr(0, colon);
  Allowance allowance;
  bool found = false;
  for (Safety s : {Safety::kSafe, Safety::kLock, Safety::kDataLossDown, Safety::kDataLossUp,
                   Safety::kIrreversible}) {
    if (kind == SafetyName(s)) {
      allowance.safety = s;
      found = true;
    }
  }
  if (!found || allowance.safety == Safety::kSafe) return std::nullopt;
  if (colon != std::string::npos) {
    allowance.subject = text.substr(colon + 1);
    if (allowance.subject.empty()) return std::nullopt;
  }
  return allowance;
}

std::optional<Plan> MakePlan(const ir::Schema& previous, const ir::Schema& next,
                             const PlanOptions& options, Diagnostics& diagnostics) {
  return Planner(previous, next, options, diagnostics).Run();
}

std::string Description(const Plan& plan) {
  // Adopting PostgreSQL-enforced isolation touches every tenant table: name what it does.
  auto all = [&](const char* topic) {
    return !plan.steps.empty() &&
           std::all_of(plan.steps.begin(), plan.steps.end(), [&](const Step& step) {
             return step.summary.find(topic) != std::string::npos;
           });
  };
  if (all("row-level security")) return "enable-row-level-security";
  std::vector<std::string> subjects;
  std::string first;
  const bool only_supporting = std::all_of(plan.steps.begin(), plan.steps.end(),
                                           [](const Step& step) { return step.supporting; });
  for (const Step& step : plan.steps) {
    if (step.supporting && !only_supporting) continue;
    if (std::find(subjects.begin(), subjects.end(), step.subject) != subjects.end()) continue;
    if (subjects.empty()) {
      const std::string verb = step.summary.substr(0, step.summary.find(' '));
      first = verb + "-" + step.subject;
    }
    subjects.push_back(step.subject);
  }
  if (subjects.empty()) return "no-change";
  std::string out = sql::Slug(naming::ToSnakeCase(first));
  if (subjects.size() > 1) out += fmt::format("-and-{}-more", subjects.size() - 1);
  return out;
}

namespace {

bool LeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysIn(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && LeapYear(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

}  // namespace

std::string AddSeconds(const std::string& timestamp, int seconds) {
  if (timestamp.size() != 14) return timestamp;
  int year = std::stoi(timestamp.substr(0, 4));
  int month = std::stoi(timestamp.substr(4, 2));
  int day = std::stoi(timestamp.substr(6, 2));
  long long rest = std::stoll(timestamp.substr(8, 2)) * 3600 +
                   std::stoll(timestamp.substr(10, 2)) * 60 + std::stoll(timestamp.substr(12, 2)) +
                   seconds;
  while (rest >= 86400) {
    rest -= 86400;
    if (++day > DaysIn(year, month)) {
      day = 1;
      if (++month > 12) {
        month = 1;
        ++year;
      }
    }
  }
  return fmt::format("{:04}{:02}{:02}{:02}{:02}{:02}", year, month, day, rest / 3600,
                     rest / 60 % 60, rest % 60);
}

std::vector<sql::Migration> Migrations(const Plan& plan, const std::string& timestamp) {
  const std::string description = Description(plan);
  sql::Migration main;
  main.name = timestamp + "-" + description;
  sql::Migration online;
  online.name = AddSeconds(timestamp, 1) + "-" + description + "-online";
  online.transactional = false;
  std::vector<std::string> summaries;
  std::vector<std::string> online_summaries;
  // Each step's statements, the first one headed by what the step does.
  auto append = [](std::vector<sql::Statement>& to, const std::vector<sql::Statement>& from,
                   const std::string& title) {
    for (std::size_t i = 0; i < from.size(); ++i) {
      sql::Statement s = from[i];
      if (i == 0) s.comment = s.comment.empty() ? title : title + "\n" + s.comment;
      to.push_back(std::move(s));
    }
  };
  for (const Step& step : plan.steps) {
    const std::string title = fmt::format("{} [{}]", step.summary, SafetyName(step.safety));
    append(main.up, step.up, title);
    append(online.up, step.up_online, title);
    if (!step.up.empty() || !step.down.empty()) summaries.push_back(step.summary);
    if (!step.up_online.empty()) online_summaries.push_back(step.summary);
  }
  for (auto it = plan.steps.rbegin(); it != plan.steps.rend(); ++it) {
    append(main.down, it->down, "undo: " + it->summary);
    append(online.down, it->down_online, "undo: " + it->summary);
  }
  auto summary = [](const std::vector<std::string>& items) {
    if (items.size() <= 3) return fmt::format("{}", fmt::join(items, "; "));
    return fmt::format("{}; and {} more changes", fmt::join(items.begin(), items.begin() + 2, "; "),
                       items.size() - 2);
  };
  main.summary = summary(summaries);
  online.summary =
      main.up.empty()
          ? summary(online_summaries) + ", without blocking writes"
          : fmt::format(
                "builds the indexes and validates the constraints of {} without blocking writes",
                main.name);
  std::vector<sql::Migration> out;
  if (!main.up.empty()) out.push_back(std::move(main));
  if (!online.up.empty()) out.push_back(std::move(online));
  return out;
}

}  // namespace schemagen::evolve
