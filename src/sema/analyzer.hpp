// The semantic pass's working state, shared by the files of src/sema/. Each file implements one
// concern: settings and declarations, columns and types, relations, constraints, table order.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <queue>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "schemagen/ast.hpp"
#include "schemagen/diagnostics.hpp"
#include "schemagen/ir.hpp"
#include "schemagen/sema.hpp"

namespace schemagen::sema {

/// One entity being built: its AST (null for a synthesized junction) and its table.
struct EntityInfo {
  const ast::Entity* ast = nullptr;
  ir::Table table;
  std::size_t order = 0;                          // declaration order, for stable sorting
  std::map<std::string, std::size_t> attributes;  // attribute -> column index
  std::unordered_map<std::string, std::size_t> column_names;  // column name -> column index
  std::map<std::string, Span> relation_names;                 // relation name -> span
  std::vector<ir::Relation> pending_inverses;     // hasMany/hasOne/belongsToMany to resolve
  std::vector<const ast::Field*> inverse_fields;  // their AST, same order
  /// The entity declares its primary key (`primary` on fields, or `primary(...)` naming
  /// declared columns), so it gets no injected `id`.
  bool declares_key = false;
  /// Warnings `allow "..."` silences on this entity.
  std::set<std::string> allowed_warnings;
  /// References without a foreign key (`no_foreign_key`): column name -> target table.
  std::vector<std::pair<std::string, std::string>> unenforced_references;
};

/// How a unique is written: its `name "..."`, `global` (across every tenant), `unique_index`.
struct UniqueForm {
  const ast::Literal* name = nullptr;
  bool global = false;
  bool as_index = false;
};

class Analyzer {
 public:
  Analyzer(const ast::File& file, const AnalyzeOptions& options, Diagnostics& diagnostics)
      : file_(file), options_(options), diag_(diagnostics) {}
  std::optional<ir::Schema> Run();

 private:
  // declarations.cpp
  void ApplySettings();
  // constraints.cpp
  void CheckPostgresLimits(const EntityInfo& entity);
  void CheckOutputDirectories();
  void CollectEnums();
  void CollectEntities();
  void ApplyEntityOptions(EntityInfo& entity);
  void AllowWarnings(EntityInfo& entity, const ast::Literal& codes);
  void CheckEntityRenames();
  void SynthesizeJunctions();
  void ResolveTimestamp();
  void CheckEntityName(const ast::Ident& name, bool is_enum = false);
  // columns.cpp
  void BuildColumns(EntityInfo& entity);
  void AddInjectedColumn(EntityInfo& entity, ir::Column column);
  bool AddColumn(EntityInfo& entity, ir::Column column, const ast::Field* field);
  void BuildDeclaredColumn(EntityInfo& entity, const ast::Field& field);
  void DeclareTenantColumn(EntityInfo& entity, const ast::Field& field);
  void BuildDeclaredTimestamp(EntityInfo& entity, const ast::Field& field, ir::ColumnOrigin role);
  std::optional<ir::Type> ResolveType(const ast::Field& field);
  /// A default (`what` = "default") or a backfill value (`what` = "backfill"), which must
  /// fit the column's type the same way; the word is the one the messages use.
  std::optional<ir::Default> ResolveDefault(const ir::Type& type, bool nullable,
                                            const ast::Literal& value,
                                            const std::string& what = "default");
  void AddFieldCheck(EntityInfo& entity, const ir::Column& column, const ast::Check& check,
                     const ast::Literal* name = nullptr);
  void AddFieldIndex(EntityInfo& entity, const ir::Column& column, const ast::FieldOption& option);
  void AddFieldUnique(EntityInfo& entity, const ir::Column& column, Span span);
  void CheckFieldRenames(const EntityInfo& entity);
  // relations.cpp
  void BuildReference(EntityInfo& entity, const ast::Field& field);
  void UnenforcedReference(EntityInfo& entity, const ast::Field& field, const ir::Column& column,
                           const EntityInfo& target, bool key_options);
  void CollectInverse(EntityInfo& entity, const ast::Field& field);
  void ResolveInverses(EntityInfo& entity);
  bool HasMisspeltReferenceTo(const EntityInfo& entity, const std::string& model) const;
  EntityInfo* FindEntity(const ast::Ident& name);
  void SynthesizeJunction(const EntityInfo& owner, const ast::Field& field);
  // constraints.cpp
  void BuildEntityIndexes(EntityInfo& entity);
  void BuildEntityChecks(EntityInfo& entity);
  void AddUnique(EntityInfo& entity, std::vector<std::string> columns, std::string where, Span span,
                 UniqueForm form = {});
  void AddIndex(EntityInfo& entity, ir::Index index);
  void UnknownMethod(const ast::Ident& method);
  void AddStandardIndexes(EntityInfo& entity);
  // keys.cpp
  bool DeclaresKey(const ast::Entity& entity) const;
  void ResolveKeys();
  void ResolvePrimaryKey(EntityInfo& entity);
  // names.cpp
  void AssignNames();
  std::optional<std::string> ResolveIndexColumn(EntityInfo& entity, const ast::Ident& name);
  // tenancy.cpp
  void ProtectTenancy();
  // order.cpp
  std::vector<ir::Table> OrderTables();
  void BreakEarliestCycle(
      const std::map<std::string, std::size_t>& by_table, const std::set<std::string>& created,
      const std::vector<bool>& done, std::vector<std::size_t>& waiting,
      std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>>& ready);

