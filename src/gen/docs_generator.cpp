// The schema-change document reviewers approve (docs/db/schema-changes-<feature>.md) and
// MODELS.md, the current state of every model. Every fact is computed from the IR and the
// migration's statements; the templates only arrange them. The document describes the latest
// change: the create migration, or an evolution's steps (their classes, reasons, rollback and
// risks) and its migrations; the diagram, performance and tenant checklist stay the whole schema.
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "gen/doc_text.hpp"
#include "gen/markdown.hpp"
#include "gen/templates.hpp"
#include "schemagen/generator.hpp"
#include "schemagen/naming.hpp"
#include "schemagen/sql.hpp"

namespace schemagen {
namespace {

using markdown::Code;
using markdown::InCell;
using markdown::Text;

std::string Fmt(const char* pattern, auto&&... args) {
  return fmt::format(fmt::runtime(pattern), std::forward<decltype(args)>(args)...);
}

std::string Bullets(const std::vector<std::string>& items, const DocText& t) {
  if (items.empty()) return std::string("_") + t.none + "_";
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "- " : "\n- ") + item;
  return out;
}

std::string Table(const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows, const DocText& t) {
  if (rows.empty()) return std::string("_") + t.none + "_";
  auto line = [](const std::vector<std::string>& cells) {
    std::string out = "|";
    for (const std::string& cell : cells) out += " " + InCell(cell) + " |";
    return out;
  };
  std::string out = line(header) + "\n|";
  for (std::size_t i = 0; i < header.size(); ++i) out += " --- |";
  for (const auto& row : rows) out += "\n" + line(row);
  return out;
}

std::string Columns(const std::vector<std::string>& names) {
  std::vector<std::string> quoted;
  for (const std::string& n : names) quoted.push_back(Code(n));
  return fmt::format("{}", fmt::join(quoted, ", "));
}

// The primary key's columns, in table order.
std::vector<std::string> KeyColumns(const ir::Table& table) {
  std::vector<std::string> out;
  for (const ir::Column& c : table.columns) {
    if (c.primary_key) out.push_back(c.name);
  }
  return out;
}

std::string ColumnDescription(const ir::Schema& schema, const ir::Column& c, const DocText& t) {
  if (!c.doc.empty()) return Text(c.doc);
  switch (c.origin) {
    case ir::ColumnOrigin::kId:
      return t.injected_id;
    case ir::ColumnOrigin::kTenant:
      return Fmt(t.injected_tenant, schema.tenant);
    case ir::ColumnOrigin::kCreatedAt:
      return t.injected_created;
    case ir::ColumnOrigin::kUpdatedAt:
      return t.injected_updated;
    case ir::ColumnOrigin::kDeletedAt:
      return t.injected_deleted;
    default:
      return "";
  }
}

std::string TableOf(const ir::Schema& schema, const std::string& model) {
  const ir::Table* table = schema.FindTable(model);
  return table != nullptr ? table->name : model;
}

bool StartsWith(const std::string& text, std::string_view prefix) {
  return text.rfind(prefix, 0) == 0;
}

// An identifier as sql:: prints it ("order" quoted, tickets bare), back to its name.
std::string Unquote(std::string_view ident) {
  if (ident.size() < 2 || ident.front() != '"' || ident.back() != '"') return std::string(ident);
  std::string out;
  for (std::size_t i = 1; i + 1 < ident.size(); ++i) {
    out += ident[i];
    if (ident[i] == '"' && ident[i + 1] == '"') ++i;
  }
  return out;
}

const char* SafetyMeaning(evolve::Safety safety, const DocText& t) {
  switch (safety) {
    case evolve::Safety::kSafe:
      return t.safety_safe;
    case evolve::Safety::kLock:
      return t.safety_lock;
    case evolve::Safety::kDataLossDown:
      return t.safety_data_loss_down;
    case evolve::Safety::kDataLossUp:
      return t.safety_data_loss;
    case evolve::Safety::kIrreversible:
      return t.safety_irreversible;
  }
  return "";
}

const char* SafetyMitigation(evolve::Safety safety, const DocText& t) {
  switch (safety) {
    case evolve::Safety::kLock:
      return t.mitigation_lock;
    case evolve::Safety::kDataLossDown:
      return t.mitigation_data_loss_down;
    case evolve::Safety::kDataLossUp:
      return t.mitigation_data_loss;
    case evolve::Safety::kIrreversible:
      return t.mitigation_irreversible;
    case evolve::Safety::kSafe:
      break;
  }
  return "";
}

constexpr evolve::Safety kSafeties[] = {evolve::Safety::kSafe, evolve::Safety::kLock,
                                        evolve::Safety::kDataLossDown, evolve::Safety::kDataLossUp,
                                        evolve::Safety::kIrreversible};

// The latest change of an evolution: its steps, its migrations, and the tables it touches.
struct Change {
  const std::vector<evolve::Step>& steps;
  const std::vector<sql::Migration>& migrations;
  std::vector<std::string> created;   ///< tables a "create table" step creates, in step order
  std::vector<std::string> existing;  ///< other tables the steps touch, in step order

