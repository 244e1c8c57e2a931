// Primary keys: the injected serial `id`, or the key an entity declares (`primary` on fields,
// `primary(a, b)`), of any type and arity; then every reference (and the tenant column) takes
// the type and column of its target's key.
#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "sema/analyzer.hpp"

namespace schemagen::sema {
namespace {

bool HasPrimaryOption(const ast::Field& field) {
  return std::any_of(field.options.begin(), field.options.end(), [](const ast::FieldOption& o) {
    return o.kind == ast::FieldOption::Kind::kPrimary;
  });
}

// `primary(id)` on an entity without a field named id: the injected key, named.
bool NamesInjectedId(const ast::Entity& entity, const ast::IndexDecl& decl) {
  if (decl.columns.size() != 1 || decl.columns[0].name.text != "id") return false;
  return std::none_of(entity.fields.begin(), entity.fields.end(),
                      [](const ast::Field& f) { return f.name.text == "id"; });
}

}  // namespace

bool Analyzer::DeclaresKey(const ast::Entity& entity) const {
  for (const ast::Field& field : entity.fields) {
    if ((field.kind == ast::Field::Kind::kColumn || field.kind == ast::Field::Kind::kBelongsTo) &&
        HasPrimaryOption(field)) {
      return true;
    }
  }
  return std::any_of(entity.indexes.begin(), entity.indexes.end(), [&](const ast::IndexDecl& d) {
    return d.primary && !NamesInjectedId(entity, d);
  });
}

void Analyzer::ResolvePrimaryKey(EntityInfo& entity) {
  ir::Table& table = entity.table;
  const ast::Entity& ast = *entity.ast;
  // Field-level `primary`, with its `name "..."`.
  const ast::Literal* field_name = nullptr;
  std::optional<Span> field_key;
  for (const ast::Field& field : ast.fields) {
    for (std::size_t i = 0; i < field.options.size(); ++i) {
      if (field.options[i].kind != ast::FieldOption::Kind::kPrimary) continue;
      if (!field_key) field_key = field.options[i].span;
      const ast::Literal* name = NameAfter(field, i);
      if (name == nullptr) continue;
      if (field_name != nullptr && field_name->text != name->text) {
        diag_
            .Error("E0515", name->span,
                   fmt::format("the primary key of '{}' is named twice", table.model))
            .notes.push_back({"first named here", field_name->span});
      }
      if (field_name == nullptr) field_name = name;
    }
  }
  if (field_name != nullptr) table.primary_key_name = field_name->text;
  // Entity-level primary(...).
  const ast::IndexDecl* declared = nullptr;
  for (const ast::IndexDecl& decl : ast.indexes) {
    if (!decl.primary) continue;
    if (declared != nullptr || field_key) {
      diag_
          .Error("E0515", decl.span,
                 fmt::format("'{}' declares its primary key twice", table.model))
          .notes.push_back({"a table has one primary key: mark its columns `primary`, or list "
                            "them in one primary(...)",
                            declared != nullptr ? declared->span : *field_key});
      continue;
    }
    declared = &decl;
    if (decl.method || decl.where) {
      diag_.Error("E0515", decl.method ? decl.method->span : decl.where->span,
                  "a primary key has no method or predicate: it is always a full btree index");
      continue;
    }
    bool ok = true;
    std::vector<std::string> columns;
    for (const ast::IndexColumn& c : decl.columns) {
      if (c.descending) {
        diag_.Error("E0515", c.name.span, "a primary key's columns have no order (desc)");
        ok = false;
      }
      if (NamesInjectedId(ast, decl)) {
        columns.push_back("id");
        continue;
      }
      if (auto name = ResolveIndexColumn(entity, c.name)) {
        if (std::find(columns.begin(), columns.end(), *name) != columns.end()) {
          diag_.Error("E0515", c.name.span,
                      fmt::format("'{}' is listed twice in the primary key", c.name.text));
          ok = false;
        }
        columns.push_back(*name);
      } else {
        ok = false;
      }
    }
    if (decl.name) {
      if (CheckObjectName(*decl.name, diag_)) table.primary_key_name = decl.name->text;
    }
    if (!ok) continue;
    for (ir::Column& column : table.columns) {
      if (std::find(columns.begin(), columns.end(), column.name) != columns.end())
        column.primary_key = true;
    }
  }
  // Every key column: NOT NULL, and of a type with btree equality.
  for (const ir::Column& column : table.columns) {
    if (!column.primary_key) continue;
    if (column.nullable) {
      diag_
          .Error("E0515", column.span,
                 fmt::format("'{}' is part of the primary key, so it can't be nullable",
                             column.attribute))
          .notes.push_back(
              {"remove the '?': PostgreSQL makes every primary key column NOT NULL", std::nullopt});
    }
    if (column.type.kind == ir::TypeKind::kJson || column.type.kind == ir::TypeKind::kJsonb) {
      diag_.Error("E0515", column.span,
                  fmt::format("'{}' is {}, which can't be a primary key", column.attribute,
                              ir::PgTypeName(column.type)));
    }
  }
}

void Analyzer::ResolveKeys() {
  std::unordered_map<std::string, const EntityInfo*> by_table;
  for (EntityInfo& entity : entities_) {
    ResolvePrimaryKey(entity);
    by_table.emplace(entity.table.name, &entity);
  }
  // A reference holds its target's key: its type, and the column its foreign key references.
  // The target's key column, or null (reported when the key has several).
  auto target_key = [&](const std::string& target_table, const ir::Column& column,
                        Span span) -> const ir::Column* {
    const auto target = by_table.find(target_table);
    if (target == by_table.end()) return nullptr;
    const std::vector<const ir::Column*> key = target->second->table.KeyColumns();
    if (key.size() == 1) return key[0];
    if (key.empty()) return nullptr;  // the target's key was reported
    const bool tenant = column.origin == ir::ColumnOrigin::kTenant;
    diag_
        .Error("E0407", tenant ? tenant_span_ : span,
               fmt::format("'{}' can't be referenced: its primary key has {} columns",
                           target->second->table.model, key.size()))
        .notes.push_back({tenant ? "the tenant is referenced by every tenant-scoped entity, so "
                                   "its key must be a single column"
                                 : "a reference holds one column; reference an entity with a "
                                   "single-column key",
                          std::nullopt});
    return nullptr;
  };
  for (EntityInfo& entity : entities_) {
    ir::Table& table = entity.table;
    auto column_named = [&](const std::string& name) -> ir::Column* {
      const auto it = entity.column_names.find(name);
      return it != entity.column_names.end() ? &table.columns[it->second] : nullptr;
    };
    for (const auto& [column_name, target_table] : entity.unenforced_references) {
      ir::Column* column = column_named(column_name);
      if (column == nullptr) continue;
      if (const ir::Column* key = target_key(target_table, *column, column->span))
        column->type = key->type;
    }
    for (ir::ForeignKey& fk : table.foreign_keys) {
      ir::Column* column = fk.columns.size() == 1 ? column_named(fk.columns[0]) : nullptr;
      if (column == nullptr) continue;
      if (const ir::Column* key = target_key(fk.ref_table, *column, fk.span)) {
        fk.ref_columns = {key->name};
        column->type = key->type;
      }
    }
  }
}

}  // namespace schemagen::sema
