// Each table's relations, indexes and constraints, and the queries its indexes serve.
#include "gen/docs_document.hpp"

namespace schemagen::docs {

std::string Document::Query(const ir::Table& table, const std::vector<ir::IndexColumn>& columns,
                            const std::string& method, const std::string& where) const {
  std::vector<std::string> conditions;
  int parameter = 0;
  const ir::Column* tenant = table.FindTenantColumn();
  if (tenant != nullptr)
    conditions.push_back(fmt::format("{} = ${}", naming::QuoteIdent(tenant->name), ++parameter));
  std::string order;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const std::string col = naming::QuoteIdent(columns[i].name);
    if (tenant != nullptr && columns[i].name == tenant->name) continue;
    if (columns[i].descending && i + 1 == columns.size()) {
      order = " ORDER BY " + col + " DESC";
    } else if (method == "gin") {
      conditions.push_back(fmt::format("{} @> ${}", col, ++parameter));
    } else {
      conditions.push_back(fmt::format("{} = ${}", col, ++parameter));
    }
  }
  if (!where.empty()) conditions.push_back("(" + where + ")");
  const ir::Column* deleted = table.FindColumnByAttribute("deletedAt");
  if (table.paranoid && deleted != nullptr &&
      where.find(naming::QuoteIdent(deleted->name) + " IS NULL") == std::string::npos) {
    conditions.push_back(naming::QuoteIdent(deleted->name) + " IS NULL");
  }
  if (order.empty() && columns.size() == 1 && tenant != nullptr &&
      columns[0].name == tenant->name) {
    std::vector<std::string> key;
    for (const std::string& c : table.KeyColumnNames())
      key.push_back(naming::QuoteIdent(c) + " DESC");
    if (!key.empty()) order = fmt::format(" ORDER BY {} LIMIT 50", fmt::join(key, ", "));
  }
  return fmt::format("SELECT * FROM {} WHERE {}{}", naming::QuoteIdent(table.name),
                     fmt::join(conditions, " AND "), order);
}

std::string Document::Relations(const ir::Table& table) const {
  std::vector<std::string> out;
  for (const ir::Relation& r : table.relations) {
    const std::string target = TableOf(schema_, r.target);
    switch (r.kind) {
      case ir::Relation::Kind::kBelongsTo: {
        const ir::Column* c = table.FindColumnByAttribute(r.foreign_key);
        std::string line =
            fmt::format("`belongsTo` **{}** ({}): {} → {}, ON DELETE {}, ON UPDATE {}", r.target,
                        Code(r.name), Code(c ? c->name : r.foreign_key), Code(target + ".id"),
                        ir::ActionSql(r.on_delete), ir::ActionSql(r.on_update));
        for (const ir::ForeignKey& fk : table.foreign_keys) {
          if (c == nullptr || fk.columns.size() < 2 || ir::ReferenceColumn(fk) != c->name) continue;
          line +=
              "; " +
              Fmt(t_.relation_same_tenant, Code(fmt::format("({})", fmt::join(fk.columns, ", "))),
                  Code(fmt::format("{} ({})", fk.ref_table, fmt::join(fk.ref_columns, ", "))));
        }
        out.push_back(std::move(line));
        break;
      }
      case ir::Relation::Kind::kHasMany:
      case ir::Relation::Kind::kHasOne: {
        const ir::Table* t = schema_.FindTable(r.target);
        const ir::Column* c = t ? t->FindColumnByAttribute(r.foreign_key) : nullptr;
        out.push_back(fmt::format("`{}` **{}** ({}) {} {}, ON DELETE {}",
                                  r.kind == ir::Relation::Kind::kHasMany ? "hasMany" : "hasOne",
                                  r.target, Code(r.name), t_.via,
                                  Code(target + "." + (c ? c->name : r.foreign_key)),
                                  ir::ActionSql(r.on_delete)));
        break;
      }
      case ir::Relation::Kind::kBelongsToMany: {
        const ir::Table* j = schema_.FindTable(r.through);
        auto col = [&](const std::string& attr) {
          const ir::Column* c = j ? j->FindColumnByAttribute(attr) : nullptr;
          return Code((j ? j->name : r.through) + "." + (c ? c->name : attr));
        };
        out.push_back(fmt::format("`belongsToMany` **{}** ({}) {} **{}** ({}, {})", r.target,
                                  Code(r.name), t_.through, r.through, col(r.foreign_key),
                                  col(r.other_key)));
        break;
      }
    }
  }
  return Bullets(out, t_);
}