  Change(const std::vector<evolve::Step>& s, const std::vector<sql::Migration>& m)
      : steps(s), migrations(m) {
    for (const evolve::Step& step : steps) {
      if (StartsWith(step.summary, "create table ") &&
          std::find(created.begin(), created.end(), step.table) == created.end())
        created.push_back(step.table);
    }
    for (const evolve::Step& step : steps) {
      if (!IsCreated(step.table) &&
          std::find(existing.begin(), existing.end(), step.table) == existing.end())
        existing.push_back(step.table);
    }
  }

  bool IsCreated(const std::string& table) const {
    return std::find(created.begin(), created.end(), table) != created.end();
  }
};

class Document {
 public:
  Document(const ir::Schema& schema, const DocText& t, const Change* change = nullptr)
      : schema_(schema), t_(t), change_(change) {}

  TemplateData Labels() const {
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

  std::string ErDiagram() const {
    std::string out = "erDiagram";
    for (const ir::Table& table : schema_.tables) {
      for (const ir::ForeignKey& fk : table.foreign_keys) {
        const std::string& reference = ir::ReferenceColumn(fk);
        const ir::Column* column = table.FindColumn(reference);
        const bool required = column != nullptr && !column->nullable;
        const bool one = std::any_of(table.uniques.begin(), table.uniques.end(),
                                     [&](const auto& u) { return u.columns == fk.columns; });
        out += fmt::format("\n  {} {}--{} {} : {}", markdown::MermaidId(fk.ref_table),
                           required ? "||" : "|o", one ? "o|" : "o{",
                           markdown::MermaidId(table.name), markdown::MermaidLabel(reference));
      }
    }
    for (const ir::Table& table : schema_.tables) {
      // A name Mermaid can't take as an identifier is shown through an alias.
      const std::string id = markdown::MermaidId(table.name);
      out += id == table.name
                 ? fmt::format("\n  {} {{", id)
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

  std::string ModelSection(const Templates& templates, Diagnostics& diagnostics,
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

  std::string Summary() const {
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

  std::string MigrationFiles(const sql::Migration& m) const {
    const std::string base = schema_.migrations_dir + "/" + m.name;
    return Fmt(t_.migration_files, Code(base + ".up.sql"), Code(base + ".down.sql"),
               Code(base + ".ts"));
  }

  std::string Rollback(const sql::Migration& m) const {
    std::vector<std::vector<std::string>> rows;
    std::size_t dropped = 0;
    for (const sql::Statement& s : m.down) {
      const bool drop_table = s.text.rfind("DROP TABLE ", 0) == 0;
      std::string table = drop_table ? s.text.substr(11, s.text.size() - 12) : "";
      if (drop_table) ++dropped;
      rows.push_back(
          {Code(s.text),
           drop_table ? Fmt(t_.drop_table_effect, Code(table)) : t_.drop_constraint_effect,
           drop_table ? Fmt(t_.drop_table_loss, Code(table)) : t_.no});
    }
    const std::string down = schema_.migrations_dir + "/" + m.name + ".down.sql";
    return Fmt(t_.backup_needed, dropped) + "\n\n" + Fmt(t_.rollback_steps, m.name, down) + "\n\n" +
           Table({t_.step, t_.effect, t_.loses_data}, rows, t_);
  }

  std::string Performance() const {
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

  std::string TenantColumnName() const {
    for (const ir::Table& t : schema_.tables) {
      if (const ir::Column* c = t.FindTenantColumn()) return c->name;
    }
    return naming::ToSnakeCase(naming::ToCamelCase(schema_.tenant) + "Id");
  }

  std::string Tenancy() const {
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
                             "FK → " + Code(tenant_table) + " ON DELETE CASCADE", t_.index,
                             "unique", t_.tenancy_references_header, t_.tenancy_rls_header},
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

  std::string Risks() const {
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
        if (!i.where.empty() && i.reason == ir::IndexReason::kDeclared)
          raw.push_back(Code(i.where));
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

  // ---- the latest change of an evolution ------------------------------------------------

  std::string EvolutionSummary() const {
    std::vector<std::string> names;
    for (const sql::Migration& m : change_->migrations) names.push_back(Code(m.name));
    std::string out = schema_.doc.empty() ? "" : Text(schema_.doc) + "\n\n";
    out += Fmt(t_.evolution_summary, change_->steps.size(),
               change_->created.size() + change_->existing.size(), change_->created.size(),
               change_->existing.size(), change_->migrations.size(), fmt::join(names, ", "));
    std::vector<std::vector<std::string>> classes;
    for (evolve::Safety safety : kSafeties) {
      const auto count = std::count_if(change_->steps.begin(), change_->steps.end(),
                                       [&](const evolve::Step& s) { return s.safety == safety; });
      classes.push_back(
          {Code(evolve::SafetyName(safety)), std::to_string(count), SafetyMeaning(safety, t_)});
    }
    std::vector<std::vector<std::string>> tables;
    for (const auto* list : {&change_->created, &change_->existing}) {
      for (const std::string& name : *list) {
        const auto count = std::count_if(change_->steps.begin(), change_->steps.end(),
                                         [&](const evolve::Step& s) { return s.table == name; });
        tables.push_back({Text(ModelOf(name)), name.empty() ? "—" : Code(name), StatusOf(name),
                          std::to_string(count)});
      }
    }
    return out + "\n\n" + Table({t_.safety_class, t_.steps, t_.meaning}, classes, t_) + "\n\n" +
           Table({t_.model, t_.table, t_.status, t_.steps}, tables, t_);
  }

  std::string Altered() const {
    if (change_->existing.empty()) return std::string("_") + t_.evolution_no_alterations + "_";
    std::string out = t_.evolution_altered_intro;
    for (const std::string& name : change_->existing) {
      std::vector<std::vector<std::string>> rows;
      for (const evolve::Step& step : change_->steps) {
        if (step.table != name) continue;
        rows.push_back(
            {Code(step.summary), Code(evolve::SafetyName(step.safety)), Text(step.reason)});
      }
      out += fmt::format("\n\n### {} ({}, {})\n\n", ModelOf(name), name.empty() ? "—" : Code(name),
                         StatusOf(name)) +
             Table({t_.change, t_.safety_class, t_.reason}, rows, t_);
    }
    return out;
  }

  // One item of section 4 per migration, in the order they are applied.
  std::vector<TemplateData> EvolutionMigrations() const {
    std::vector<TemplateData> items;
    std::size_t number = 0;
    for (const sql::Migration& m : change_->migrations) {
      const std::string base = schema_.migrations_dir + "/" + m.name;
      std::string files = number == 0 ? std::string(t_.evolution_migrations_intro) + "\n\n" : "";
      files += fmt::format("### {}. {}\n\n", ++number, Code(m.name));
      files += Fmt(t_.evolution_migration_files, Code(base + ".up.sql"), Code(base + ".down.sql"),
                   Code(base + ".ts"));
      files += "\n\n" + (m.transactional
                             ? std::string(t_.runs_in_transaction)
                             : Fmt(t_.runs_outside_transaction, Code(sql::kNoTransactionMarker)));
      TemplateData item;
      item.set("files", files);
      item.set("up_heading", "#### UP");
      item.set("up_block", markdown::CodeBlock("sql", sql::UpFile(schema_, m)));
      item.set("down_heading", "#### DOWN");
      item.set("down_block", markdown::CodeBlock("sql", sql::DownFile(schema_, m)));
      items.push_back(std::move(item));
    }
    return items;
  }

  // The values reverting a step deletes: its DOWN drops a table or a column. "" when none.
  std::string DroppedData(const evolve::Step& step) const {
    std::vector<std::string> lost;
    for (const auto* statements : {&step.down_online, &step.down}) {
      for (const sql::Statement& s : *statements) {
        std::string text = s.text;
        if (!text.empty() && text.back() == ';') text.pop_back();
        const std::size_t column = text.find(" DROP COLUMN ");
        if (StartsWith(text, "DROP TABLE ")) {
          lost.push_back(Fmt(t_.drop_table_loss, Code(Unquote(text.substr(11)))));
        } else if (StartsWith(text, "ALTER TABLE ") && column != std::string::npos) {
          const std::string name = Unquote(text.substr(column + 13));
          lost.push_back(Fmt(t_.down_loses_column, Code(step.table + "." + name)));
        }
      }
    }
    return fmt::format("{}", fmt::join(lost, "; "));
  }

  // Whether reverting the step may delete values that exist only since the UP.
  bool DownLosesData(const evolve::Step& step) const {
    return step.safety == evolve::Safety::kDataLossDown || !DroppedData(step).empty();
  }

  // What reverting a step costs, for the rollback table: "" when nothing.
  std::string DownLoss(const evolve::Step& step) const {
    std::vector<std::string> parts;
    switch (step.safety) {
      case evolve::Safety::kDataLossDown:
        parts.push_back(Fmt(t_.down_may_lose, Text(step.reason)));
        break;
      case evolve::Safety::kDataLossUp:
        parts.push_back(Fmt(t_.down_not_restored, Text(step.reason)));
        break;
      case evolve::Safety::kIrreversible:
        parts.push_back(Fmt(t_.down_may_fail, Text(step.reason)));
        break;
      default:
        break;
    }
    if (std::string dropped = DroppedData(step); !dropped.empty())
      parts.push_back(std::move(dropped));
    return fmt::format("{}", fmt::join(parts, "; "));
  }

  std::string EvolutionRollback() const {
    std::vector<std::vector<std::string>> rows;
    std::size_t losing = 0;
    for (auto it = change_->steps.rbegin(); it != change_->steps.rend(); ++it) {
      if (it->down.empty() && it->down_online.empty()) continue;
      std::string loss = DownLoss(*it);
      if (DownLosesData(*it)) ++losing;
      rows.push_back({Code(it->summary), Code(evolve::SafetyName(it->safety)),
                      loss.empty() ? std::string(t_.no) : std::move(loss)});
    }
    std::string steps = t_.evolution_rollback_intro;
    std::size_t number = 1;
    for (auto it = change_->migrations.rbegin(); it != change_->migrations.rend(); ++it) {
      const std::string down = schema_.migrations_dir + "/" + it->name + ".down.sql";
      steps +=
          "\n" + Fmt(it->transactional ? t_.evolution_undo_transactional : t_.evolution_undo_online,
                     ++number, it->name, down);
    }
    steps += "\n" + Fmt(t_.evolution_rollback_check, ++number);
    return (losing > 0 ? Fmt(t_.evolution_backup_needed, losing)
                       : std::string(t_.evolution_backup_not_needed)) +
           "\n\n" + steps + "\n\n" + Table({t_.step, t_.safety_class, t_.down_loses}, rows, t_);
  }

  std::vector<std::vector<std::string>> EvolutionRisks() const {
    std::vector<std::vector<std::string>> rows;
    std::size_t losing = 0;
    for (const evolve::Step& step : change_->steps) {
      if (DownLosesData(step)) ++losing;
      if (step.safety == evolve::Safety::kSafe) continue;
      rows.push_back({fmt::format("{} ({}): {}", Code(step.summary),
                                  Code(evolve::SafetyName(step.safety)), Text(step.reason)),
                      step.advice.empty() ? std::string(SafetyMitigation(step.safety, t_))
                                          : Text(step.advice)});
    }
    if (losing > 0) {
      rows.push_back({Fmt(t_.risk_rollback_loss_steps, losing), t_.mitigation_rollback_loss});
    }
    std::vector<std::string> altered;
    for (const std::string& name : change_->existing) {
      const bool alters =
          std::any_of(change_->steps.begin(), change_->steps.end(), [&](const evolve::Step& step) {
            if (step.table != name) return false;
            for (const auto* statements : {&step.up, &step.up_online}) {
              for (const sql::Statement& s : *statements) {
                if (StartsWith(s.text, "ALTER TABLE ")) return true;
              }
            }
            return false;
          });
      if (alters) altered.push_back(Code(name));
    }
    if (!altered.empty()) {
      rows.push_back(
          {Fmt(t_.risk_alter_locks, fmt::join(altered, ", ")), t_.mitigation_alter_locks});
    }
    return rows;
  }

 private:
  // A tenant-scoped query the index serves: equality on its leading columns, a trailing
  // descending column as ORDER BY, the partial predicate, and soft delete.
  std::string Query(const ir::Table& table, const std::vector<ir::IndexColumn>& columns,
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
      for (const std::string& c : KeyColumns(table)) key.push_back(naming::QuoteIdent(c) + " DESC");
      if (!key.empty()) order = fmt::format(" ORDER BY {} LIMIT 50", fmt::join(key, ", "));
    }
    return fmt::format("SELECT * FROM {} WHERE {}{}", naming::QuoteIdent(table.name),
                       fmt::join(conditions, " AND "), order);
  }

  std::string Relations(const ir::Table& table) const {
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
            if (c == nullptr || fk.columns.size() < 2 || ir::ReferenceColumn(fk) != c->name)
              continue;
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

  std::string Indexes(const ir::Table& table) const {
    std::vector<std::vector<std::string>> rows;
    rows.push_back({Code(table.primary_key_name), Columns(KeyColumns(table)), t_.kind_primary_key,
                    t_.reason_primary_key});
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
      if (!i.where.empty())
        kind += fmt::format(", {} {}", t_.kind_partial, Code("WHERE " + i.where));
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

  std::string Constraints(const ir::Table& table) const {
    std::vector<std::string> out;
    std::vector<std::string> not_null;
    for (const ir::Column& c : table.columns) {
      if (!c.nullable) not_null.push_back(c.name);
    }
    out.push_back(fmt::format("NOT NULL: {}", Columns(not_null)));
    out.push_back(fmt::format("PRIMARY KEY {}: {}", Code(table.primary_key_name),
                              Columns(KeyColumns(table))));
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

  // The model of a table the change touches; a dropped table's comes from its steps.
  std::string ModelOf(const std::string& table) const {
    if (const ir::Table* t = schema_.FindTableByName(table)) return t->model;
    for (const evolve::Step& step : change_->steps) {
      if (step.table == table && !step.subject.empty())
        return step.subject.substr(0, step.subject.find('.'));
    }
    return table;
  }

  std::string StatusOf(const std::string& table) const {
    if (change_->IsCreated(table)) return t_.table_created;
    return schema_.FindTableByName(table) != nullptr ? t_.table_altered : t_.table_dropped;
  }

  const ir::Schema& schema_;
  const DocText& t_;
  const Change* change_;
};

class DocsGenerator final : public Generator {
 public:
  std::string_view name() const override { return "docs"; }

  void Generate(const ir::Schema& schema, const GenerationContext& context,
                OutputSink& sink) const override {
    const DocText& t = TextFor(context.options.doc_lang);
    // An evolution's document describes its latest change; otherwise the create migration.
    std::optional<Change> change;
    if (context.migrations.evolution)
      change.emplace(context.migrations.latest, context.migrations.latest_migrations);
    const Document doc(schema, t, change ? &*change : nullptr);
    // Every model's section, for MODELS.md; the schema-change document lists the new ones:
    // all of them for the create migration (then the same list serves both documents, moved
    // from one to the other, not copied: at 10,000 models it is 70 MB of text).
    std::vector<TemplateData> sections;
    std::vector<TemplateData> new_sections;
    for (const ir::Table& table : schema.tables) {
      TemplateData item;
      item.set("section", doc.ModelSection(context.templates, context.diagnostics, table));
      if (change && change->IsCreated(table.name)) new_sections.push_back(item);
      sections.push_back(std::move(item));
    }
    const std::string header = fmt::format(
        "Generated by schemagen from {}. Do not edit: change the schema and regenerate.",
        markdown::InHtmlComment(schema.source));
    TemplateData data;
    data.set("header", header);
    data.set("t", doc.Labels());
    data.set("feature", Text(schema.feature));
    const std::string er_diagram = doc.ErDiagram();
    data.set("er_diagram", er_diagram);
    data.set("summary", doc.Summary());
    if (change && new_sections.empty()) {
      TemplateData none;  // rendered like a model's section: the text, then a blank line
      none.set("section", std::string("_") + t.evolution_no_new_models + "_\n");
      new_sections.push_back(std::move(none));
    }
    Set(data, "models", List(change ? std::move(new_sections) : std::move(sections)));
    std::vector<TemplateData> migrations;
    if (change) {
      data.set("altered", doc.Altered());
      migrations = doc.EvolutionMigrations();
      data.set("rollback", doc.EvolutionRollback());
    } else {
      // The create migration: the run's own when it has one (planned once, for the SQL too).
      const std::vector<sql::Migration>& latest = context.migrations.latest_migrations;
      std::optional<sql::Migration> computed;
      const sql::Migration& m =
          latest.size() == 1 ? latest.front() : computed.emplace(sql::CreateMigration(schema));
      TemplateData item;
      item.set("files", doc.MigrationFiles(m));
      item.set("up_heading", "### UP");
      item.set("up_block", markdown::CodeBlock("sql", sql::UpFile(schema, m)));
      item.set("down_heading", "### DOWN");
      item.set("down_block", markdown::CodeBlock("sql", sql::DownFile(schema, m)));
      migrations.push_back(std::move(item));
      data.set("altered", std::string("_") + t.no_alterations + "_");
      data.set("rollback", doc.Rollback(m));
    }
    Set(data, "migration_list", List(std::move(migrations)));
    data.set("performance", doc.Performance());
    data.set("tenancy", doc.Tenancy());
    data.set("risks", doc.Risks());
    if (auto text =
            context.templates.Render("schema-changes.md.mustache", data, context.diagnostics)) {
      sink.Write(schema.docs_dir + "/schema-changes-" + sql::Slug(schema.feature) + ".md",
                 std::move(*text));
    }
    TemplateData models;
    models.set("header", header);
    models.set("t", doc.Labels());
    models.set("intro", Fmt(t.models_intro, schema.tables.size()));
    models.set("er_diagram", er_diagram);
    Set(models, "models", change ? List(std::move(sections)) : Take(data, "models"));
    if (auto text = context.templates.Render("models.md.mustache", models, context.diagnostics)) {
      sink.Write("docs/backend/MODELS.md", std::move(*text));
    }
  }
};

}  // namespace

std::unique_ptr<Generator> MakeDocsGenerator() { return std::make_unique<DocsGenerator>(); }

}  // namespace schemagen
