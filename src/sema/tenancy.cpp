// Tenant isolation enforced by PostgreSQL (issue 10): same-tenant foreign keys and row-level
// security policies, built once the columns, keys and relations of every entity exist.
#include <fmt/format.h>

#include <set>
#include <unordered_map>

#include "schemagen/naming.hpp"
#include "sema/analyzer.hpp"

namespace schemagen::sema {
// A reference from one tenant table to another becomes (company_id, contact_id) REFERENCES
// contacts (company_id, id), backed by UNIQUE (company_id, id) on the target: a row can't
// point at another company's row. ON DELETE SET NULL names the reference column only, so a
// delete never nulls the tenant column. With row_level_security every tenant table gets
// ENABLE + FORCE and one policy on the transaction-local tenant setting.
void Analyzer::ProtectTenancy() {
  if (!tenant_setting_declared_ && !schema_.tenant.empty()) {
    schema_.tenant_setting =
        "app.current_" + naming::ToSnakeCase(naming::ToCamelCase(schema_.tenant) + "Id");
  }
  std::set<std::string> targets;  // tables referenced by a same-tenant key
  if (schema_.same_tenant_references) {
    std::unordered_map<std::string, const EntityInfo*> by_table;
    for (const EntityInfo& entity : entities_) by_table.emplace(entity.table.name, &entity);
    for (EntityInfo& entity : entities_) {
      ir::Table& table = entity.table;
      const ir::Column* tenant = IsTenantScoped(entity) ? table.FindTenantColumn() : nullptr;
      if (tenant == nullptr) continue;
      for (ir::ForeignKey& fk : table.foreign_keys) {
        if (fk.columns.size() != 1 || fk.columns[0] == tenant->name) continue;
        const auto found = by_table.find(fk.ref_table);
        if (found == by_table.end() || !IsTenantScoped(*found->second)) continue;
        const ir::Column* target_tenant = found->second->table.FindTenantColumn();
        if (target_tenant == nullptr || target_tenant->name != tenant->name) continue;
        const std::string reference = fk.columns[0];
        fk.columns = {tenant->name, reference};
        fk.ref_columns = {tenant->name, fk.ref_columns[0]};
        if (fk.on_delete == ir::Action::kSetNull) fk.set_null_columns = {reference};
        targets.insert(fk.ref_table);
      }
    }
    for (EntityInfo& entity : entities_) {
      if (targets.count(entity.table.name) == 0) continue;
      const ir::Column* tenant = entity.table.FindTenantColumn();
      // Referenced, so its key is a single column (keys.cpp).
      const std::vector<std::string> key = entity.table.KeyColumnNames();
      entity.table.uniques.push_back(
          {"", {tenant->name, key.empty() ? "id" : key.back()}, entity.table.span});
    }
  }
  if (!schema_.row_level_security) return;
  std::string tenant_type = "integer";
  if (const auto it = entity_index_.find(schema_.tenant); it != entity_index_.end()) {
    for (const ir::Column* c : entities_[it->second].table.KeyColumns())
      tenant_type = ir::PgTypeName(c->type);
  }
  for (EntityInfo& entity : entities_) {
    ir::Table& table = entity.table;
    const ir::Column* tenant = IsTenantScoped(entity) ? table.FindTenantColumn() : nullptr;
    if (tenant == nullptr) continue;
    table.row_security = true;
    table.force_row_security = true;
    // NULLIF: outside withTenant the setting is unset (NULL) or, on a connection that once
    // set it, ''; either way no row matches rather than a cast error.
    const std::string current = fmt::format(
        "{} = NULLIF(current_setting({}, true), '')::{}", naming::QuoteIdent(tenant->name),
        naming::QuoteLiteral(schema_.tenant_setting), tenant_type);
    table.policies.push_back({"", "ALL", current, current, table.span});
  }
}

}  // namespace schemagen::sema
