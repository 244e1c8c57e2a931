// Tenancy: the tenant tables (from the DSL, or read from a database's company keys) and the
// structure checks of each (keys, row-level security, uniques), before any row is written.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <regex>

#include "verify/isolation.hpp"
#include "verify/tenancy.hpp"

namespace schemagen::verify {
namespace {

// Tenancy of a schema read back from a database: company_id / companyId foreign keys.
Tenancy TenancyByColumnName(const ir::Schema& actual) {
  std::map<std::string, int> targets;
  for (const ir::Table& table : actual.tables) {
    for (const ir::ForeignKey& fk : table.foreign_keys) {
      if (fk.columns.size() == 1 && (fk.columns[0] == "company_id" || fk.columns[0] == "companyId"))
        ++targets[fk.ref_table];
    }
  }
  Tenancy out;
  int best = 0;
  for (const auto& [table, count] : targets) {
    if (count > best) std::tie(out.tenant_table, best) = std::tie(table, count);
  }
  for (const ir::Table& table : actual.tables) {
    for (const char* column : {"company_id", "companyId"}) {
      if (const ir::ForeignKey* fk = TenantKey(table, column, out.tenant_table)) {
        out.tables.push_back({table.name, column, fk->ref_columns.at(0), false, false, {}});
      }
    }
  }
  return out;
}

// The per-table checks, in one transaction as the unprivileged role.

}  // namespace

bool Contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::vector<std::pair<std::string, std::vector<std::string>>> UniqueKeys(const ir::Table& table) {
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  for (const ir::UniqueConstraint& u : table.uniques) {
    out.emplace_back("unique constraint " + u.name, u.columns);
  }
  for (const ir::Index& index : table.indexes) {
    if (!index.unique) continue;
    std::vector<std::string> columns;
    for (const ir::IndexColumn& c : index.columns) columns.push_back(c.name);
    out.emplace_back("unique index " + index.name, columns);
  }
  return out;
}

const ir::ForeignKey* TenantKey(const ir::Table& table, const std::string& column,
                                const std::string& tenant_table) {
  for (const ir::ForeignKey& fk : table.foreign_keys) {
    if (fk.columns == std::vector<std::string>{column} && fk.ref_table == tenant_table) return &fk;
  }
  return nullptr;
}

Tenancy FindTenancy(const ir::Schema* expected, const ir::Schema& actual) {
  Tenancy out;
  if (expected == nullptr) {
    out = TenancyByColumnName(actual);
  } else {
    out.tenant_table = expected->tenant_table;
    for (const ir::Table& table : expected->tables) {
      for (const ir::Column& column : table.columns) {
        if (column.origin != ir::ColumnOrigin::kTenant) continue;
        const ir::ForeignKey* fk = TenantKey(table, column.name, out.tenant_table);
        // The injected column is NOT NULL and cascades: anything else, the DSL declared.
        const bool declared =
            column.nullable || (fk != nullptr && fk->on_delete != ir::Action::kCascade);
        std::vector<std::string> global_uniques;
        for (const auto& [name, columns] : UniqueKeys(table)) {
          if (!Contains(columns, column.name)) global_uniques.push_back(name);
        }
        out.tables.push_back({table.name, column.name, fk ? fk->ref_columns.at(0) : "id", declared,
                              column.nullable, std::move(global_uniques)});
      }
    }
  }
  // The setting rows are written under: the DSL's, else the one the database's policies read.
  static const std::regex kSetting(R"(current_setting\('([^']+)')");
  std::string from_policies;
  for (const ir::Table& table : actual.tables) {
    for (const ir::Policy& policy : table.policies) {
      std::smatch m;
      if (from_policies.empty() && std::regex_search(policy.using_expr, m, kSetting))
        from_policies = m[1].str();
    }
  }
  if (expected != nullptr) {
    out.row_level_security = expected->row_level_security;
    out.same_tenant_references = expected->same_tenant_references;
    out.setting = expected->row_level_security ? expected->tenant_setting : from_policies;
  } else {
    out.row_level_security = !from_policies.empty();
    out.setting = from_policies;
    for (const ir::Table& table : actual.tables) {
      for (const ir::ForeignKey& fk : table.foreign_keys) {
        for (const TenantTable& t : out.tables) {
          if (t.table == table.name && ir::IsSameTenantKey(fk, t.column))
            out.same_tenant_references = true;
        }
      }
    }
  }
  return out;
}

std::vector<std::string> CheckStructure(const ir::Table& actual, const TenantTable& tenant,
                                        const Tenancy& tenancy, std::vector<std::string>& passed) {
  const std::string& tenant_table = tenancy.tenant_table;
  std::vector<std::string> problems;
  if (tenancy.same_tenant_references) {
    std::size_t references = 0;
    for (const ir::ForeignKey& key : actual.foreign_keys) {
      const bool to_tenant_table =
          std::any_of(tenancy.tables.begin(), tenancy.tables.end(),
                      [&](const TenantTable& t) { return t.table == key.ref_table; });
      if (!to_tenant_table || ir::ReferenceColumn(key) == tenant.column) continue;
      ++references;
      if (!ir::IsSameTenantKey(key, tenant.column)) {
        problems.push_back(fmt::format(
            "foreign key {} ({}) REFERENCES {} does not include {}: a row can point at another "
            "company's row",
            key.name, fmt::join(key.columns, ", "), key.ref_table, tenant.column));
      }
    }
    if (references > 0 && problems.empty())
      passed.push_back(
          fmt::format("every reference to a tenant table is a same-tenant key ({})", references));
  }
  if (tenancy.row_level_security) {
    // The lint: a tenant table without its policy, or one the owner bypasses.
    if (!actual.row_security) {
      problems.push_back(
          "row-level security is not enabled: every company's rows are visible to every "
          "company");
    } else if (!actual.force_row_security) {
      problems.push_back(
          "row-level security is not forced: the table's owner (migrations, jobs) bypasses "
          "it");
    } else if (actual.policies.empty()) {
      problems.push_back("row-level security has no policy: no company sees any row");
    } else {
      passed.push_back(fmt::format("row-level security enabled and forced, policy {}",
                                   actual.policies.front().name));
    }
  }
  const ir::ForeignKey* fk = TenantKey(actual, tenant.column, tenant_table);
  if (fk == nullptr) {
    problems.push_back(fmt::format("no foreign key from {} to {}", tenant.column, tenant_table));
  } else if (fk->on_delete != ir::Action::kCascade && tenant.declared) {
    passed.push_back(
        fmt::format("foreign key {} is ON DELETE {}, as the schema declares it: "
                    "deleting a company {}",
                    fk->name, ir::ActionSql(fk->on_delete),
                    fk->on_delete == ir::Action::kSetNull ? "leaves its rows behind"
                                                          : "fails while it has rows"));
  } else if (fk->on_delete != ir::Action::kCascade) {
    problems.push_back(
        fmt::format("foreign key {} is ON DELETE {}, not CASCADE: deleting a company {}", fk->name,
                    ir::ActionSql(fk->on_delete),
                    fk->on_delete == ir::Action::kSetNull ? "leaves its rows behind"
                                                          : "fails while it has rows"));
  } else {
    passed.push_back(fmt::format("foreign key {} is ON DELETE CASCADE", fk->name));
  }
  const auto keys = UniqueKeys(actual);
  for (const auto& [name, columns] : keys) {
    if (Contains(columns, tenant.column)) continue;
    if (Contains(tenant.global_uniques, name)) {
      passed.push_back(
          fmt::format("{} ({}) is unique across every company, as the schema "
                      "declares it",
                      name, fmt::join(columns, ", ")));
      continue;
    }
    problems.push_back(
        fmt::format("{} ({}) does not include {}: one company's value blocks "
                    "every other company",
                    name, fmt::join(columns, ", "), tenant.column));
  }
  if (!keys.empty() && problems.empty()) {
    passed.push_back(fmt::format("every unique key includes {}", tenant.column));
  }
  return problems;
}

}  // namespace schemagen::verify
