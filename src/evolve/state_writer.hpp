// The snapshot's writer: each Write* describes one value to a json_writer (compact for the
// hash, pretty for the file), members in ascending key order, the order the writer checks.
// Templates over the writer, so the hash is taken over the same bytes the file holds.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "evolve/json_writer.hpp"
#include "evolve/state_names.hpp"
#include "schemagen/state.hpp"

namespace schemagen::state::detail {

template <typename W>
void PutString(W& w, std::string_view key, std::string_view value) {
  w.Key(key);
  w.String(value);
}
template <typename W>
void PutBool(W& w, std::string_view key, bool value) {
  w.Key(key);
  w.Bool(value);
}
template <typename W>
void PutIfSet(W& w, std::string_view key, const std::string& value) {
  if (!value.empty()) PutString(w, key, value);
}
template <typename W>
void PutIfSet(W& w, std::string_view key, int value) {
  if (value == 0) return;
  w.Key(key);
  w.Int(value);
}
template <typename W>
void PutIfSet(W& w, std::string_view key, const std::optional<std::string>& value) {
  if (value) PutString(w, key, *value);
}

template <typename W, typename T, typename F>
void PutArray(W& w, std::string_view key, const std::vector<T>& items, F write_item) {
  w.Key(key);
  w.Array([&](auto& a) {
    for (const T& item : items) {
      if (a.Stopped()) break;
      write_item(a, item);
    }
  });
}
template <typename W>
void PutStrings(W& w, std::string_view key, const std::vector<std::string>& items) {
  PutArray(w, key, items, [](auto& a, const std::string& item) { a.String(item); });
}

template <typename W>
void WriteType(W& w, const ir::Type& type) {
  w.Object([&](auto& o) {
    PutIfSet(o, "enum_name", type.enum_name);
    PutString(o, "kind", NameOf(kTypeKinds, type.kind));
    PutIfSet(o, "length", type.length);
    PutIfSet(o, "pg_name", type.pg_name);
    PutIfSet(o, "precision", type.precision);
    PutIfSet(o, "scale", type.scale);
  });
}

template <typename W>
void WriteDefault(W& w, const ir::Default& value) {
  w.Object([&](auto& o) {
    PutString(o, "kind", NameOf(kDefaultKinds, value.kind));
    PutIfSet(o, "value", value.value);
  });
}

// Column::was, using_sql and backfill are hints for the step into this state, not the state.
template <typename W>
void WriteColumn(W& w, const ir::Column& column) {
  w.Object([&](auto& o) {
    PutString(o, "attribute", column.attribute);
    PutBool(o, "auto_increment", column.auto_increment);
    if (column.default_value) {
      o.Key("default");
      WriteDefault(o, *column.default_value);
    }
    PutIfSet(o, "doc", column.doc);
    PutString(o, "name", column.name);
    PutBool(o, "nullable", column.nullable);
    PutString(o, "origin", NameOf(kOrigins, column.origin));
    PutBool(o, "primary_key", column.primary_key);
    o.Key("type");
    WriteType(o, column.type);
  });
}

template <typename W>
void WriteForeignKey(W& w, const ir::ForeignKey& fk) {
  w.Object([&](auto& o) {
    PutStrings(o, "columns", fk.columns);
    PutBool(o, "deferred", fk.deferred);
    PutString(o, "name", fk.name);
    PutString(o, "on_delete", NameOf(kActions, fk.on_delete));
    PutString(o, "on_update", NameOf(kActions, fk.on_update));
    PutStrings(o, "ref_columns", fk.ref_columns);
    PutString(o, "ref_table", fk.ref_table);
    if (!fk.set_null_columns.empty()) PutStrings(o, "set_null_columns", fk.set_null_columns);
  });
}

template <typename W>
void WritePolicy(W& w, const ir::Policy& policy) {
  w.Object([&](auto& o) {
    PutString(o, "command", policy.command);
    PutString(o, "name", policy.name);
    PutIfSet(o, "using", policy.using_expr);
    PutIfSet(o, "with_check", policy.check_expr);
  });
}

template <typename W>
void WriteIndex(W& w, const ir::Index& index) {
  w.Object([&](auto& o) {
    PutArray(o, "columns", index.columns, [](auto& a, const ir::IndexColumn& c) {
      a.Object([&](auto& column) {
        PutBool(column, "descending", c.descending);
        PutString(column, "name", c.name);
      });
    });
    PutString(o, "method", index.method);
    PutString(o, "name", index.name);
    PutString(o, "reason", NameOf(kReasons, index.reason));
    PutBool(o, "unique", index.unique);
    PutIfSet(o, "where", index.where);
  });
}

template <typename W>
void WriteCheck(W& w, const ir::Check& check) {
  w.Object([&](auto& o) {
    PutIfSet(o, "column", check.column);
    PutString(o, "expression", check.expression);
    PutString(o, "kind", NameOf(kCheckKinds, check.kind));
    PutIfSet(o, "max", check.max);
    PutIfSet(o, "min", check.min);
    PutString(o, "name", check.name);
    PutIfSet(o, "pattern", check.pattern);
  });
}

template <typename W>
void WriteRelation(W& w, const ir::Relation& relation) {
  w.Object([&](auto& o) {
    PutString(o, "foreign_key", relation.foreign_key);
    PutString(o, "kind", NameOf(kRelationKinds, relation.kind));
    PutString(o, "name", relation.name);
    PutString(o, "on_delete", NameOf(kActions, relation.on_delete));
    PutString(o, "on_update", NameOf(kActions, relation.on_update));
    PutIfSet(o, "other_key", relation.other_key);
    PutString(o, "target", relation.target);
    PutIfSet(o, "through", relation.through);
  });
}

// Table::was is a hint, like the column hints.
template <typename W>
void WriteTable(W& w, const ir::Table& table) {
  w.Object([&](auto& o) {
    PutArray(o, "checks", table.checks, [](auto& a, const ir::Check& c) { WriteCheck(a, c); });
    PutArray(o, "columns", table.columns, [](auto& a, const ir::Column& c) { WriteColumn(a, c); });
    PutIfSet(o, "doc", table.doc);
    // Row-level security only when on, so the snapshots of schemas without it keep their
    // bytes.
    if (table.force_row_security) PutBool(o, "force_row_security", true);
    PutArray(o, "foreign_keys", table.foreign_keys,
             [](auto& a, const ir::ForeignKey& fk) { WriteForeignKey(a, fk); });
    PutBool(o, "global", table.global);
    PutArray(o, "indexes", table.indexes, [](auto& a, const ir::Index& i) { WriteIndex(a, i); });
    PutBool(o, "junction", table.junction);
    PutString(o, "model", table.model);
    PutString(o, "name", table.name);
    PutBool(o, "paranoid", table.paranoid);
    if (!table.policies.empty()) {
      PutArray(o, "policies", table.policies,
               [](auto& a, const ir::Policy& p) { WritePolicy(a, p); });
    }
    PutString(o, "primary_key_name", table.primary_key_name);
    PutArray(o, "relations", table.relations,
             [](auto& a, const ir::Relation& r) { WriteRelation(a, r); });
    if (table.row_security) PutBool(o, "row_security", true);
    PutBool(o, "timestamps", table.timestamps);
    PutArray(o, "uniques", table.uniques, [](auto& a, const ir::UniqueConstraint& u) {
      a.Object([&](auto& unique) {
        PutStrings(unique, "columns", u.columns);
        PutString(unique, "name", u.name);
      });
    });
  });
}

template <typename W>
void WriteEnum(W& w, const ir::Enum& e) {
  w.Object([&](auto& o) {
    PutIfSet(o, "doc", e.doc);
    PutString(o, "name", e.name);
    PutStrings(o, "values", e.values);
  });
}

template <typename W>
void WriteSchema(W& w, const ir::Schema& schema) {
  w.Object([&](auto& o) {
    PutIfSet(o, "doc", schema.doc);
    PutString(o, "docs_dir", schema.docs_dir);
    PutArray(o, "enums", schema.enums, [](auto& a, const ir::Enum& e) { WriteEnum(a, e); });
    PutString(o, "feature", schema.feature);
    PutString(o, "migrations_dir", schema.migrations_dir);
    PutString(o, "models_dir", schema.models_dir);
    PutString(o, "name", schema.name);
    PutString(o, "naming", NameOf(kNamings, schema.naming));
    PutIfSet(o, "postgres", schema.postgres);
    PutString(o, "source", schema.source);
    PutArray(o, "tables", schema.tables, [](auto& a, const ir::Table& t) { WriteTable(a, t); });
    PutString(o, "tenant", schema.tenant);
    PutString(o, "tenant_table", schema.tenant_table);
    PutString(o, "timestamp", schema.timestamp);
  });
}

template <typename W>
void PutStatements(W& w, std::string_view key, const std::vector<sql::Statement>& statements) {
  PutArray(w, key, statements, [](auto& a, const sql::Statement& s) {
    a.Object([&](auto& o) {
      PutIfSet(o, "comment", s.comment);
      PutString(o, "text", s.text);
    });
  });
}

template <typename W>
void WriteStep(W& w, const evolve::Step& step) {
  w.Object([&](auto& o) {
    PutIfSet(o, "advice", step.advice);
    PutStatements(o, "down", step.down);
    PutStatements(o, "down_online", step.down_online);
    PutIfSet(o, "reason", step.reason);
    PutString(o, "safety", NameOf(kSafeties, step.safety));
    PutString(o, "subject", step.subject);
    PutString(o, "summary", step.summary);
    PutString(o, "table", step.table);
    PutStatements(o, "up", step.up);
    PutStatements(o, "up_online", step.up_online);
  });
}

}  // namespace schemagen::state::detail
