// Columns: the injected standard columns, declared fields and their options (types are
// resolved in types.cpp, defaults and checks in values.cpp).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <limits>
#include <nlohmann/json.hpp>

#include "schemagen/naming.hpp"
#include "sema/analyzer.hpp"
namespace schemagen::sema {
namespace {

using ir::TypeKind;

constexpr std::size_t kMaxIdentifierBytes = 63;

bool IsCamelCase(const std::string& name) {
  return !name.empty() && std::islower(static_cast<unsigned char>(name[0])) &&
         std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

// A column schemagen adds; every other member (keys, doc, evolution hints) stays empty.
ir::Column InjectedColumn(std::string attribute, std::string name, ir::Type type, bool nullable,
                          std::optional<ir::Default> default_value, ir::ColumnOrigin origin,
                          Span span) {
  ir::Column column;
  column.attribute = std::move(attribute);
  column.name = std::move(name);
  column.type = std::move(type);
  column.nullable = nullable;
  column.default_value = std::move(default_value);
  column.origin = origin;
  column.span = span;
  return column;
}

}  // namespace

void Analyzer::AddInjectedColumn(EntityInfo& entity, ir::Column column) {
  entity.attributes[column.attribute] = entity.table.columns.size();
  entity.column_names.emplace(column.name, entity.table.columns.size());
  entity.table.columns.push_back(std::move(column));
}

bool Analyzer::AddColumn(EntityInfo& entity, ir::Column column, const ast::Field* field) {
  const Span span = field != nullptr ? field->name.span : column.span;
  if (column.name.size() > kMaxIdentifierBytes) {
    diag_
        .Error("E0503", span,
               fmt::format("column name '{}' is {} bytes long; PostgreSQL's limit is 63",
                           column.name, column.name.size()))
        .notes.push_back(
            {"shorten the field's name, or give a shorter one with column \"...\"", std::nullopt});
    return false;
  }
  // One look-up, not a scan of the columns so far: a table of 100,000 fields checks in linear
  // time.
  if (const auto found = entity.column_names.find(column.name);
      found != entity.column_names.end()) {
    const ir::Column& other = entity.table.columns[found->second];
    Diagnostic& d = diag_.Error(
        "E0504", span,
        fmt::format("'{}' maps to column '{}', which '{}' already uses in entity '{}'",
                    column.attribute, column.name, other.attribute, entity.table.model));
    if (other.origin == ir::ColumnOrigin::kDeclared ||
        other.origin == ir::ColumnOrigin::kReference) {
      d.notes.push_back({fmt::format("'{}' is declared here", other.attribute), other.span});
    }
    return false;
  }
  entity.attributes[column.attribute] = entity.table.columns.size();
  entity.column_names.emplace(column.name, entity.table.columns.size());
  entity.table.columns.push_back(std::move(column));
  return true;
}

void Analyzer::BuildColumns(EntityInfo& entity) {
  ir::Table& table = entity.table;
  const Span at = table.span;
  std::map<std::string, std::string> injected;
  entity.declares_key = DeclaresKey(*entity.ast);
  if (!entity.declares_key) {
    ir::Column id = InjectedColumn("id", "id", {TypeKind::kInteger, 0, 0, 0, ""}, false,
                                   std::nullopt, ir::ColumnOrigin::kId, at);
    id.primary_key = true;
    id.auto_increment = true;
    AddInjectedColumn(entity, id);
    injected["id"] =
        "every entity gets an id primary key unless it declares its own (primary on a field, or "
        "primary(...))";
  }
  const std::string tenant_attribute = naming::ToCamelCase(schema_.tenant) + "Id";
  // `company -> Company?` declared on a tenant-scoped entity: the tenant column as a database
  // has it (nullable, another ON DELETE, its own name), built as a reference (below).
  const ast::Field* declared_tenant = nullptr;
  if (IsTenantScoped(entity) && entity_index_.count(schema_.tenant) > 0) {
    for (const ast::Field& field : entity.ast->fields) {
      if (field.kind == ast::Field::Kind::kBelongsTo && field.type.text == schema_.tenant &&
          field.name.text == naming::ToCamelCase(schema_.tenant) && declared_tenant == nullptr) {
        declared_tenant = &field;
      }
    }
  }
  if (IsTenantScoped(entity) && entity_index_.count(schema_.tenant) > 0 &&
      declared_tenant == nullptr) {
    const ir::Column tenant = InjectedColumn(tenant_attribute, ColumnNameFor(tenant_attribute),
                                             {TypeKind::kInteger, 0, 0, 0, ""}, false, std::nullopt,
                                             ir::ColumnOrigin::kTenant, at);
    AddInjectedColumn(entity, tenant);
    injected[tenant_attribute] = fmt::format(
        "every tenant-scoped entity gets {} (use 'global' "
        "for an entity that belongs to no {})",
        tenant_attribute, schema_.tenant);
    table.foreign_keys.push_back({"",
                                  {tenant.name},
                                  schema_.tenant_table,
                                  {"id"},
                                  ir::Action::kCascade,
                                  ir::Action::kCascade,
                                  false,
                                  at,
                                  {}});
    table.relations.push_back({ir::Relation::Kind::kBelongsTo, naming::ToCamelCase(schema_.tenant),
                               schema_.tenant, tenant_attribute, "", "", ir::Action::kCascade,
                               ir::Action::kCascade, at});
  }
  if (table.timestamps) {
    injected["createdAt"] = "timestamps are injected (use no_timestamps to opt out)";
    injected["updatedAt"] = injected["createdAt"];
  }
  if (table.paranoid)
    injected["deletedAt"] = "soft delete adds deletedAt (use no_soft_delete to opt out)";
  // The timestamps may be declared to write them as a database has them (no default, as
  // Sequelize makes them); they keep their role and are not injected again.
  std::map<std::string, ir::ColumnOrigin> declared_timestamps;
  if (table.timestamps) {
    declared_timestamps["createdAt"] = ir::ColumnOrigin::kCreatedAt;
    declared_timestamps["updatedAt"] = ir::ColumnOrigin::kUpdatedAt;
  }
  if (table.paranoid) declared_timestamps["deletedAt"] = ir::ColumnOrigin::kDeletedAt;
  std::set<ir::ColumnOrigin> declared_roles;

  for (const ast::Field& field : entity.ast->fields) {
    if (!IsCamelCase(field.name.text)) {
      diag_
          .Error("E0502", field.name.span,
                 fmt::format("'{}' is not a valid field name: field names are camelCase, "
                             "letters and digits only",
                             field.name.text))
          .notes.push_back({fmt::format("write it as '{}'", naming::ToCamelCase(field.name.text)),
                            std::nullopt});
      continue;
    }
    if (const std::string_view hidden = naming::ModelMemberHiddenBy(field.name.text);
        !hidden.empty()) {
      const std::string column = ColumnNameFor(
          field.kind == ast::Field::Kind::kBelongsTo ? field.name.text + "Id" : field.name.text);
      diag_
          .Error("E0509", field.name.span,
                 fmt::format("field '{}' can't be a property of a model: it would hide {}",
                             field.name.text, hidden))
          .notes.push_back({fmt::format("rename the field and keep its column: `{}{} ... column "
                                        "\"{}\"`",
                                        field.name.text, "Value", column),
                            std::nullopt});
      continue;
    }
    const std::string attribute =
        field.kind == ast::Field::Kind::kBelongsTo ? field.name.text + "Id" : field.name.text;
    if (const auto role = declared_timestamps.find(attribute);
        role != declared_timestamps.end() && field.kind == ast::Field::Kind::kColumn &&
        declared_roles.count(role->second) == 0) {
      entity.relation_names[field.name.text] = field.name.span;
      declared_roles.insert(role->second);
      BuildDeclaredTimestamp(entity, field, role->second);
      continue;
    }
    if (auto it = injected.find(attribute);
        it != injected.end() ||
        (field.kind == ast::Field::Kind::kBelongsTo && injected.count(field.name.text) > 0)) {
      const std::string clash = it != injected.end() ? attribute : field.name.text;
      Diagnostic& d = diag_.Error(
          "E0205", field.name.span,
          fmt::format("field '{}' clashes with the injected column '{}'", field.name.text, clash));
      d.notes.push_back({injected[clash], std::nullopt});
      continue;
    }
    if (entity.relation_names.count(field.name.text) > 0 ||
        entity.attributes.count(attribute) > 0) {
      const auto prev = entity.relation_names.find(field.name.text);
      Diagnostic& d = diag_.Error(
          "E0204", field.name.span,
          fmt::format("'{}' is declared twice in entity '{}'", field.name.text, table.model));
      if (prev != entity.relation_names.end())
        d.notes.push_back({"first declared here", prev->second});
      continue;
    }
    entity.relation_names[field.name.text] = field.name.span;
    switch (field.kind) {
      case ast::Field::Kind::kColumn:
        BuildDeclaredColumn(entity, field);
        break;
      case ast::Field::Kind::kBelongsTo:
        BuildReference(entity, field);
        if (&field == declared_tenant) DeclareTenantColumn(entity, field);
        break;
      default:
        CollectInverse(entity, field);
        break;
    }
  }

  const ir::Type datetime{TypeKind::kDateTime, 0, 0, 0, ""};
  const ir::Default now{ir::Default::Kind::kNow, ""};
  if (table.timestamps && declared_roles.count(ir::ColumnOrigin::kCreatedAt) == 0) {
    AddInjectedColumn(entity, InjectedColumn("createdAt", ColumnNameFor("createdAt"), datetime,
                                             false, now, ir::ColumnOrigin::kCreatedAt, at));
  }
  if (table.timestamps && declared_roles.count(ir::ColumnOrigin::kUpdatedAt) == 0) {
    AddInjectedColumn(entity, InjectedColumn("updatedAt", ColumnNameFor("updatedAt"), datetime,
                                             false, now, ir::ColumnOrigin::kUpdatedAt, at));
  }
  if (table.paranoid && declared_roles.count(ir::ColumnOrigin::kDeletedAt) == 0) {
    AddInjectedColumn(entity, InjectedColumn("deletedAt", ColumnNameFor("deletedAt"), datetime,
                                             true, std::nullopt, ir::ColumnOrigin::kDeletedAt, at));
  }
  CheckFieldRenames(entity);
}

// `was` hints name the field as the DSL wrote it before; a reference's previous attribute is
// that name + "Id", as for the reference itself. A rename must be unambiguous: the previous
// name is not the field's own, no field (or injected column) of the entity has it now, and no
// two fields claim it. Whether the previous state had it is the evolution planner's concern.
void Analyzer::CheckFieldRenames(const EntityInfo& entity) {
  auto attribute_of = [](const ast::Field& field, const std::string& name) {
    return field.kind == ast::Field::Kind::kBelongsTo ? name + "Id" : name;
  };
  std::map<std::string, const ast::Field*> fields;      // name -> field, every kind
  std::map<std::string, const ast::Field*> attributes;  // attribute -> declared field
  for (const ast::Field& field : entity.ast->fields) {
    fields.emplace(field.name.text, &field);
    if (field.kind == ast::Field::Kind::kColumn || field.kind == ast::Field::Kind::kBelongsTo) {
      attributes.emplace(attribute_of(field, field.name.text), &field);
    }
  }
  std::map<std::string, std::pair<const ast::Field*, Span>> claimed;  // previous attribute
  for (const ast::Field& field : entity.ast->fields) {
    if (field.kind != ast::Field::Kind::kColumn && field.kind != ast::Field::Kind::kBelongsTo) {
      continue;  // E0310
    }
    for (const ast::FieldOption& option : field.options) {
      if (option.kind != ast::FieldOption::Kind::kWas || !option.value) continue;
      const std::string& old = option.value->text;
      const Span at = option.value->span;
      const std::string old_attribute = attribute_of(field, old);
      if (!IsCamelCase(old)) {
        diag_
            .Error("E0502", at,
                   fmt::format("'{}' is not a valid field name: 'was' names the field as the "
                               "schema wrote it, and field names are camelCase",
                               old))
            .notes.push_back(
                {fmt::format("write it as '{}'; 'was' takes the field's name, not its column's",
                             naming::ToCamelCase(old)),
                 std::nullopt});
        continue;
      }
      if (old == field.name.text) {
        diag_
            .Error("E0215", at,
                   fmt::format("a field can't rename itself: '{}' says it was '{}'",
                               field.name.text, old))
            .notes.push_back({"'was' names the field's previous name; remove it if the field "
                              "was not renamed",
                              std::nullopt});
        continue;
      }
      auto still = fields.find(old);
      auto still_attribute = attributes.find(old_attribute);
      if (still != fields.end() || still_attribute != attributes.end()) {
        const ast::Field& other = still != fields.end() ? *still->second : *still_attribute->second;
        diag_
            .Error(
                "E0216", at,
                still != fields.end()
                    ? fmt::format("'{}' was '{}', but entity '{}' still declares '{}'",
                                  field.name.text, old, entity.table.model, old)
                    : fmt::format(
                          "'{}' was '{}' (attribute '{}'), but '{}' of entity '{}' still has "
                          "that attribute",
                          field.name.text, old, old_attribute, other.name.text, entity.table.model))
            .notes.push_back({fmt::format("'{}' is declared here; renames must be unambiguous: "
                                          "rename or remove it in a migration of its own first",
                                          other.name.text),
                              other.name.span});
        continue;
      }
      if (entity.attributes.count(old_attribute) > 0) {  // only injected columns are left
        diag_
            .Error("E0216", at,
                   fmt::format("'{}' was '{}', but '{}' is a column schemagen adds to entity '{}'",
                               field.name.text, old, old_attribute, entity.table.model))
            .notes.push_back({"renames must be unambiguous: an injected column can't be the "
                              "previous name of a declared field",
                              std::nullopt});
        continue;
      }
      if (auto [it, inserted] = claimed.emplace(old_attribute, std::pair{&field, at}); !inserted) {
        diag_
            .Error("E0217", at,
                   fmt::format("'{}' and '{}' both say they were '{}'", it->second.first->name.text,
                               field.name.text, old))
            .notes.push_back({fmt::format("'{}' says so here; a field can be renamed to one new "
                                          "name only",
                                          it->second.first->name.text),
                              it->second.second});
      }
    }
  }
}

bool CheckFieldOptions(const ast::Field& field, Diagnostics& diag) {
  using O = ast::FieldOption::Kind;
  static const std::map<O, const char*> kNames = {{O::kUnique, "unique"},
                                                  {O::kIndex, "index"},
                                                  {O::kDefault, "a default"},
                                                  {O::kCheck, "check"},
                                                  {O::kColumn, "column"},
                                                  {O::kOnDelete, "on delete"},
                                                  {O::kOnUpdate, "on update"},
                                                  {O::kWas, "was"},
                                                  {O::kUsing, "using"},
                                                  {O::kBackfill, "backfill"},
                                                  {O::kName, "name"},
                                                  {O::kPrimary, "primary"},
                                                  {O::kNoForeignKey, "no_foreign_key"}};
  bool ok = true;
  std::map<O, Span> seen;
  for (const ast::FieldOption& option : field.options) {
    const bool is_reference = field.kind == ast::Field::Kind::kBelongsTo;
    const bool is_column = field.kind == ast::Field::Kind::kColumn;
    bool allowed = true;
    std::string why;
    if (!is_reference && !is_column) {
      allowed = false;
      why =
          "relations declared with <- or <-> have no column; options go on the reference (->) "
          "in the other entity";
    } else if (is_reference && (option.kind == O::kDefault || option.kind == O::kCheck)) {
      allowed = false;
      why =
          "a reference's column holds the target's id; it takes on delete, on update, unique, "
          "index, column and was";
    } else if (is_reference && option.kind == O::kUsing) {
      allowed = false;
      why = "a reference's column is always an integer, so it has no type change to convert";
    } else if (is_reference && option.kind == O::kBackfill) {
      allowed = false;
      why =
          "a reference's column holds a row's id, which no single value gives every existing "
          "row; add the reference optional (-> Target?), fill it, then make it required";
    } else if (is_column && option.kind == O::kNoForeignKey) {
      allowed = false;
      why = "no_foreign_key applies to references, like: user -> User? no_foreign_key";
    } else if (is_column && (option.kind == O::kOnDelete || option.kind == O::kOnUpdate)) {
      allowed = false;
      why =
          "'on delete' and 'on update' apply to references, like: contact -> Contact on delete "
          "cascade";
    }
    if (!allowed) {
      diag.Error("E0310", option.span,
                 fmt::format("{} is not allowed on field '{}'", kNames.at(option.kind),
                             field.name.text))
          .notes.push_back({why, std::nullopt});
      ok = false;
      continue;
    }
    if (option.kind == O::kCheck || option.kind == O::kName) continue;
    if (auto [it, inserted] = seen.emplace(option.kind, option.span); !inserted) {
      diag.Error("E0213", option.span,
                 fmt::format("{} is given twice on field '{}'", kNames.at(option.kind),
                             field.name.text))
          .notes.push_back({"first given here", it->second});
      ok = false;
    }
  }
  return CheckObjectNames(field, diag) && ok;
}

// The declared tenant reference takes the injected column's role. A nullable one gives up
// isolation for the rows without a company: W0604, unless the entity allows it.
void Analyzer::DeclareTenantColumn(EntityInfo& entity, const ast::Field& field) {
  const std::string attribute = field.name.text + "Id";
  const auto it = entity.attributes.find(attribute);
  if (it == entity.attributes.end()) return;  // reported
  ir::Column& column = entity.table.columns[it->second];
  column.origin = ir::ColumnOrigin::kTenant;
  if (!column.nullable || entity.allowed_warnings.count("W0604") > 0) return;
  diag_
      .Warning("W0604", field.name.span,
               fmt::format("'{}.{}' is nullable: a row without a {} belongs to no tenant, so no "
                           "tenant's queries (nor row-level security) see it, and nothing "
                           "keeps one from being written",
                           entity.table.model, field.name.text, schema_.tenant))
      .notes.push_back(
          {fmt::format("written on purpose (a legacy table)? silence it with the "
                       "entity option allow \"W0604\"; else give the rows without one a "
                       "company, then remove the '?'"),
           std::nullopt});
}

// createdAt, updatedAt or deletedAt declared: the column schemagen would add, as written (its
// default, its column name), in the role it has.
void Analyzer::BuildDeclaredTimestamp(EntityInfo& entity, const ast::Field& field,
                                      ir::ColumnOrigin role) {
  const std::size_t before = entity.table.columns.size();
  BuildDeclaredColumn(entity, field);
  if (entity.table.columns.size() == before) return;  // reported
  ir::Column& column = entity.table.columns.back();
  column.origin = role;
  const bool deleted = role == ir::ColumnOrigin::kDeletedAt;
  if (column.type.kind != TypeKind::kDateTime || column.nullable != deleted) {
    diag_
        .Error("E0205", field.name.span,
               fmt::format("'{}' is the {} column, so it is datetime{}", field.name.text,
                           deleted ? "soft-delete" : "timestamp", deleted ? "?" : ""))
        .notes.push_back({fmt::format("declared, it may change its default or its column, as in "
                                      "`{} datetime{}` (no default); its type stays",
                                      field.name.text, deleted ? "?" : ""),
                          std::nullopt});
  }
}

void Analyzer::BuildDeclaredColumn(EntityInfo& entity, const ast::Field& field) {
  const bool options_ok = CheckFieldOptions(field, diag_);
  std::optional<ir::Type> type = ResolveType(field);
  if (!type) return;
  ir::Column column;
  column.attribute = field.name.text;
  column.name = ColumnNameFor(field.name.text);
  column.type = *type;
  column.nullable = field.nullable.has_value();
  column.origin = ir::ColumnOrigin::kDeclared;
  column.doc = field.doc;
  column.span = field.name.span;
  for (const ast::FieldOption& option : field.options) {
    if (option.kind == ast::FieldOption::Kind::kColumn && option.value) {
      if (option.value->text.empty()) {
        diag_.Error("E0507", option.value->span, "a column name can't be empty");
        return;
      }
      column.name = option.value->text;
    } else if (option.kind == ast::FieldOption::Kind::kDefault && option.value) {
      column.default_value = ResolveDefault(column.type, column.nullable, *option.value);
    } else if (option.kind == ast::FieldOption::Kind::kPrimary) {
      column.primary_key = true;  // checked with the entity's key (keys.cpp)
    } else if (option.kind == ast::FieldOption::Kind::kWas && option.value) {
      column.was = option.value->text;  // checked against the other fields in BuildColumns
    } else if (option.kind == ast::FieldOption::Kind::kUsing && option.value) {
      if (option.value->text.find_first_not_of(" \t") == std::string::npos) {
        diag_.Error("E0314", option.value->span, "the USING expression is empty")
            .notes.push_back({"write how an old value becomes a new one, like using sql "
                              "\"NULLIF(code, '')::integer\", or remove 'using'",
                              std::nullopt});
      } else {
        column.using_sql = option.value->text;
      }
    } else if (option.kind == ast::FieldOption::Kind::kBackfill && option.value) {
      if (column.nullable) {
        diag_
            .Error("E0313", option.span,
                   fmt::format("backfill on '{}', which is nullable: backfill only fills NOT NULL "
                               "columns",
                               field.name.text))
            .notes.push_back({"remove the '?' if the column is meant to be NOT NULL; otherwise "
                              "remove the backfill, and existing rows stay null",
                              *field.nullable});
      } else {
        column.backfill = ResolveDefault(column.type, false, *option.value, "backfill");
      }
    }
  }
  if (!options_ok || !AddColumn(entity, column, &field)) return;
  if (type->kind == TypeKind::kEnum) {
    const ir::Enum& e = enums_.at(type->enum_name);
    std::vector<std::string> literals;
    for (const std::string& value : e.values) literals.push_back(naming::QuoteLiteral(value));
    ir::Check check;
    check.kind = ir::Check::Kind::kEnum;
    check.column = column.name;
    check.expression =
        fmt::format("{} IN ({})", naming::QuoteIdent(column.name), fmt::join(literals, ", "));
    check.span = field.type.span;
    if (const ast::Literal* name = TypeObjectName(field)) check.name = name->text;
    entity.table.checks.push_back(std::move(check));
  } else if (const ast::Literal* name = TypeObjectName(field)) {
    diag_
        .Error("E0512", name->span,
               fmt::format("name \"{}\" names nothing: '{}' is not an enum, so its type creates "
                           "no constraint",
                           name->text, field.name.text))
        .notes.push_back(
            {"a name follows what it names: unique, index or check(...)", std::nullopt});
  }
  for (std::size_t i = 0; i < field.options.size(); ++i) {
    const ast::FieldOption& option = field.options[i];
    if (option.kind == ast::FieldOption::Kind::kCheck)
      AddFieldCheck(entity, column, *option.check, NameAfter(field, i));
  }
}

}  // namespace schemagen::sema
