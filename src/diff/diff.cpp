// The differ: matches tables, columns, keys, constraints and indexes by name and records what
// differs as typed changes.
#include "schemagen/diff.hpp"

#include <map>

#include "schemagen/sql.hpp"

namespace schemagen::diff {
namespace {

// PostgreSQL stores no default for DEFAULT NULL, so it counts as none.
bool HasDefault(const ir::Column& column) {
  return column.default_value && column.default_value->kind != ir::Default::Kind::kNull;
}

std::string DefaultText(const ir::Column& column) {
  return HasDefault(column) ? sql::DefaultExpression(column) : std::string();
}

// Expressions compare by text when both sides are normalized, else only by presence.
bool SameExpression(const std::string& a, const std::string& b, const Options& options) {
  return options.expressions ? a == b : a.empty() == b.empty();
}

ColumnFacets CompareColumns(const ir::Column& a, const ir::Column& b, const Options& options) {
  ColumnFacets facets;
  facets.type = ir::PgTypeName(a.type) != ir::PgTypeName(b.type);
  facets.nullable = a.nullable != b.nullable;
  facets.auto_increment = a.auto_increment != b.auto_increment;
  facets.default_value = !SameExpression(DefaultText(a), DefaultText(b), options);
  facets.comment = a.doc != b.doc;
  return facets;
}

bool SameIndexColumns(const ir::Index& a, const ir::Index& b) {
  if (a.columns.size() != b.columns.size()) return false;
  for (std::size_t i = 0; i < a.columns.size(); ++i) {
    if (a.columns[i].name != b.columns[i].name) return false;
    if (a.columns[i].descending != b.columns[i].descending) return false;
  }
  return true;
}

bool SameIndex(const ir::Index& a, const ir::Index& b, const Options& options) {
  return SameIndexColumns(a, b) && a.unique == b.unique && a.method == b.method &&
         SameExpression(a.where, b.where, options);
}

bool SameForeignKey(const ir::ForeignKey& a, const ir::ForeignKey& b, const Options&) {
  return a.columns == b.columns && a.ref_table == b.ref_table && a.ref_columns == b.ref_columns &&
         a.on_delete == b.on_delete && a.on_update == b.on_update &&
         a.set_null_columns == b.set_null_columns;
}

bool SamePolicy(const ir::Policy& a, const ir::Policy& b, const Options& options) {
  return a.command == b.command && SameExpression(a.using_expr, b.using_expr, options) &&
         SameExpression(a.check_expr, b.check_expr, options);
}

bool SameUnique(const ir::UniqueConstraint& a, const ir::UniqueConstraint& b, const Options&) {
  return a.columns == b.columns;
}

bool SameCheck(const ir::Check& a, const ir::Check& b, const Options& options) {
  return SameExpression(a.expression, b.expression, options);
}

template <typename T>
const T* FindByName(const std::vector<T>& items, const std::string& name) {
  for (const T& item : items) {
    if (item.name == name) return &item;
  }
  return nullptr;
}

// Drops and modifications in `from`'s order, then additions in `to`'s order.
template <typename T, typename Same>
void DiffNamed(const std::vector<T>& from, const std::vector<T>& to, const Options& options,
               Same same, std::vector<TableChange>& out) {
  for (const T& a : from) {
    const T* b = FindByName(to, a.name);
    if (b == nullptr) {
      out.emplace_back(Drop<T>{a});
    } else if (!same(a, *b, options)) {
      out.emplace_back(Modify<T>{a, *b});
    }
  }
  for (const T& b : to) {
    if (FindByName(from, b.name) == nullptr) out.emplace_back(Add<T>{b});
  }
}

void DiffColumns(const ir::Table& from, const ir::Table& to, const Options& options,
                 std::vector<TableChange>& out) {
  for (const ir::Column& a : from.columns) {
    const ir::Column* b = to.FindColumn(a.name);
    if (b == nullptr) {
      out.emplace_back(DropColumn{a});
      continue;
    }
    const ColumnFacets facets = CompareColumns(a, *b, options);
    if (facets.Definition() || facets.comment) out.emplace_back(ModifyColumn{a, *b, facets});
  }
  for (const ir::Column& b : to.columns) {
    if (from.FindColumn(b.name) == nullptr) out.emplace_back(AddColumn{b});
  }
}

std::vector<TableChange> DiffTable(const ir::Table& from, const ir::Table& to,
                                   const Options& options) {
  std::vector<TableChange> out;
  DiffColumns(from, to, options, out);
  const PrimaryKey from_key = PrimaryKeyOf(from);
  const PrimaryKey to_key = PrimaryKeyOf(to);
  if (!(from_key == to_key)) out.emplace_back(ModifyPrimaryKey{from_key, to_key});
  DiffNamed(from.foreign_keys, to.foreign_keys, options, SameForeignKey, out);
  DiffNamed(from.uniques, to.uniques, options, SameUnique, out);
  DiffNamed(from.checks, to.checks, options, SameCheck, out);
  DiffNamed(from.indexes, to.indexes, options, SameIndex, out);
  if (from.doc != to.doc) out.emplace_back(ModifyTableComment{from.doc, to.doc});
  if (RowSecurityOf(from) != RowSecurityOf(to))
    out.emplace_back(ModifyRowSecurity{RowSecurityOf(from), RowSecurityOf(to)});
  DiffNamed(from.policies, to.policies, options, SamePolicy, out);
  return out;
}

std::string ObjectKey(const inspect::Object& object) { return object.kind + '\n' + object.name; }

}  // namespace

RowSecurity RowSecurityOf(const ir::Table& table) {
  return {table.row_security, table.force_row_security};
}

PrimaryKey PrimaryKeyOf(const ir::Table& table) {
  PrimaryKey key;
  key.columns = table.KeyColumnNames();
  if (!key.columns.empty()) key.name = table.primary_key_name;
  return key;
}

std::vector<Change> Diff(const ir::Schema& from, const ir::Schema& to, const Options& options) {
  std::vector<Change> out;
  for (const ir::Table& a : from.tables) {
    const ir::Table* b = to.FindTableByName(a.name);
    if (b == nullptr) {
      out.emplace_back(DropTable{a});
      continue;
    }
    std::vector<TableChange> changes = DiffTable(a, *b, options);
    if (!changes.empty()) out.emplace_back(ModifyTable{a.name, std::move(changes)});
  }
  for (const ir::Table& b : to.tables) {
    if (from.FindTableByName(b.name) == nullptr) out.emplace_back(AddTable{b});
  }
  return out;
}

std::vector<Change> Diff(const inspect::Catalog& from, const inspect::Catalog& to,
                         const Options& options) {
  std::vector<Change> out = Diff(from.schema, to.schema, options);
  std::map<std::string, const inspect::Object*> found;
  for (const inspect::Object& b : to.objects) found.emplace(ObjectKey(b), &b);
  for (const inspect::Object& a : from.objects) {
    const auto it = found.find(ObjectKey(a));
    if (it == found.end()) {
      out.emplace_back(DropObject{a});
    } else {
      if (!(a == *it->second)) out.emplace_back(ModifyObject{a, *it->second});
      found.erase(it);
    }
  }
  for (const inspect::Object& b : to.objects) {
    if (found.count(ObjectKey(b)) != 0) out.emplace_back(AddObject{b});
  }
  return out;
}

}  // namespace schemagen::diff
