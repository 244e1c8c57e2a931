// Database names of constraints and indexes: the ones written with `name "..."`, checked and
// reserved first, then the derived ones (<table>_<columns>_<suffix>, shortened to PostgreSQL's
// 63 bytes and numbered when taken), which never take an explicit name.
#include <fmt/format.h>

#include <unordered_map>
#include <unordered_set>

#include "schemagen/naming.hpp"
#include "sema/analyzer.hpp"

namespace schemagen::sema {
namespace {

constexpr std::size_t kMaxIdentifierBytes = 63;

bool NameableOption(ast::FieldOption::Kind kind) {
  using O = ast::FieldOption::Kind;
  return kind == O::kUnique || kind == O::kIndex || kind == O::kCheck || kind == O::kPrimary;
}

}  // namespace

const ast::Literal* NameAfter(const ast::Field& field, std::size_t option) {
  if (option + 1 >= field.options.size()) return nullptr;
  const ast::FieldOption& next = field.options[option + 1];
  return next.kind == ast::FieldOption::Kind::kName && next.value ? &*next.value : nullptr;
}

const ast::Literal* TypeObjectName(const ast::Field& field) {
  using O = ast::FieldOption::Kind;
  for (std::size_t i = 0; i < field.options.size(); ++i) {
    const ast::FieldOption& option = field.options[i];
    if (option.kind != O::kName || !option.value) continue;
    if (i == 0) return &*option.value;
    const O before = field.options[i - 1].kind;
    if (before == O::kOnDelete || before == O::kOnUpdate) return &*option.value;
  }
  return nullptr;
}

bool CheckObjectNames(const ast::Field& field, Diagnostics& diag) {
  using O = ast::FieldOption::Kind;
  const bool is_reference = field.kind == ast::Field::Kind::kBelongsTo;
  bool ok = true;
  const ast::FieldOption* type_named = nullptr;  // a name of the key (or enum check) seen
  for (std::size_t i = 0; i < field.options.size(); ++i) {
    const ast::FieldOption& option = field.options[i];
    if (option.kind != O::kName || !option.value) continue;
    ok = CheckObjectName(*option.value, diag) && ok;
    const O before = i == 0 ? O::kName : field.options[i - 1].kind;
    const bool names_type =
        i == 0 || (is_reference && (before == O::kOnDelete || before == O::kOnUpdate));
    if (names_type) {
      if (type_named != nullptr) {
        diag.Error("E0512", option.span,
                   fmt::format("the foreign key of '{}' is named twice", field.name.text))
            .notes.push_back({"first named here", type_named->span});
        ok = false;
      }
      type_named = &option;
      continue;
    }
    if (i > 0 && NameableOption(before)) continue;
    Diagnostic& d = diag.Error(
        "E0512", option.span,
        fmt::format("name \"{}\" names nothing: it follows {}", option.value->text,
                    before == O::kName ? "another name" : "an option that creates no object"));
    d.notes.push_back({is_reference
                           ? "a name follows what it names: the reference (-> Target name \"...\", "
                             "or after on delete/on update) for its foreign key, or unique, index "
                             "or check(...)"
                           : "a name follows what it names: unique, index or check(...), or an "
                             "enum type for its check",
                       std::nullopt});
    ok = false;
  }
  return ok;
}

bool CheckObjectName(const ast::Literal& name, Diagnostics& diag) {
  if (!name.text.empty() && name.text.size() <= kMaxIdentifierBytes) return true;
  diag.Error("E0513", name.span,
             fmt::format("a constraint or index name must be 1 to 63 bytes long (\"{}\" is {})",
                         name.text, name.text.size()))
      .notes.push_back({name.text.empty()
                            ? "leave the name out for the one schemagen derives"
                            : "PostgreSQL would silently cut it to 63 bytes; choose a shorter one",
                        std::nullopt});
  return false;
}

void Analyzer::AssignNames() {
  // Every relation name of the schema (tables, indexes, and the indexes of primary keys and
  // unique constraints share one namespace), hashed, as most share their table's prefix.
  std::unordered_set<std::string> taken;
  std::unordered_map<std::string, const EntityInfo*> tables;
  for (const EntityInfo& entity : entities_) {
    const std::string& name = entity.table.name;
    Span where =
        entity.ast != nullptr && !entity.table.junction ? entity.ast->name.span : entity.table.span;
    bool explicit_name = false;  // table "..." given: point at it
    for (const ast::EntityOption& option : entity.ast->options) {
      if (option.name.text == "table" && option.value) {
        where = option.value->span;
        explicit_name = true;
      }
    }
    if (name.empty() || name.size() > kMaxIdentifierBytes) {
      diag_
          .Error("E0503", where,
                 fmt::format("table name '{}' must be 1 to 63 bytes long (it is {})", name,
                             name.size()))
          .notes.push_back(
              {explicit_name ? "PostgreSQL would silently cut it to 63 bytes; choose a shorter one"
                             : "give a shorter one with table \"...\" after the entity's name",
               std::nullopt});
      continue;
    }
    if (auto [it, inserted] = tables.emplace(name, &entity); !inserted) {
      diag_
          .Error("E0505", where,
                 fmt::format("entities '{}' and '{}' both map to table '{}'",
                             it->second->table.model, entity.table.model, name))
          .notes.push_back(
              {"rename one, or set its table with table \"...\"", it->second->table.span});
      continue;
    }
    taken.insert(name);
  }
  // Names written with `name "..."`: a relation name once in the schema, a constraint name
  // once in its table.
  std::unordered_map<std::string, Span> relations;
  for (EntityInfo& entity : entities_) {
    ir::Table& t = entity.table;
    std::unordered_map<std::string, Span> constraints;
    auto reserve = [&](const std::string& name, const Span& span, bool constraint, bool relation) {
      if (name.empty()) return;
      auto clash = [&](std::unordered_map<std::string, Span>& names, const char* where) {
        auto [it, inserted] = names.emplace(name, span);
        if (inserted) return false;
        diag_.Error("E0514", span, fmt::format("two objects named '{}' {}", name, where))
            .notes.push_back({"the other one", it->second});
        return true;
      };
      if (constraint && clash(constraints, ("in table " + t.name).c_str())) return;
      if (relation) {
        if (tables.count(name) > 0) {
          diag_.Error("E0514", span,
                      fmt::format("'{}' is a table's name; an index can't have it", name));
          return;
        }
        if (clash(relations, "in the schema (indexes and tables share one namespace)")) return;
      }
      taken.insert(name);
    };
    reserve(t.primary_key_name, t.span, true, true);
    for (const ir::ForeignKey& fk : t.foreign_keys) reserve(fk.name, fk.span, true, false);
    for (const ir::UniqueConstraint& u : t.uniques) reserve(u.name, u.span, true, true);
    for (const ir::Check& c : t.checks) reserve(c.name, c.span, true, false);
    for (const ir::Index& index : t.indexes) reserve(index.name, index.span, false, true);
  }
  auto choose = [&](const std::string& table, const std::vector<std::string>& columns,
                    const std::string& suffix) {
    std::string base = table;
    for (const std::string& c : columns) base += "_" + c;
    std::string candidate = naming::FitIdentifier(base + "_" + suffix);
    for (int n = 1; taken.count(candidate) > 0; ++n) {
      candidate = naming::FitIdentifier(fmt::format("{}_{}{}", base, suffix, n));
    }
    taken.insert(candidate);
    return candidate;
  };
  for (EntityInfo& entity : entities_) {
    ir::Table& t = entity.table;
    if (t.primary_key_name.empty()) t.primary_key_name = choose(t.name, {}, "pkey");
    for (ir::ForeignKey& fk : t.foreign_keys) {
      if (fk.name.empty()) fk.name = choose(t.name, fk.columns, "fkey");
    }
    for (ir::UniqueConstraint& u : t.uniques) {
      if (u.name.empty()) u.name = choose(t.name, u.columns, "key");
    }
    for (ir::Policy& p : t.policies) p.name = naming::FitIdentifier(t.name + "_tenant_isolation");
    for (ir::Check& c : t.checks) {
      if (!c.name.empty()) continue;
      c.name = choose(t.name, c.column.empty() ? std::vector<std::string>{} : std::vector{c.column},
                      "check");
    }
    for (ir::Index& index : t.indexes) {
      if (!index.name.empty()) continue;
      std::vector<std::string> columns;
      for (const ir::IndexColumn& c : index.columns) columns.push_back(c.name);
      index.name = choose(t.name, columns, index.unique ? "key" : "idx");
    }
  }
}

}  // namespace schemagen::sema
