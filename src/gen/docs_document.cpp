// The document's sections over the whole schema: labels, the ER diagram, the model sections,
// the summary, rollback, performance, the tenant checklist and the risks.
#include "gen/docs_document.hpp"

namespace schemagen::docs {

TemplateData Document::Labels() const {
  TemplateData l;
  const std::pair<const char*, const char*> labels[] = {{"title", t_.title},
                                                        {"models_title", t_.models_title},
                                                        {"summary", t_.summary},
                                                        {"new_models", t_.new_models},
                                                        {"altered_models", t_.altered_models},
                                                        {"migrations", t_.migrations},
                                                        {"rollback", t_.rollback},
                                                        {"performance", t_.performance},
                                                        {"tenancy", t_.tenancy},
                                                        {"risks", t_.risks},
                                                        {"column", t_.column},
                                                        {"type", t_.type},
                                                        {"nullable", t_.nullable},
                                                        {"default", t_.default_value},
                                                        {"description", t_.description},
                                                        {"relations", t_.relations},
                                                        {"indexes", t_.indexes},
                                                        {"constraints", t_.constraints}};
  for (const auto& [key, value] : labels) l.set(key, value);
  return l;
}

std::string Document::ErDiagram() const {
  std::string out = "erDiagram";
  for (const ir::Table& table : schema_.tables) {
    for (const ir::ForeignKey& fk : table.foreign_keys) {
      const std::string& reference = ir::ReferenceColumn(fk);
      const ir::Column* column = table.FindColumn(reference);
      const bool required = column != nullptr && !column->nullable;
      const bool one = std::any_of(table.uniques.begin(), table.uniques.end(),
                                   [&](const auto& u) { return u.columns == fk.columns; });
      out += fmt::format("\n  {} {}--{} {} : {}", markdown::MermaidId(fk.ref_table),
                         required ? "||" : "|o", one ? "o|" : "o{", markdown::MermaidId(table.name),
                         markdown::MermaidLabel(reference));
    }
  }
  for (const ir::Table& table : schema_.tables) {
    // A name Mermaid can't take as an identifier is shown through an alias.
    const std::string id = markdown::MermaidId(table.name);
    out += id == table.name ? fmt::format("\n  {} {{", id)
                            : fmt::format("\n  {}[{}] {{", id, markdown::MermaidLabel(table.name));
    for (const ir::Column& c : table.columns) {
      std::string type = sql::ColumnType(c);
      type = type.substr(0, type.find('('));
      std::replace(type.begin(), type.end(), ' ', '_');  // "double precision"
      std::string keys;
      if (c.primary_key) keys = " PK";
      for (const ir::ForeignKey& fk : table.foreign_keys) {
        if (ir::ReferenceColumn(fk) == c.name) keys = keys.empty() ? " FK" : keys + ", FK";
      }
      out += fmt::format("\n    {} {}{}", type, markdown::MermaidId(c.name), keys);
      if (!c.doc.empty()) out += " " + markdown::MermaidLabel(markdown::FirstLine(c.doc));
    }
    out += "\n  }";
  }
  return out;
}

std::string Document::ModelSection(const Templates& templates, Diagnostics& diagnostics,
                                   const ir::Table& table) const {
  TemplateData data;
  data.set("t", Labels());
  data.set("model", table.model);
  data.set("table", Code(table.name));
  data.set("description", table.doc.empty() ? std::string("_") + t_.none + "_" : Text(table.doc));
  std::vector<TemplateData> columns;
  for (const ir::Column& c : table.columns) {
    TemplateData row;
    row.set("name", InCell(Code(c.name)));
    row.set("type", InCell(Code(sql::ColumnType(c))));
    row.set("nullable", c.nullable ? t_.yes : t_.no);
    row.set("default", c.default_value ? InCell(Code(sql::DefaultExpression(c, true))) : "—");
    row.set("description", InCell(ColumnDescription(schema_, c, t_)));
    columns.push_back(std::move(row));
  }
  Set(data, "columns", List(std::move(columns)));
  data.set("relations", Relations(table));
  data.set("indexes", Indexes(table));
  data.set("constraints", Constraints(table));
  return templates.Render("model-section.md.mustache", data, diagnostics).value_or("");
}

std::string Document::Summary() const {
  if (change_ != nullptr) return EvolutionSummary();
  std::size_t columns = 0, indexes = 0, fks = 0, uniques = 0, checks = 0;
  std::vector<std::vector<std::string>> rows;
  for (const ir::Table& table : schema_.tables) {
    columns += table.columns.size();
    indexes += table.indexes.size();
    fks += table.foreign_keys.size();
    uniques += table.uniques.size();
    checks += table.checks.size();
    rows.push_back({table.model, Code(table.name), Text(markdown::FirstLine(table.doc))});
  }
  const std::size_t pks = schema_.tables.size();
  std::string out = schema_.doc.empty() ? "" : Text(schema_.doc) + "\n\n";
  out += Fmt(t_.created_summary, schema_.tables.size(), columns, indexes,
             pks + fks + uniques + checks, pks, fks, uniques, checks);
  return out + "\n\n" + Table({t_.model, t_.table, t_.description}, rows, t_);
}

std::string Document::MigrationFiles(const sql::Migration& m) const {
  const std::string base = schema_.migrations_dir + "/" + m.name;
  return Fmt(t_.migration_files, Code(base + ".up.sql"), Code(base + ".down.sql"),
             Code(base + ".ts"));
}

std::string Document::Rollback(const sql::Migration& m) const {
  std::vector<std::vector<std::string>> rows;
  std::size_t dropped = 0;
  for (const sql::Statement& s : m.down) {
    const bool drop_table = s.text.rfind("DROP TABLE ", 0) == 0;
    std::string table = drop_table ? s.text.substr(11, s.text.size() - 12) : "";
    if (drop_table) ++dropped;
    rows.push_back({Code(s.text),
                    drop_table ? Fmt(t_.drop_table_effect, Code(table)) : t_.drop_constraint_effect,
                    drop_table ? Fmt(t_.drop_table_loss, Code(table)) : t_.no});
  }
  const std::string down = schema_.migrations_dir + "/" + m.name + ".down.sql";
  return Fmt(t_.backup_needed, dropped) + "\n\n" + Fmt(t_.rollback_steps, m.name, down) + "\n\n" +
         Table({t_.step, t_.effect, t_.loses_data}, rows, t_);
}

std::string Document::Performance() const {
  std::string out;
  for (const ir::Table& table : schema_.tables) {
    std::vector<std::vector<std::string>> rows;
    for (const ir::UniqueConstraint& u : table.uniques) {
      std::vector<ir::IndexColumn> cols;
      for (const std::string& c : u.columns) cols.push_back({c, false});
      rows.push_back({Code(Query(table, cols, "btree", "")), Code(u.name)});
    }
    for (const ir::Index& index : table.indexes) {
      rows.push_back(
          {Code(Query(table, index.columns, index.method, index.where)), Code(index.name)});
    }
    out += (out.empty() ? "" : "\n\n") + fmt::format("**{}**\n\n", Code(table.name)) +
           Table({t_.query, t_.index}, rows, t_);
  }
  return out;
}

std::string Document::TenantColumnName() const {
  for (const ir::Table& t : schema_.tables) {
    if (const ir::Column* c = t.FindTenantColumn()) return c->name;
  }
  return naming::ToSnakeCase(naming::ToCamelCase(schema_.tenant) + "Id");
}

std::string Document::Tenancy() const {
  const std::string tenant_table = schema_.tenant_table;
  std::vector<std::vector<std::string>> rows;
  bool all_pass = true;
  std::size_t tenant_tables = 0;
  for (const ir::Table& table : schema_.tables) {
    const ir::Column* tenant = table.FindTenantColumn();
    if (table.global || tenant == nullptr) continue;
    ++tenant_tables;
    const bool not_null = !tenant->nullable;
    const bool fk =
        std::any_of(table.foreign_keys.begin(), table.foreign_keys.end(), [&](const auto& f) {
          return f.columns == std::vector<std::string>{tenant->name} &&
                 f.ref_table == tenant_table && f.on_delete == ir::Action::kCascade;
        });
    const ir::Index* index = nullptr;
    for (const ir::Index& i : table.indexes) {
      if (index == nullptr && !i.columns.empty() && i.columns[0].name == tenant->name &&
          i.where.empty())
        index = &i;
    }
    std::size_t uniques = 0;
    bool scoped = true;
    auto has_tenant = [&](const std::vector<std::string>& cols) {
      return std::find(cols.begin(), cols.end(), tenant->name) != cols.end();
    };
    for (const ir::UniqueConstraint& u : table.uniques) {
      ++uniques;
      scoped = scoped && has_tenant(u.columns);
    }
    for (const ir::Index& i : table.indexes) {
      if (!i.unique) continue;
      ++uniques;
      std::vector<std::string> cols;
      for (const ir::IndexColumn& c : i.columns) cols.push_back(c.name);
      scoped = scoped && has_tenant(cols);
    }
    // References to other tenant tables, and how many are same-tenant keys.
    std::size_t references = 0;
    std::size_t same_tenant = 0;
    for (const ir::ForeignKey& f : table.foreign_keys) {
      const ir::Table* target = schema_.FindTableByName(f.ref_table);
      if (target == nullptr || target->global || target->FindTenantColumn() == nullptr) continue;
      ++references;
      same_tenant += ir::IsSameTenantKey(f, tenant->name) ? 1 : 0;
    }
    const bool rls = table.row_security && table.force_row_security && !table.policies.empty();
    all_pass = all_pass && not_null && fk && index != nullptr && scoped &&
               (!schema_.same_tenant_references || same_tenant == references) &&
               (!schema_.row_level_security || rls);
    auto mark = [](bool ok) { return ok ? "✅" : "❌"; };
    // "—" where a protection is off by choice, "❌" where it is on but missing.
    std::string references_cell = "— (0)";
    if (references > 0) {
      references_cell = fmt::format(
          "{} ({}/{})", schema_.same_tenant_references ? mark(same_tenant == references) : "—",
          same_tenant, references);
    }
    std::string rls_cell = schema_.row_level_security ? mark(rls) : "—";
    if (rls) rls_cell += " " + Code(table.policies.front().name);
    rows.push_back({Code(table.name), mark(not_null), mark(fk),
                    std::string(mark(index != nullptr)) + (index ? " " + Code(index->name) : ""),
                    uniques == 0 ? "— (0)" : fmt::format("{} ({})", mark(scoped), uniques),
                    references_cell, rls_cell});
  }
  const std::string col = naming::ToCamelCase(schema_.tenant) + "Id";
  std::string out = Fmt(t_.tenancy_intro, Code(tenant_table)) + "\n\n" +
                    Table({t_.table, Code(col) + " " + t_.not_null,
                           "FK → " + Code(tenant_table) + " ON DELETE CASCADE", t_.index, "unique",
                           t_.tenancy_references_header, t_.tenancy_rls_header},
                          rows, t_) +
                    "\n\n" +
                    (all_pass ? Fmt(t_.tenancy_all_pass, tenant_tables) : t_.tenancy_failures);
  out += "\n\n" + Fmt(schema_.same_tenant_references ? t_.tenancy_same_tenant_on
                                                     : t_.tenancy_same_tenant_off,
                      TenantColumnName());
  out += "\n\n" + (schema_.row_level_security ? Fmt(t_.tenancy_rls_on, schema_.tenant_setting)
                                              : std::string(t_.tenancy_rls_off));
  std::vector<std::string> globals;
  for (const ir::Table& table : schema_.tables) {
    if (!table.global) continue;
    globals.push_back(fmt::format("{} ({}): {}", table.model, Code(table.name),
                                  table.model == schema_.tenant
                                      ? Fmt(t_.global_tenant_root, schema_.tenant)
                                      : t_.global_declared));
  }
  return out + "\n\n" + t_.tenancy_globals + "\n\n" + Bullets(globals, t_);
}

std::string Document::Risks() const {
  std::vector<std::vector<std::string>> rows;
  if (change_ != nullptr) {
    rows = EvolutionRisks();
  } else {
    rows.push_back(
        {Fmt(t_.risk_rollback_loss, schema_.tables.size()), t_.mitigation_rollback_loss});
    rows.push_back({t_.risk_no_locks, t_.mitigation_no_locks});
  }
  // The rows about the tables this change creates: every table, or an evolution's new ones.
  auto in_change = [&](const ir::Table& table) {
    return change_ == nullptr || change_->IsCreated(table.name);
  };
  for (const ir::Table& table : schema_.tables) {
    if (!in_change(table)) continue;
    for (const ir::ForeignKey& fk : table.foreign_keys) {
      if (fk.deferred)
        rows.push_back(
            {Fmt(t_.risk_cycle, Code(table.name), Code(fk.ref_table)), t_.mitigation_cycle});
    }
  }
  std::vector<std::string> raw;
  for (const ir::Table& table : schema_.tables) {
    if (!in_change(table)) continue;
    for (const ir::Check& c : table.checks) {
      if (c.kind == ir::Check::Kind::kRawSql) raw.push_back(Code(c.expression));
    }
    for (const ir::Index& i : table.indexes) {
      if (!i.where.empty() && i.reason == ir::IndexReason::kDeclared) raw.push_back(Code(i.where));
    }
  }
  if (!raw.empty()) {
    rows.push_back({Fmt(t_.risk_raw_sql, fmt::join(raw, ", ")), t_.mitigation_raw_sql});
  }
  std::size_t tenant_tables = 0;
  bool new_tenant_tables = false;
  for (const ir::Table& table : schema_.tables) {
    tenant_tables += table.FindTenantColumn() != nullptr ? 1 : 0;
    new_tenant_tables =
        new_tenant_tables || (table.FindTenantColumn() != nullptr && in_change(table));
  }
  if (const ir::Table* tenant = schema_.FindTable(schema_.tenant);
      tenant != nullptr && new_tenant_tables) {
    rows.push_back({Fmt(t_.risk_tenant_cascade, Code(tenant->name), tenant_tables),
                    tenant->paranoid
                        ? Fmt(t_.mitigation_tenant_cascade_paranoid, Code(tenant->name))
                        : Fmt(t_.mitigation_tenant_cascade_hard, Code(tenant->name))});
  }
  const bool enum_checks =
      std::any_of(schema_.tables.begin(), schema_.tables.end(), [&](const ir::Table& table) {
        return in_change(table) &&
               std::any_of(table.checks.begin(), table.checks.end(),
                           [](const ir::Check& c) { return c.kind == ir::Check::Kind::kEnum; });
      });
  if (!schema_.enums.empty() && (change_ == nullptr || enum_checks)) {
    rows.push_back({Fmt(t_.risk_enum_checks, schema_.enums.size()), t_.mitigation_enum_checks});
  }
  return Table({t_.risk, t_.mitigation}, rows, t_);
}

}  // namespace schemagen::docs