  std::string TableNameFor(const std::string& model) const;
  std::string ColumnNameFor(const std::string& attribute) const;
  bool IsTenantScoped(const EntityInfo& entity) const { return !entity.table.global; }
  std::vector<std::string> EntityNames() const;

  const ast::File& file_;
  const AnalyzeOptions& options_;
  Diagnostics& diag_;
  ir::Schema schema_;
  std::optional<ast::Literal> timestamp_setting_;
  bool soft_delete_default_ = true;
  Span tenant_span_{};
  std::map<std::string, Span> path_spans_;  ///< "migrations", "models", "docs" -> the value
  bool tenant_declared_ = false;
  bool tenant_setting_declared_ = false;
  std::map<std::string, ir::Enum> enums_;
  std::vector<EntityInfo> entities_;
  std::deque<ast::Entity> synthesized_;  // junction entities of many-to-many relations
  std::unordered_map<std::string, std::size_t> entity_index_;  // model -> entities_ index
};

/// Reports options that make no sense for the field's kind, and options given twice.
/// Returns false when any was reported.
bool CheckFieldOptions(const ast::Field& field, Diagnostics& diag);

/// The `name "..."` right after option `option` of `field`, or null.
const ast::Literal* NameAfter(const ast::Field& field, std::size_t option);
/// The name of what a field's type creates (a reference's foreign key, an enum's check): a
/// `name` first among its options, or right after an `on delete`/`on update`; or null.
const ast::Literal* TypeObjectName(const ast::Field& field);
/// Reports each `name "..."` of `field` that names nothing, is too long or empty (E0512,
/// E0513). Returns false when any was reported.
bool CheckObjectNames(const ast::Field& field, Diagnostics& diag);
/// Reports an empty name or one over 63 bytes (E0513).
bool CheckObjectName(const ast::Literal& name, Diagnostics& diag);

/// "enum Status", or the PostgreSQL type ("character varying(255)"), for messages.
std::string TypeDescription(const ir::Type& type);

/// "a, b or c" for messages.
std::string JoinOr(const std::vector<std::string>& words);
/// Adds "did you mean 'x'?" to `d` when a candidate is close to `word`.
void SuggestClosest(Diagnostic& d, const std::string& word,
                    const std::vector<std::string>& candidates);
/// Whether an error may still get a "did you mean" found among all the schema's names. Each such
/// search costs the number of names, so a file with thousands of errors and thousands of
/// entities would take quadratic time (minutes for 50 MB) for notes no one sees: only 50
/// errors are printed. Past those 50 errors, those notes are left out.
inline constexpr std::size_t kSuggestionBudget = 50;
inline bool WorthSuggesting(const Diagnostics& diag) {
  return diag.error_count() <= kSuggestionBudget;
}

}  // namespace schemagen::sema
