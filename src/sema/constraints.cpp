// Indexes, unique constraints and checks: the standard ones every tenant table needs, the
// declared ones, and deterministic names within PostgreSQL's 63-byte limit.
#include <fmt/format.h>

#include <algorithm>

#include "schemagen/naming.hpp"
#include "sema/analyzer.hpp"

namespace schemagen::sema {
namespace {

const std::vector<std::string> kIndexMethods = {"btree", "hash", "gin", "gist", "brin"};

bool SameIndex(const ir::Index& a, const ir::Index& b) {
  if (a.unique != b.unique || a.method != b.method || a.where != b.where ||
      a.columns.size() != b.columns.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.columns.size(); ++i) {
    if (a.columns[i].name != b.columns[i].name ||
        a.columns[i].descending != b.columns[i].descending) {
      return false;
    }
  }
  return true;
}

// Which index methods PostgreSQL can use, without extensions, on a column of this type.
std::optional<std::string> MethodProblem(const std::string& method, const ir::Column& column) {
  using ir::TypeKind;
  const TypeKind kind = column.type.kind;
  if (method == "gin" && kind != TypeKind::kJsonb) {
    return "PostgreSQL has gin operator classes for jsonb (and arrays), not for " +
           ir::PgTypeName(column.type);
  }
  if (method == "gist") {
    return "PostgreSQL has no gist operator class for " + ir::PgTypeName(column.type) +
           " without the btree_gist extension";
  }
  if (method == "hash" && kind == TypeKind::kJson)
    return "json has no hash operator class; use jsonb";
  if (method == "brin" &&
      (kind == TypeKind::kJson || kind == TypeKind::kJsonb || kind == TypeKind::kBoolean)) {
    return "brin has no operator class for " + ir::PgTypeName(column.type);
  }
  if ((method == "btree") && kind == TypeKind::kJson)
    return "json has no btree operator class; use jsonb";
  return std::nullopt;
}

const ir::Column* FirstKeyColumn(const ir::Table& table) {
  for (const ir::Column& c : table.columns) {
    if (c.primary_key) return &c;
  }
  return nullptr;
}

}  // namespace

std::optional<std::string> Analyzer::ResolveIndexColumn(EntityInfo& entity,
                                                        const ast::Ident& name) {
  if (auto it = entity.attributes.find(name.text); it != entity.attributes.end()) {
    return entity.table.columns[it->second].name;
  }
  for (const ir::Relation& r : entity.table.relations) {
    if (r.kind == ir::Relation::Kind::kBelongsTo && r.name == name.text) {
      return entity.table.FindColumnByAttribute(r.foreign_key)->name;
    }
  }
  if (const ir::Column* column = entity.table.FindColumn(name.text)) return column->name;
  for (const ast::Field& field : entity.ast->fields) {  // a rejected field: reported already
    const bool is_reference = field.kind == ast::Field::Kind::kBelongsTo;
    if ((is_reference || field.kind == ast::Field::Kind::kColumn) &&
        (field.name.text == name.text || (is_reference && field.name.text + "Id" == name.text))) {
      return std::nullopt;
    }
  }
  std::vector<std::string> candidates;
  for (const ir::Column& c : entity.table.columns) candidates.push_back(c.attribute);
  Diagnostic& d =
      diag_.Error("E0210", name.span,
                  fmt::format("entity '{}' has no column '{}'", entity.table.model, name.text));
  SuggestClosest(d, name.text, candidates);
  return std::nullopt;
}

void Analyzer::UnknownMethod(const ast::Ident& method) {
  Diagnostic& d =
      diag_.Error("E0309", method.span, fmt::format("unknown index method '{}'", method.text));
  SuggestClosest(d, method.text, kIndexMethods);
  if (d.notes.empty()) {
    d.notes.push_back({fmt::format("index methods are {}", JoinOr(kIndexMethods)), std::nullopt});
  }
}

void Analyzer::AddIndex(EntityInfo& entity, ir::Index index) {
  for (const ir::Index& existing : entity.table.indexes) {
    if (!SameIndex(existing, index)) continue;
    auto declared = [](ir::IndexReason r) {
      return r == ir::IndexReason::kDeclared || r == ir::IndexReason::kUnique;
    };
    if (declared(existing.reason) && declared(index.reason)) {
      diag_
          .Error("E0311", index.span,
                 index.unique ? "this unique constraint is declared twice"
                              : "this index is declared twice")
          .notes.push_back({"first declared here", existing.span});
    } else if (index.reason == ir::IndexReason::kDeclared && !index.name.empty() &&
               existing.name.empty()) {
      // `index name "..."` on a reference, or index(company) name "...": names the index
      // schemagen creates anyway.
      const std::string name = index.name;
      for (ir::Index& same : entity.table.indexes) {
        if (SameIndex(same, index)) same.name = name;
      }
    } else if (index.reason == ir::IndexReason::kDeclared) {
      diag_.Warning("W0602", index.span,
                    "this index is already created: schemagen indexes the tenant column and every "
                    "reference");
    }
    return;
  }
  entity.table.indexes.push_back(std::move(index));
}

void Analyzer::AddStandardIndexes(EntityInfo& entity) {
  for (const ir::ForeignKey& fk : entity.table.foreign_keys) {
    const std::string& column = ir::ReferenceColumn(fk);
    // The primary key's index already serves a key that leads it (a 1:1 extension table, the
    // first column of a composite key).
    if (const ir::Column* first = FirstKeyColumn(entity.table);
        first != nullptr && first->name == column) {
      continue;
    }
    const bool tenant = fk.ref_table == schema_.tenant_table && IsTenantScoped(entity) &&
                        entity.table.FindColumn(column)->origin == ir::ColumnOrigin::kTenant;
    ir::Index index;
    index.columns = {{column, false}};
    index.reason = tenant ? ir::IndexReason::kTenant : ir::IndexReason::kForeignKey;
    index.span = fk.span;
    AddIndex(entity, std::move(index));
  }
}

void Analyzer::AddUnique(EntityInfo& entity, std::vector<std::string> columns, std::string where,
                         Span span, UniqueForm form) {
  const std::string explicit_name = form.name != nullptr ? form.name->text : "";
  for (const std::string& column_name : columns) {
    const ir::Column* column = entity.table.FindColumn(column_name);
    if (column != nullptr && column->type.kind == ir::TypeKind::kJson) {
      diag_
          .Error("E0309", span,
                 fmt::format("'{}' is json, which can't be unique", column->attribute))
          .notes.push_back({"json has no equality operator; use jsonb", std::nullopt});
      return;
    }
  }
  if (form.global && IsTenantScoped(entity) && entity.allowed_warnings.count("W0606") == 0) {
    diag_
        .Warning("W0606", span,
                 fmt::format("unique across every {}: one {}'s value blocks every other's, and "
                             "the error a second one gets tells it the value exists elsewhere",
                             schema_.tenant, schema_.tenant))
        .notes.push_back({"written on purpose (a login e-mail, a legacy table)? silence it with "
                          "the entity option allow \"W0606\"; else remove global, and the "
                          "value is unique per tenant",
                          std::nullopt});
  }
  if (IsTenantScoped(entity) && !form.global) {
    const ir::Column* tenant = entity.table.FindTenantColumn();
    if (tenant != nullptr &&
        std::find(columns.begin(), columns.end(), tenant->name) == columns.end()) {
      columns.insert(columns.begin(), tenant->name);  // unique per tenant, never across tenants
    }
  }
  if (entity.table.paranoid) {
    const std::string alive =
        naming::QuoteIdent(entity.table.FindColumnByAttribute("deletedAt")->name) + " IS NULL";
    where = where.empty() ? alive : fmt::format("({}) AND {}", where, alive);
  }
  if (where.empty() && !form.as_index) {
    for (const ir::UniqueConstraint& u : entity.table.uniques) {
      if (u.columns == columns) {
        diag_.Error("E0311", span, "this unique constraint is declared twice")
            .notes.push_back({"first declared here", u.span});
        return;
      }
    }
    entity.table.uniques.push_back({explicit_name, std::move(columns), span});
    return;
  }
  ir::Index index;
  for (std::string& c : columns) index.columns.push_back({std::move(c), false});
  index.unique = true;
  index.where = std::move(where);
  index.reason = ir::IndexReason::kUnique;
  index.span = span;
  index.name = explicit_name;
  AddIndex(entity, std::move(index));
}

void Analyzer::BuildEntityIndexes(EntityInfo& entity) {
  // Field-level `unique` and `index`, in field order.
  for (const ast::Field& field : entity.ast->fields) {
    const std::string attribute =
        field.kind == ast::Field::Kind::kBelongsTo ? field.name.text + "Id" : field.name.text;
    auto it = entity.attributes.find(attribute);
    if (it == entity.attributes.end() ||
        (field.kind != ast::Field::Kind::kColumn && field.kind != ast::Field::Kind::kBelongsTo)) {
      continue;
    }
    const ir::Column column = entity.table.columns[it->second];
    if (column.span != field.name.span) continue;  // the field was rejected
    for (std::size_t i = 0; i < field.options.size(); ++i) {
      const ast::FieldOption& option = field.options[i];
      const ast::Literal* name = NameAfter(field, i);
      if (option.kind == ast::FieldOption::Kind::kUnique) {
        AddUnique(entity, {column.name}, "", option.span, {name, option.global, option.as_index});
      } else if (option.kind == ast::FieldOption::Kind::kIndex) {
        ir::Index index;
        index.columns = {{column.name, false}};
        if (name != nullptr) index.name = name->text;
        index.method = option.index_method ? option.index_method->text : "btree";
        index.span = option.span;
        if (option.index_method) {
          if (std::find(kIndexMethods.begin(), kIndexMethods.end(), index.method) ==
              kIndexMethods.end()) {
            UnknownMethod(*option.index_method);
            continue;
          }
        }
        if (auto problem = MethodProblem(index.method, column)) {
          diag_
              .Error(
                  "E0309", option.span,
                  fmt::format("a {} index can't be built on '{}'", index.method, column.attribute))
              .notes.push_back({*problem, std::nullopt});
          continue;
        }
        AddIndex(entity, std::move(index));
      }
    }
  }
  // Entity-level index(...) and unique(...).
  for (const ast::IndexDecl& decl : entity.ast->indexes) {
    if (decl.primary) continue;  // keys.cpp
    std::vector<ir::IndexColumn> columns;
    bool ok = true;
    for (const ast::IndexColumn& c : decl.columns) {
      auto name = ResolveIndexColumn(entity, c.name);
      if (!name) {
        ok = false;
        continue;
      }
      columns.push_back({*name, c.descending});
    }
    std::string method = decl.method ? decl.method->text : "btree";
    if (decl.method &&
        std::find(kIndexMethods.begin(), kIndexMethods.end(), method) == kIndexMethods.end()) {
      UnknownMethod(*decl.method);
      ok = false;
    }
    if (!ok) continue;
    const bool any_desc =
        std::any_of(columns.begin(), columns.end(), [](const auto& c) { return c.descending; });
    if (any_desc && method != "btree") {
      diag_.Error("E0309", decl.span,
                  fmt::format("a {} index has no column order; desc needs btree", method));
      continue;
    }
    if (decl.unique && method != "btree") {
      diag_.Error("E0309", decl.method->span,
                  fmt::format("a unique index can't use {}: PostgreSQL enforces uniqueness only "
                              "with btree",
                              method));
      continue;
    }
    if (method == "hash" && columns.size() != 1) {
      diag_.Error("E0309", decl.method->span,
                  fmt::format("a hash index covers exactly one column, not {}", columns.size()));
      continue;
    }
    bool method_ok = true;
    for (const ir::IndexColumn& c : columns) {
      const ir::Column& column = *entity.table.FindColumn(c.name);
      if (auto problem = MethodProblem(method, column)) {
        diag_
            .Error("E0309", decl.method ? decl.method->span : decl.span,
                   fmt::format("a {} index can't be built on '{}'", method, column.attribute))
            .notes.push_back({*problem, std::nullopt});
        method_ok = false;
      }
    }
    if (!method_ok) continue;
    if (decl.name && !CheckObjectName(*decl.name, diag_)) continue;
    if (decl.global && !decl.unique) {
      diag_.Error("E0309", decl.span, "global applies to a unique, not to a plain index")
          .notes.push_back(
              {"an index has no uniqueness to scope; write unique(...) global", std::nullopt});
      continue;
    }
    const std::string where = decl.where ? decl.where->text : "";
    if (decl.unique) {
      std::vector<std::string> names;
      for (const ir::IndexColumn& c : columns) names.push_back(c.name);
      AddUnique(entity, std::move(names), where, decl.span,
                {decl.name ? &*decl.name : nullptr, decl.global, decl.as_index});
      continue;
    }
    ir::Index index;
    if (decl.name) index.name = decl.name->text;
    index.columns = std::move(columns);
    index.method = method;
    index.where = where;
    index.span = decl.span;
    AddIndex(entity, std::move(index));
  }
}

void Analyzer::BuildEntityChecks(EntityInfo& entity) {
  for (const ast::CheckDecl& decl : entity.ast->checks) {
    if (decl.check.kind != ast::Check::Kind::kSql) {
      diag_
          .Error("E0308", decl.span,
                 "an entity-level check is a raw SQL expression, like check(sql \"starts_at < "
                 "ends_at\")")
          .notes.push_back(
              {"range, length and match checks go on the field they check", std::nullopt});
      continue;
    }
    if (decl.check.text.find_first_not_of(" \t") == std::string::npos) {
      diag_.Error("E0307", decl.span, "the SQL check expression is empty");
      continue;
    }
    if (decl.name && !CheckObjectName(*decl.name, diag_)) continue;
    ir::Check check;
    check.kind = ir::Check::Kind::kRawSql;
    check.expression = decl.check.text;
    check.span = decl.span;
    if (decl.name) check.name = decl.name->text;
    entity.table.checks.push_back(std::move(check));
  }
}

// PostgreSQL's own limits, checked here so that `check` says what the server would only say
// when the migration runs: 1,600 columns a table (MaxHeapAttributeNumber), 32 columns an index
// key, a unique or a foreign key (INDEX_MAX_KEYS).
void Analyzer::CheckPostgresLimits(const EntityInfo& entity) {
  constexpr std::size_t kMaxColumns = 1600;
  constexpr std::size_t kMaxKeyColumns = 32;
  const ir::Table& table = entity.table;
  if (table.columns.size() > kMaxColumns) {
    diag_
        .Error("E0510", table.span,
               fmt::format("'{}' has {} columns; a PostgreSQL table has at most {}", table.model,
                           table.columns.size(), kMaxColumns))
        .notes.push_back({"split it: move groups of fields into entities of their own, one row "
                          "each (a `<-` one-to-one)",
                          std::nullopt});
  }
  auto key = [&](std::size_t columns, const Span& span, const char* what) {
    if (columns <= kMaxKeyColumns) return;
    diag_.Error("E0511", span,
                fmt::format("{} on '{}' has {} columns; PostgreSQL allows at most {}", what,
                            table.model, columns, kMaxKeyColumns));
  };
  for (const ir::Index& index : table.indexes) key(index.columns.size(), index.span, "an index");
  for (const ir::UniqueConstraint& unique : table.uniques) {
    key(unique.columns.size(), unique.span, "a unique constraint");
  }
}

}  // namespace schemagen::sema
