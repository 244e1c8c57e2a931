#include "schemagen/ir.hpp"

#include <fmt/format.h>

namespace schemagen::ir {
namespace {

template <typename T, typename Pred>
const T* FindIf(const std::vector<T>& items, Pred pred) {
  for (const T& item : items) {
    if (pred(item)) return &item;
  }
  return nullptr;
}

}  // namespace

const Column* Table::FindColumnByAttribute(const std::string& attribute) const {
  return FindIf(columns, [&](const Column& c) { return c.attribute == attribute; });
}

const Column* Table::FindColumn(const std::string& column_name) const {
  return FindIf(columns, [&](const Column& c) { return c.name == column_name; });
}

const Column* Table::FindTenantColumn() const {
  return FindIf(columns, [](const Column& c) { return c.origin == ColumnOrigin::kTenant; });
}

std::vector<const Column*> Table::KeyColumns() const {
  std::vector<const Column*> out;
  for (const Column& c : columns) {
    if (c.primary_key) out.push_back(&c);
  }
  return out;
}

std::vector<std::string> Table::KeyColumnNames() const {
  std::vector<std::string> out;
  for (const Column* c : KeyColumns()) out.push_back(c->name);
  return out;
}

const Table* Schema::FindTable(const std::string& model) const {
  if (!by_model_.empty()) {
    auto it = by_model_.find(model);
    return it != by_model_.end() && it->second < tables.size() ? &tables[it->second] : nullptr;
  }
  return FindIf(tables, [&](const Table& t) { return t.model == model; });
}

const Table* Schema::FindTableByName(const std::string& table_name) const {
  if (!by_name_.empty()) {
    auto it = by_name_.find(table_name);
    return it != by_name_.end() && it->second < tables.size() ? &tables[it->second] : nullptr;
  }
  return FindIf(tables, [&](const Table& t) { return t.name == table_name; });
}

void Schema::Reindex() {
  by_model_.clear();
  by_name_.clear();
  for (std::size_t i = 0; i < tables.size(); ++i) {
    by_model_[tables[i].model] = i;
    by_name_[tables[i].name] = i;
  }
}

const Enum* Schema::FindEnum(const std::string& enum_name) const {
  return FindIf(enums, [&](const Enum& e) { return e.name == enum_name; });
}

std::string PgTypeName(const Type& type) {
  if (!type.pg_name.empty()) return type.pg_name;
  switch (type.kind) {
    case TypeKind::kString:
    case TypeKind::kEnum:
      return fmt::format("character varying({})", type.length);
    case TypeKind::kText:
      return "text";
    case TypeKind::kInteger:
      return "integer";
    case TypeKind::kBigInt:
      return "bigint";
    case TypeKind::kSmallInt:
      return "smallint";
    case TypeKind::kDecimal:
      return type.precision > 0 ? fmt::format("numeric({},{})", type.precision, type.scale)
                                : "numeric";
    case TypeKind::kReal:
      return "real";
    case TypeKind::kDouble:
      return "double precision";
    case TypeKind::kBoolean:
      return "boolean";
    case TypeKind::kDate:
      return "date";
    case TypeKind::kDateTime:
      return "timestamp with time zone";
    case TypeKind::kUuid:
      return "uuid";
    case TypeKind::kJson:
      return "json";
    case TypeKind::kJsonb:
      return "jsonb";
  }
  return "text";
}

const std::string& ReferenceColumn(const ForeignKey& fk) { return fk.columns.back(); }

bool IsSameTenantKey(const ForeignKey& fk, const std::string& tenant_column) {
  return fk.columns.size() == 2 && fk.ref_columns.size() == 2 && fk.columns[0] == tenant_column &&
         fk.ref_columns[0] == tenant_column;
}

int PostgresTarget(const Schema& schema) { return schema.postgres != 0 ? schema.postgres : 15; }

const char* ActionSql(Action action) {
  switch (action) {
    case Action::kNoAction:
      return "NO ACTION";
    case Action::kRestrict:
      return "RESTRICT";
    case Action::kCascade:
      return "CASCADE";
    case Action::kSetNull:
      return "SET NULL";
    case Action::kSetDefault:
      return "SET DEFAULT";
  }
  return "NO ACTION";
}

}  // namespace schemagen::ir
