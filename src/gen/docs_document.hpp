// The schema-change document and MODELS.md as one Document over the IR (docs_generator.cpp
// writes them): its sections in docs_document.cpp (diagram, summary, rollback, performance,
// tenancy, risks), docs_evolution.cpp (an evolution's steps, rollback and risks) and
// docs_tables.cpp (each table's relations, indexes and constraints, and example queries).
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "gen/doc_text.hpp"
#include "gen/markdown.hpp"
#include "gen/templates.hpp"
#include "schemagen/evolve.hpp"
#include "schemagen/generator.hpp"
#include "schemagen/naming.hpp"
#include "schemagen/sql.hpp"

namespace schemagen::docs {

using markdown::Code;
using markdown::InCell;
using markdown::Text;

inline std::string Fmt(const char* pattern, auto&&... args) {
  return fmt::format(fmt::runtime(pattern), std::forward<decltype(args)>(args)...);
}

inline std::string Bullets(const std::vector<std::string>& items, const DocText& t) {
  if (items.empty()) return std::string("_") + t.none + "_";
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "- " : "\n- ") + item;
  return out;
}

inline std::string Table(const std::vector<std::string>& header,
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

inline std::string Columns(const std::vector<std::string>& names) {
  std::vector<std::string> quoted;
  for (const std::string& n : names) quoted.push_back(Code(n));
  return fmt::format("{}", fmt::join(quoted, ", "));
}

inline std::string ColumnDescription(const ir::Schema& schema, const ir::Column& c,
                                     const DocText& t) {
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

inline std::string TableOf(const ir::Schema& schema, const std::string& model) {
  const ir::Table* table = schema.FindTable(model);
  return table != nullptr ? table->name : model;
}

inline bool StartsWith(const std::string& text, std::string_view prefix) {
  return text.rfind(prefix, 0) == 0;
}

// An identifier as sql:: prints it ("order" quoted, tickets bare), back to its name.
inline std::string Unquote(std::string_view ident) {
  if (ident.size() < 2 || ident.front() != '"' || ident.back() != '"') return std::string(ident);
  std::string out;
  for (std::size_t i = 1; i + 1 < ident.size(); ++i) {
    out += ident[i];
    if (ident[i] == '"' && ident[i + 1] == '"') ++i;
  }
  return out;
}

inline const char* SafetyMeaning(evolve::Safety safety, const DocText& t) {
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

inline const char* SafetyMitigation(evolve::Safety safety, const DocText& t) {
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

  TemplateData Labels() const;

  std::string ErDiagram() const;

  std::string ModelSection(const Templates& templates, Diagnostics& diagnostics,
                           const ir::Table& table) const;

  std::string Summary() const;

  std::string MigrationFiles(const sql::Migration& m) const;

  std::string Rollback(const sql::Migration& m) const;

  std::string Performance() const;

  std::string TenantColumnName() const;

  std::string Tenancy() const;

  std::string Risks() const;

  // ---- the latest change of an evolution ------------------------------------------------

  std::string EvolutionSummary() const;

  std::string Altered() const;

  // One item of section 4 per migration, in the order they are applied.
  std::vector<TemplateData> EvolutionMigrations() const;

  // The values reverting a step deletes: its DOWN drops a table or a column. "" when none.
  std::string DroppedData(const evolve::Step& step) const;

  // Whether reverting the step may delete values that exist only since the UP.
  bool DownLosesData(const evolve::Step& step) const;

  // What reverting a step costs, for the rollback table: "" when nothing.
  std::string DownLoss(const evolve::Step& step) const;

  std::string EvolutionRollback() const;

  std::vector<std::vector<std::string>> EvolutionRisks() const;

 private:
  // A tenant-scoped query the index serves: equality on its leading columns, a trailing
  // descending column as ORDER BY, the partial predicate, and soft delete.
  std::string Query(const ir::Table& table, const std::vector<ir::IndexColumn>& columns,
                    const std::string& method, const std::string& where) const;

  std::string Relations(const ir::Table& table) const;

  std::string Indexes(const ir::Table& table) const;

  std::string Constraints(const ir::Table& table) const;

  // The model of a table the change touches; a dropped table's comes from its steps.
  std::string ModelOf(const std::string& table) const;

  std::string StatusOf(const std::string& table) const;

  const ir::Schema& schema_;
  const DocText& t_;
  const Change* change_;
};

}  // namespace schemagen::docs
