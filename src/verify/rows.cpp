#include "verify/rows.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <nlohmann/json.hpp>

#include "schemagen/naming.hpp"
#include "verify/values.hpp"

namespace schemagen::verify {
namespace {

// Rows of earlier migrations stay in the scratch database while later ones write theirs, with
// RowMakers of their own: key values are drawn from one sequence for the whole run.
int NextKeyVariant() {
  static std::atomic<int> next{1};
  return next.fetch_add(1);
}

}  // namespace

using naming::QuoteIdent;
using naming::QuoteLiteral;

std::string Field(const RowValues& row, const std::string& name) {
  const auto it = row.find(name);
  return it == row.end() ? "" : it->second.value_or("");
}

const ir::Table* TableNamed(const ir::Schema& schema, const std::string& name) {
  for (const ir::Table& table : schema.tables) {
    if (table.name == name) return &table;
  }
  return nullptr;
}

const RowValues* RowMaker::Parent(const std::string& table) const {
  const auto it = parents_.find(table);
  return it == parents_.end() ? nullptr : &it->second;
}

const TenantTable* RowMaker::TenantOf(const std::string& table) const {
  for (const TenantTable& t : tenancy_.tables) {
    if (t.table == table) return &t;
  }
  return nullptr;
}

std::optional<RowValues> RowMaker::MakeParent(const std::string& table, const Company* company) {
  if (table == tenancy_.tenant_table && company != nullptr) return company->row;
  const ir::Table* model = TableNamed(model_, table);
  if (model == nullptr || (TenantOf(table) != nullptr && company == nullptr)) {
    Fail("can't make a row of " + table + " to reference");
    return std::nullopt;
  }
  const bool tenant = TenantOf(table) != nullptr;
  const std::string key = table + (tenant ? "/" + std::to_string(company->slot) : "");
  if (const auto it = parents_.find(key); it != parents_.end()) return it->second;
  if (!visiting_.insert(table).second) {
    Fail("its NOT NULL foreign keys form a cycle through " + table);
    return std::nullopt;
  }
  std::optional<RowValues> row =
      Insert(*model, tenant ? company : nullptr, tenant ? company->slot : parent_variant_, {});
  visiting_.erase(table);
  if (row) Keep(key, *row);
  return row;
}

void RowMaker::Keep(const std::string& key, RowValues row) {
  if (parents_.insert_or_assign(key, std::move(row)).second) made_.push_back(key);
}

void RowMaker::ForgetSince(std::size_t mark) {
  while (made_.size() > mark) {
    parents_.erase(made_.back());
    made_.pop_back();
  }
}

namespace {

// A column Insert must give a value to.
bool NeedsValue(const ir::Column& column) {
  return !column.nullable && !column.default_value && !column.auto_increment;
}

}  // namespace

// The column's narrowest key: company_id takes its value from the tenant key, not from a
// same-tenant key (company_id, actor_id), which would make an actor row for a NULL actor.
const ir::ForeignKey* RowMaker::KeyOf(const ir::Table& table, const ir::Column& column) {
  const ir::ForeignKey* key = nullptr;
  for (const ir::ForeignKey& fk : table.foreign_keys) {
    if (std::find(fk.columns.begin(), fk.columns.end(), column.name) == fk.columns.end()) continue;
    if (key == nullptr || fk.columns.size() < key->columns.size()) key = &fk;
  }
  return key;
}

bool RowMaker::MakeParents(const ir::Table& table, const Company* company) {
  for (const ir::Column& column : table.columns) {
    if (NeedsValue(column) && KeyOf(table, column) != nullptr &&
        !ValueFor(table, column, company, 0)) {
      return false;
    }
  }
  return true;
}

std::vector<std::string> RowMaker::ParentTables(const ir::Table& table) const {
  std::vector<std::string> out;
  for (const ir::Column& column : table.columns) {
    const ir::ForeignKey* key = NeedsValue(column) ? KeyOf(table, column) : nullptr;
    if (key != nullptr && std::find(out.begin(), out.end(), key->ref_table) == out.end())
      out.push_back(key->ref_table);
  }
  return out;
}

std::optional<std::string> RowMaker::ValueFor(const ir::Table& table, const ir::Column& column,
                                              const Company* company, int variant) {
  if (const ir::ForeignKey* key = KeyOf(table, column)) {
    const auto at = std::find(key->columns.begin(), key->columns.end(), column.name);
    const std::optional<RowValues> parent = MakeParent(key->ref_table, company);
    if (!parent) return std::nullopt;
    const auto value =
        parent->find(key->ref_columns.at(static_cast<std::size_t>(at - key->columns.begin())));
    if (value == parent->end() || !value->second) {
      Fail("no key of " + key->ref_table + " for " + column.name);
      return std::nullopt;
    }
    return QuoteLiteral(*value->second);
  }
  std::string why_not;
  // A declared key the database does not fill (ids from another system) is unique across every
  // row, whatever the company and whichever migration wrote the rows before: each gets its own.
  if (column.primary_key) variant += NextKeyVariant();
  std::optional<std::string> value = SynthesizeValue(model_, table, column, variant, why_not);
  if (!value) Fail(why_not);
  return value;
}

// Sets row-level security's tenant for the statements that follow in the transaction.
bool RowMaker::ActAs(const Company& company) {
  if (tenancy_.setting.empty()) return true;
  std::string tenant = acting_.value_or("");
  if (!acting_ && !tenancy_.tables.empty()) {
    const auto it = company.row.find(tenancy_.tables.front().ref_column);
    if (it != company.row.end() && it->second) tenant = *it->second;
  }
  return SetTenant(tenant);
}

bool RowMaker::SetTenant(const std::string& tenant) {
  const pg::Result result =
      session_.Exec("SELECT set_config($1, $2, true)", {tenancy_.setting, tenant});
  return result.ok() || Fail("can't set " + tenancy_.setting + ": " + result.error);
}

std::optional<RowValues> RowMaker::Insert(const ir::Table& table, const Company* company,
                                          int variant, const std::set<std::string>& forced,
                                          const std::map<std::string, std::string>& preset) {
  std::vector<std::string> columns;
  std::vector<std::string> values;
  for (const ir::Column& column : table.columns) {
    // A company's row has its company, also where the column may be null (a legacy table).
    const bool tenant =
        company != nullptr &&
        std::any_of(tenancy_.tables.begin(), tenancy_.tables.end(), [&](const TenantTable& t) {
          return t.table == table.name && t.column == column.name;
        });
    const bool needed = NeedsValue(column) || tenant;
    const auto given = preset.find(column.name);
    if (!needed && forced.count(column.name) == 0 && given == preset.end()) continue;
    std::optional<std::string> value =
        given != preset.end() ? given->second : ValueFor(table, column, company, variant);
    if (!value) return std::nullopt;
    columns.push_back(QuoteIdent(column.name));
    values.push_back(*value);
  }
  const std::string sql = fmt::format(
      "INSERT INTO {} AS schemagen_row {} RETURNING (SELECT json_object_agg(k, v) FROM "
      "json_each_text(row_to_json(schemagen_row.*)) e(k, v))::text",
      QuoteIdent(table.name),
      columns.empty()
          ? "DEFAULT VALUES"
          : fmt::format("({}) VALUES ({})", fmt::join(columns, ", "), fmt::join(values, ", ")));
  // The parents are made: now act as the row's company (they may have acted as another).
  if (company != nullptr && !ActAs(*company)) return std::nullopt;
  const pg::Result result = session_.Exec(sql);
  if (!result.ok()) {
    Fail(fmt::format("inserting into {} failed: {}", table.name, result.error), result.sqlstate);
    return std::nullopt;
  }
  const nlohmann::json json = nlohmann::json::parse(result.Text(0, 0), nullptr, false);
  if (!json.is_object()) {
    Fail("inserting into " + table.name + " returned no row");
    return std::nullopt;
  }
  ++inserted_;
  RowValues row;
  for (const auto& [name, value] : json.items()) {
    if (!value.is_null()) row[name] = value.is_string() ? value.get<std::string>() : value.dump();
  }
  return row;
}

}  // namespace schemagen::verify