std::string Document::Indexes(const ir::Table& table) const {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({Code(table.primary_key_name), Columns(table.KeyColumnNames()),
                  t_.kind_primary_key, t_.reason_primary_key});
  const ir::Column* tenant = table.FindTenantColumn();
  for (const ir::UniqueConstraint& u : table.uniques) {
    const bool scoped = tenant != nullptr && std::find(u.columns.begin(), u.columns.end(),
                                                       tenant->name) != u.columns.end();
    const bool target =
        tenant != nullptr && u.columns == std::vector<std::string>{tenant->name, "id"};
    rows.push_back({Code(u.name), Columns(u.columns), t_.kind_unique_constraint,
                    target   ? Fmt(t_.reason_same_tenant_target, Code(tenant->name))
                    : scoped ? t_.reason_unique_tenant
                             : t_.reason_unique});
  }
  for (const ir::Index& i : table.indexes) {
    std::vector<std::string> cols;
    for (const ir::IndexColumn& c : i.columns)
      cols.push_back(c.name + (c.descending ? " DESC" : ""));
    std::string kind = i.method + (i.unique ? ", unique" : "");
    if (!i.where.empty()) kind += fmt::format(", {} {}", t_.kind_partial, Code("WHERE " + i.where));
    std::string reason;
    switch (i.reason) {
      case ir::IndexReason::kTenant:
        reason = Fmt(t_.reason_tenant, Code(i.columns[0].name));
        break;
      case ir::IndexReason::kForeignKey:
        reason = Fmt(t_.reason_foreign_key, Code(i.columns[0].name));
        break;
      case ir::IndexReason::kUnique:
        if (tenant != nullptr) {
          reason = table.paranoid ? t_.reason_unique_soft : t_.reason_unique_tenant;
        } else {
          reason = table.paranoid ? t_.reason_unique_soft_global : t_.reason_unique;
        }
        break;
      case ir::IndexReason::kDeclared:
        reason = t_.reason_declared;
        break;
    }
    rows.push_back({Code(i.name), Columns(cols), kind, reason});
  }
  return Table({t_.name, t_.columns, t_.kind, t_.reason}, rows, t_);
}

std::string Document::Constraints(const ir::Table& table) const {
  std::vector<std::string> out;
  std::vector<std::string> not_null;
  for (const ir::Column& c : table.columns) {
    if (!c.nullable) not_null.push_back(c.name);
  }
  out.push_back(fmt::format("NOT NULL: {}", Columns(not_null)));
  out.push_back(fmt::format("PRIMARY KEY {}: {}", Code(table.primary_key_name),
                            Columns(table.KeyColumnNames())));
  for (const ir::ForeignKey& fk : table.foreign_keys) {
    out.push_back(fmt::format("FOREIGN KEY {}: {} → {}", Code(fk.name), Columns(fk.columns),
                              Code(fk.ref_table + "." + fk.ref_columns.back())));
  }
  for (const ir::UniqueConstraint& u : table.uniques) {
    out.push_back(fmt::format("UNIQUE {}: {}", Code(u.name), Columns(u.columns)));
  }
  for (const ir::Check& c : table.checks) {
    out.push_back(fmt::format("CHECK {}: {}", Code(c.name), Code(c.expression)));
  }
  return Bullets(out, t_);
}

std::string Document::ModelOf(const std::string& table) const {
  if (const ir::Table* t = schema_.FindTableByName(table)) return t->model;
  for (const evolve::Step& step : change_->steps) {
    if (step.table == table && !step.subject.empty())
      return step.subject.substr(0, step.subject.find('.'));
  }
  return table;
}

std::string Document::StatusOf(const std::string& table) const {
  if (change_->IsCreated(table)) return t_.table_created;
  return schema_.FindTableByName(table) != nullptr ? t_.table_altered : t_.table_dropped;
}

}  // namespace schemagen::docs
