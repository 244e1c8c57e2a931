// References (belongsTo), their inverses (hasMany / hasOne), many-to-many relations and the
// junction entities they go through.
#include <fmt/format.h>

#include "schemagen/naming.hpp"
#include "sema/analyzer.hpp"

namespace schemagen::sema {
namespace {

ir::Action ToAction(ast::Action::Kind kind) {
  switch (kind) {
    case ast::Action::Kind::kCascade:
      return ir::Action::kCascade;
    case ast::Action::Kind::kRestrict:
      return ir::Action::kRestrict;
    case ast::Action::Kind::kSetNull:
      return ir::Action::kSetNull;
    case ast::Action::Kind::kSetDefault:
      return ir::Action::kSetDefault;
    case ast::Action::Kind::kNoAction:
      return ir::Action::kNoAction;
  }
  return ir::Action::kNoAction;
}

ast::Field JunctionReference(const std::string& target, Span span) {
  ast::Field field;
  field.kind = ast::Field::Kind::kBelongsTo;
  field.name = {naming::ToCamelCase(target), span};
  field.type = {target, span};
  field.span = span;
  ast::FieldOption cascade;
  cascade.kind = ast::FieldOption::Kind::kOnDelete;
  cascade.span = span;
  cascade.action = ast::Action{ast::Action::Kind::kCascade, span};
  field.options.push_back(cascade);
  return field;
}

}  // namespace

EntityInfo* Analyzer::FindEntity(const ast::Ident& name) {
  auto it = entity_index_.find(name.text);
  if (it != entity_index_.end()) return &entities_[it->second];
  Diagnostic& d = diag_.Error("E0201", name.span, fmt::format("unknown entity '{}'", name.text));
  if (enums_.count(name.text) > 0) {
    d.notes.push_back({fmt::format("'{}' is an enum; a column of an enum type is written "
                                   "without an arrow: status {}",
                                   name.text, name.text),
                       enums_[name.text].span});
  } else if (WorthSuggesting(diag_)) {
    SuggestClosest(d, name.text, EntityNames());
  }
  return nullptr;
}

void Analyzer::SynthesizeJunction(const EntityInfo& owner, const ast::Field& field) {
  const std::string& junction = field.through->text;
  if (entity_index_.count(junction) > 0 || enums_.count(junction) > 0) return;
  if (field.type.text == owner.table.model) {
    diag_.Error("E0406", field.span,
                fmt::format("a many-to-many relation of '{}' with itself needs a declared junction "
                            "entity '{}' with two references to '{}'",
                            owner.table.model, junction, owner.table.model));
    return;
  }
  auto target = entity_index_.find(field.type.text);
  if (target == entity_index_.end()) return;  // reported when the relation is resolved
  ast::Entity& e = synthesized_.emplace_back();
  e.name = {junction, field.through->span};
  e.span = field.span;
  e.doc = fmt::format("Junction of {}.{} (many-to-many with {}).", owner.table.model,
                      field.name.text, field.type.text);
  e.fields.push_back(JunctionReference(owner.table.model, field.span));
  e.fields.push_back(JunctionReference(field.type.text, field.span));
  ast::IndexDecl unique;
  unique.unique = true;
  unique.span = field.span;
  for (const ast::Field& ref : e.fields) unique.columns.push_back({ref.name, false});
  e.indexes.push_back(unique);

  EntityInfo info;
  info.ast = &e;
  info.order = entities_.size();
  info.table.model = junction;
  info.table.doc = e.doc;
  info.table.span = field.through->span;
  info.table.name = TableNameFor(junction);
  info.table.junction = true;
  info.table.paranoid = false;  // a removed association is a removed row
  info.table.global = owner.table.global && entities_[target->second].table.global;
  entity_index_[junction] = entities_.size();
  entities_.push_back(std::move(info));
}

void Analyzer::SynthesizeJunctions() {
  const std::size_t declared = entities_.size();
  for (std::size_t i = 0; i < declared; ++i) {
    for (const ast::Field& field : entities_[i].ast->fields) {
      if (field.kind == ast::Field::Kind::kManyToMany && field.through) {
        SynthesizeJunction(entities_[i], field);
      }
    }
  }
}

void Analyzer::BuildReference(EntityInfo& entity, const ast::Field& field) {
  CheckFieldOptions(field, diag_);
  std::optional<ast::Action> on_delete;
  std::optional<ast::Action> on_update;
  std::optional<ast::Literal> column_override;
  std::optional<ast::Literal> was;
  for (const ast::FieldOption& option : field.options) {
    if (option.kind == ast::FieldOption::Kind::kOnDelete) on_delete = option.action;
    if (option.kind == ast::FieldOption::Kind::kOnUpdate) on_update = option.action;
    if (option.kind == ast::FieldOption::Kind::kColumn) column_override = option.value;
    if (option.kind == ast::FieldOption::Kind::kWas) was = option.value;
  }
  auto has = [&](ast::FieldOption::Kind kind) {
    return std::any_of(field.options.begin(), field.options.end(),
                       [&](const ast::FieldOption& o) { return o.kind == kind; });
  };
  const bool primary = has(ast::FieldOption::Kind::kPrimary);
  const bool enforced = !has(ast::FieldOption::Kind::kNoForeignKey);
  EntityInfo* target = FindEntity(field.type);
  if (target == nullptr) return;
  // From here on a mistake is reported and the reference still built, so that its inverse and
  // the indexes on it don't fail a second time. No schema comes out of a run with errors.
  const bool nullable = field.nullable.has_value();
  if (entity.table.global && !target->table.global) {
    diag_
        .Error("E0401", field.type.span,
               fmt::format("global entity '{}' can't reference tenant-scoped entity '{}'",
                           entity.table.model, target->table.model))
        .notes.push_back(
            {fmt::format("a row shared by every {} would point at one {}'s row; make "
                         "'{}' global too, or remove 'global' from '{}'",
                         schema_.tenant, schema_.tenant, target->table.model, entity.table.model),
             std::nullopt});
  }
  for (const auto& action : {on_delete, on_update}) {
    if (!action) continue;
    if (action->kind == ast::Action::Kind::kSetNull && !nullable) {
      diag_
          .Error(
              "E0402", action->span,
              fmt::format("'set null' on reference '{}', which is not nullable", field.name.text))
          .notes.push_back({fmt::format("make the reference optional: {} -> {}?", field.name.text,
                                        field.type.text),
                            std::nullopt});
    }
    if (action->kind == ast::Action::Kind::kSetDefault) {
      diag_
          .Error("E0403", action->span,
                 "'set default' is not supported: reference columns have no default")
          .notes.push_back({"use set null, cascade, restrict or no action", std::nullopt});
    }
  }
  const std::string& name = field.name.text;
  if (name.size() > 2 && name.compare(name.size() - 2, 2, "Id") == 0) {
    diag_
        .Warning("W0603", field.name.span,
                 fmt::format("reference '{}' gets the column '{}Id'", name, name))
        .notes.push_back({fmt::format("a reference is named after what it points to: {} -> {} "
                                      "gets the column {}Id",
                                      name.substr(0, name.size() - 2), field.type.text,
                                      name.substr(0, name.size() - 2)),
                          std::nullopt});
  }
  ir::Column column;
  column.attribute = field.name.text + "Id";
  column.name = column_override ? column_override->text : ColumnNameFor(column.attribute);
  if (column.name.empty()) {
    diag_.Error("E0507", column_override->span, "a column name can't be empty");
    return;
  }
  column.type = {ir::TypeKind::kInteger, 0, 0, 0, ""};
  column.nullable = nullable;
  column.origin = ir::ColumnOrigin::kReference;
  column.primary_key = primary;  // a 1:1 extension table keyed by its owner's key
  column.doc = field.doc;
  column.span = field.name.span;
  // `was customer` names the previous reference field; its attribute was derived as this one's.
  if (was) column.was = was->text + "Id";
  if (!AddColumn(entity, column, &field)) return;
  const ir::Action delete_action = on_delete  ? ToAction(on_delete->kind)
                                   : nullable ? ir::Action::kSetNull
                                              : ir::Action::kNoAction;
  const ir::Action update_action = on_update ? ToAction(on_update->kind) : ir::Action::kCascade;
  const ast::Literal* key_name = TypeObjectName(field);
  if (!enforced) {
    UnenforcedReference(entity, field, column, *target, on_delete || on_update || key_name);
    entity.table.relations.push_back(
        {ir::Relation::Kind::kBelongsTo, field.name.text, target->table.model, column.attribute, "",
         "", ir::Action::kNoAction, ir::Action::kNoAction, field.name.span});
    return;
  }
  entity.table.foreign_keys.push_back({key_name != nullptr ? key_name->text : "",
                                       {column.name},
                                       target->table.name,
                                       {"id"},
                                       delete_action,
                                       update_action,
                                       false,
                                       field.name.span,
                                       {}});
  entity.table.relations.push_back({ir::Relation::Kind::kBelongsTo, field.name.text,
                                    target->table.model, column.attribute, "", "", delete_action,
                                    update_action, field.name.span});
}

// `-> Target no_foreign_key`: the column and the association, no constraint. What that gives
// up is said (W0605) unless the entity allows it; a key's actions and name have nothing to
// apply to.
void Analyzer::UnenforcedReference(EntityInfo& entity, const ast::Field& field,
                                   const ir::Column& column, const EntityInfo& target,
                                   bool key_options) {
  entity.unenforced_references.emplace_back(column.name, target.table.name);
  if (key_options) {
    diag_
        .Error("E0310", field.name.span,
               fmt::format("reference '{}' has no foreign key, so it takes no on delete, on "
                           "update or key name",
                           field.name.text))
        .notes.push_back({"remove them, or remove no_foreign_key", std::nullopt});
  }
  if (entity.allowed_warnings.count("W0605") > 0) return;
  const bool across = IsTenantScoped(entity) && IsTenantScoped(target);
  diag_
      .Warning("W0605", field.name.span,
               fmt::format("reference '{}.{}' has no foreign key: nothing keeps it from pointing "
                           "at a {} that does not exist{}",
                           entity.table.model, field.name.text, target.table.model,
                           across ? fmt::format(", or at another {}'s", schema_.tenant) : ""))
      .notes.push_back({"written on purpose (a legacy table)? silence it with the entity option "
                        "allow \"W0605\"; else remove no_foreign_key (the next migration adds "
                        "the key, and fails on rows that point nowhere)",
                        std::nullopt});
}

void Analyzer::CollectInverse(EntityInfo& entity, const ast::Field& field) {
  if (!CheckFieldOptions(field, diag_)) return;
  ir::Relation relation;
  relation.kind = field.kind == ast::Field::Kind::kHasMany  ? ir::Relation::Kind::kHasMany
                  : field.kind == ast::Field::Kind::kHasOne ? ir::Relation::Kind::kHasOne
                                                            : ir::Relation::Kind::kBelongsToMany;
  relation.name = field.name.text;
  relation.target = field.type.text;
  relation.span = field.name.span;
  entity.pending_inverses.push_back(relation);
  entity.inverse_fields.push_back(&field);
}

namespace {

std::vector<const ir::Relation*> ReferencesTo(const ir::Table& table, const std::string& model) {
  std::vector<const ir::Relation*> found;
  for (const ir::Relation& r : table.relations) {
    if (r.kind == ir::Relation::Kind::kBelongsTo && r.target == model) found.push_back(&r);
  }
  return found;
}

std::string Names(const std::vector<const ir::Relation*>& relations) {
  std::vector<std::string> names;
  for (const ir::Relation* r : relations) names.push_back(r->name);
  return JoinOr(names);
}

}  // namespace

// Whether `entity` has a reference to an unknown entity whose name is close to `model`: that
// error, with "did you mean '<model>'?", is out already, and the inverse would only repeat it.
bool Analyzer::HasMisspeltReferenceTo(const EntityInfo& entity, const std::string& model) const {
  for (const ast::Field& field : entity.ast->fields) {
    if (field.kind == ast::Field::Kind::kBelongsTo && entity_index_.count(field.type.text) == 0 &&
        ClosestMatch(field.type.text, {model}).has_value()) {
      return true;
    }
  }
  return false;
}

void Analyzer::ResolveInverses(EntityInfo& entity) {
  const std::string& model = entity.table.model;
  for (std::size_t i = 0; i < entity.pending_inverses.size(); ++i) {
    ir::Relation relation = entity.pending_inverses[i];
    const ast::Field& field = *entity.inverse_fields[i];
    EntityInfo* target = FindEntity(field.type);
    if (target == nullptr) continue;
    if (relation.kind == ir::Relation::Kind::kBelongsToMany) {
      if (target == &entity && entity_index_.count(field.through->text) == 0) continue;  // E0406
      EntityInfo* junction = FindEntity(*field.through);
      if (junction == nullptr) continue;
      auto to_self = ReferencesTo(junction->table, model);
      auto to_target = ReferencesTo(junction->table, target->table.model);
      if (to_self.empty() || to_target.empty() ||
          (model == target->table.model && to_self.size() < 2)) {
        diag_
            .Error("E0406", field.through->span,
                   fmt::format("junction '{}' must reference both '{}' and '{}'",
                               junction->table.model, model, target->table.model))
            .notes.push_back({fmt::format("add the missing reference to entity '{}', or leave the "
                                          "junction undeclared and schemagen creates it",
                                          junction->table.model),
                              junction->table.span});
        continue;
      }
      relation.through = junction->table.model;
      relation.foreign_key = to_self.front()->foreign_key;
      relation.other_key =
          model == target->table.model ? to_self[1]->foreign_key : to_target.front()->foreign_key;
    } else {
      auto candidates = ReferencesTo(target->table, model);
      if (field.via) {
        std::vector<const ir::Relation*> named;
        for (const ir::Relation* r : candidates) {
          if (r->name == field.via->text) named.push_back(r);
        }
        if (named.empty()) {
          Diagnostic& d = diag_.Error("E0405", field.via->span,
                                      fmt::format("'{}' has no reference '{}' to '{}'",
                                                  target->table.model, field.via->text, model));
          std::vector<std::string> names;
          for (const ir::Relation* r : candidates) names.push_back(r->name);
          SuggestClosest(d, field.via->text, names);
          continue;
        }
        candidates = named;
      }
      if (candidates.empty() && HasMisspeltReferenceTo(*target, model)) continue;  // E0201
      if (candidates.size() != 1) {
        Diagnostic& d = diag_.Error(
            "E0405", field.type.span,
            candidates.empty()
                ? fmt::format("'{}' has no reference to '{}' for '{}' to be the inverse of",
                              target->table.model, model, field.name.text)
                : fmt::format("'{}' has {} references to '{}' ({}); say which one '{}' is the "
                              "inverse of",
                              target->table.model, candidates.size(), model, Names(candidates),
                              field.name.text));
        d.notes.push_back(
            {candidates.empty()
                 ? fmt::format("add one to entity '{}', like: {} -> {}", target->table.model,
                               naming::ToCamelCase(model), model)
                 : fmt::format("write: {} <- {}{} via {}", field.name.text, target->table.model,
                               relation.kind == ir::Relation::Kind::kHasMany ? "[]" : "",
                               candidates.front()->name),
             std::nullopt});
        continue;
      }
      relation.foreign_key = candidates.front()->foreign_key;
      relation.on_delete = candidates.front()->on_delete;
      relation.on_update = candidates.front()->on_update;
    }
    entity.table.relations.push_back(relation);
  }
}

}  // namespace schemagen::sema
