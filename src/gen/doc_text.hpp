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
};

/// The text for `lang` ("pt" or "en").
const DocText& TextFor(const std::string& lang);

}  // namespace schemagen
