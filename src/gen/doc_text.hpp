// The words of the schema-change document and MODELS.md, in Brazilian Portuguese (the team's
// language, the default) and English. Templates take the headings from here; the generator
// takes the sentences, whose {} are filled with facts.
#pragma once

#include <string>

namespace schemagen {

struct DocText {
  // headings and labels
  const char* title;
  const char* models_title;
  const char* summary;
  const char* new_models;
  const char* altered_models;
  const char* migrations;
  const char* rollback;
  const char* performance;
  const char* tenancy;
  const char* risks;
  const char* column;
  const char* type;
  const char* nullable;
  const char* default_value;
  const char* description;
  const char* relations;
  const char* indexes;
  const char* constraints;
  const char* yes;
  const char* no;
  const char* none;
  const char* model;
  const char* table;
  const char* name;
  const char* columns;
  const char* kind;
  const char* reason;
  const char* query;
  const char* index;
  const char* step;
  const char* effect;
  const char* loses_data;
  const char* risk;
  const char* mitigation;
  // sentences ({} = facts)
  const char* created_summary;  // tables, columns, indexes, constraints, pk, fk, unique, check
  const char* models_intro;     // tables
  const char* no_alterations;
  const char* migration_files;    // up, down, ts
  const char* backup_needed;      // tables
  const char* rollback_steps;     // ts name, down file
  const char* drop_table_effect;  // table
  const char* drop_table_loss;    // table
  const char* drop_constraint_effect;
  const char* tenancy_intro;     // tenant table
  const char* tenancy_all_pass;  // tables
  const char* tenancy_failures;
  const char* global_tenant_root;  // tenant model
  const char* global_declared;
  const char* tenancy_globals;
  const char* tenancy_references_header;
  const char* tenancy_rls_header;
  const char* tenancy_same_tenant_on;   // tenant column
  const char* tenancy_same_tenant_off;  // tenant column
  const char* tenancy_rls_on;           // setting
  const char* tenancy_rls_off;
  const char* reason_same_tenant_target;  // tenant column
  const char* relation_same_tenant;       // key columns, target columns
  const char* reason_primary_key;
  const char* reason_tenant;       // tenant column
  const char* reason_foreign_key;  // column
  const char* reason_unique_tenant;
  const char* reason_unique_soft;
  const char* reason_unique;
  const char* reason_unique_soft_global;
  const char* reason_declared;
  const char* kind_unique_constraint;
  const char* kind_primary_key;
  const char* kind_partial;
  const char* not_null;
  const char* injected_id;
  const char* injected_tenant;  // tenant model
  const char* injected_created;
  const char* injected_updated;
  const char* injected_deleted;
  const char* via;
  const char* through;
  const char* risk_rollback_loss;  // tables
  const char* mitigation_rollback_loss;
  const char* risk_no_locks;
  const char* mitigation_no_locks;
  const char* risk_cycle;  // table, other
  const char* mitigation_cycle;
  const char* risk_raw_sql;  // list
  const char* mitigation_raw_sql;
  const char* risk_tenant_cascade;  // tenant table, count
  const char* mitigation_tenant_cascade_paranoid;
  const char* mitigation_tenant_cascade_hard;
  const char* risk_enum_checks;  // count
  const char* mitigation_enum_checks;
  // the document of an evolution (the latest change alters an existing schema)
  const char* safety_class;
  const char* steps;
  const char* meaning;
  const char* change;
  const char* status;
  const char* down_loses;
  const char* table_created;
  const char* table_altered;
  const char* table_dropped;
  const char* safety_safe;
  const char* safety_lock;
  const char* safety_data_loss_down;
  const char* safety_data_loss;
  const char* safety_irreversible;
  const char* evolution_summary;  // steps, tables, new, existing, migrations, their names
  const char* evolution_no_new_models;
  const char* evolution_no_alterations;
  const char* evolution_altered_intro;
  const char* evolution_migrations_intro;
  const char* evolution_migration_files;  // up, down, ts
  const char* runs_in_transaction;
  const char* runs_outside_transaction;  // marker line
  const char* evolution_backup_needed;   // steps with a loss
  const char* evolution_backup_not_needed;
  const char* evolution_rollback_intro;
  const char* evolution_undo_transactional;  // number, migration, down file
  const char* evolution_undo_online;         // number, migration, down file
  const char* evolution_rollback_check;      // number
  const char* down_loses_column;             // table.column
  const char* down_may_lose;                 // reason
  const char* down_not_restored;             // reason
  const char* down_may_fail;                 // reason
  const char* mitigation_lock;
  const char* mitigation_data_loss_down;
  const char* mitigation_data_loss;
  const char* mitigation_irreversible;
  const char* risk_rollback_loss_steps;  // steps with a loss
  const char* risk_alter_locks;          // tables
  const char* mitigation_alter_locks;
};

/// The text for `lang` ("pt" or "en").
const DocText& TextFor(const std::string& lang);

}  // namespace schemagen
