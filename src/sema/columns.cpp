// Columns: the injected standard columns, declared fields, their types, defaults and checks.
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

using K = ast::Literal::Kind;
using ir::TypeKind;

constexpr std::size_t kMaxIdentifierBytes = 63;

struct BuiltinType {
  const char* name;
  TypeKind kind;
};
constexpr BuiltinType kBuiltinTypes[] = {
    {"string", TypeKind::kString},     {"varchar", TypeKind::kString},
    {"text", TypeKind::kText},         {"integer", TypeKind::kInteger},
    {"int", TypeKind::kInteger},       {"bigint", TypeKind::kBigInt},
    {"smallint", TypeKind::kSmallInt}, {"decimal", TypeKind::kDecimal},
    {"numeric", TypeKind::kDecimal},   {"real", TypeKind::kReal},
    {"double", TypeKind::kDouble},     {"boolean", TypeKind::kBoolean},
    {"bool", TypeKind::kBoolean},      {"date", TypeKind::kDate},
    {"datetime", TypeKind::kDateTime}, {"timestamptz", TypeKind::kDateTime},
    {"uuid", TypeKind::kUuid},         {"json", TypeKind::kJson},
    {"jsonb", TypeKind::kJsonb},
};

bool IsCamelCase(const std::string& name) {
  return !name.empty() && std::islower(static_cast<unsigned char>(name[0])) &&
         std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

bool IsIntegerType(TypeKind kind) {
  return kind == TypeKind::kInteger || kind == TypeKind::kBigInt || kind == TypeKind::kSmallInt;
}
bool IsNumericType(TypeKind kind) {
  return IsIntegerType(kind) || kind == TypeKind::kDecimal || kind == TypeKind::kReal ||
         kind == TypeKind::kDouble;
}
bool IsTextType(TypeKind kind) { return kind == TypeKind::kString || kind == TypeKind::kText; }

bool IsIntegral(const std::string& number) { return number.find('.') == std::string::npos; }

// Range of an integer column type, for checking defaults and bounds.
std::pair<long long, long long> IntegerRange(TypeKind kind) {
  if (kind == TypeKind::kSmallInt) return {-32768, 32767};
  if (kind == TypeKind::kInteger)
    return {std::numeric_limits<int>::min(), std::numeric_limits<int>::max()};
  return {std::numeric_limits<long long>::min(), std::numeric_limits<long long>::max()};
}

bool FitsInteger(const std::string& number, TypeKind kind) {
  try {
    std::size_t used = 0;
    const long long value = std::stoll(number, &used);
    const auto [lo, hi] = IntegerRange(kind);
    return used == number.size() && value >= lo && value <= hi;
  } catch (const std::exception&) {
    return false;
  }
}

bool IsUuid(const std::string& text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : std::isxdigit(static_cast<unsigned char>(text[i])) == 0)
      return false;
  }
  return true;
}

// Whether a decimal literal fits numeric(precision, scale): the digits before the point.
bool FitsDecimal(const std::string& number, int precision, int scale) {
  std::string digits = number.substr(number[0] == '-' ? 1 : 0);
  digits = digits.substr(0, digits.find('.'));
  digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size()));
  return static_cast<int>(digits.size()) <= precision - scale;
}

bool AllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

// YYYY-MM-DD with a real month and a day within it.
bool IsIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !AllDigits(text.substr(0, 4)) ||
      !AllDigits(text.substr(5, 2)) || !AllDigits(text.substr(8, 2))) {
    return false;
  }
  const int year = std::stoi(std::string(text.substr(0, 4)));
  const int month = std::stoi(std::string(text.substr(5, 2)));
  const int day = std::stoi(std::string(text.substr(8, 2)));
  constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
  return month != 2 || day <= (leap ? 29 : 28);
}

// A date, then ' ' or 'T', HH:MM[:SS[.fraction]], and an optional Z or +HH[:MM] / -HH[:MM].
bool IsIsoDateTime(std::string_view text) {
  if (text.size() < 16 || !IsIsoDate(text.substr(0, 10)) || (text[10] != ' ' && text[10] != 'T')) {
    return false;
  }
  std::string_view rest = text.substr(11);
  auto two_digits = [&](int max) {
    if (rest.size() < 2 || !AllDigits(rest.substr(0, 2))) return false;
    const int value = std::stoi(std::string(rest.substr(0, 2)));
    rest.remove_prefix(2);
    return value <= max;
  };
  if (!two_digits(23) || rest.empty() || rest[0] != ':') return false;
  rest.remove_prefix(1);
  if (!two_digits(59)) return false;
  if (!rest.empty() && rest[0] == ':') {
    rest.remove_prefix(1);
    if (!two_digits(59)) return false;
    if (!rest.empty() && rest[0] == '.') {
      rest.remove_prefix(1);
      const std::size_t n = rest.find_first_not_of("0123456789");
      if (n == 0) return false;
      rest.remove_prefix(n == std::string_view::npos ? rest.size() : n);
    }
  }
  if (rest.empty() || rest == "Z") return true;
  if (rest[0] != '+' && rest[0] != '-') return false;
  rest.remove_prefix(1);
  if (!two_digits(14)) return false;
  if (!rest.empty() && rest[0] == ':') rest.remove_prefix(1);
  return rest.empty() || (two_digits(59) && rest.empty());
}

std::string Describe(const ast::Literal& value) {
  switch (value.kind) {
    case K::kString:
      return fmt::format("\"{}\"", value.text);
    case K::kCall:
      return value.text + "()";
    default:
      return value.text;
  }
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

std::string TypeDescription(const ir::Type& type) {
  return type.kind == TypeKind::kEnum ? "enum " + type.enum_name : ir::PgTypeName(type);
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
  ir::Column id = InjectedColumn("id", "id", {TypeKind::kInteger, 0, 0, 0, ""}, false, std::nullopt,
                                 ir::ColumnOrigin::kId, at);
  id.primary_key = true;
  id.auto_increment = true;
  AddInjectedColumn(entity, id);
  std::map<std::string, std::string> injected = {{"id", "every entity gets an id primary key"}};
  const std::string tenant_attribute = naming::ToCamelCase(schema_.tenant) + "Id";
  if (IsTenantScoped(entity) && entity_index_.count(schema_.tenant) > 0) {
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
        break;
      default:
        CollectInverse(entity, field);
        break;
    }
  }

  const ir::Type datetime{TypeKind::kDateTime, 0, 0, 0, ""};
  const ir::Default now{ir::Default::Kind::kNow, ""};
  if (table.timestamps) {
    AddInjectedColumn(entity, InjectedColumn("createdAt", ColumnNameFor("createdAt"), datetime,
                                             false, now, ir::ColumnOrigin::kCreatedAt, at));
    AddInjectedColumn(entity, InjectedColumn("updatedAt", ColumnNameFor("updatedAt"), datetime,
                                             false, now, ir::ColumnOrigin::kUpdatedAt, at));
  }
  if (table.paranoid) {
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
  static const std::map<O, const char*> kNames = {
      {O::kUnique, "unique"},      {O::kIndex, "index"},   {O::kDefault, "a default"},
      {O::kCheck, "check"},        {O::kColumn, "column"}, {O::kOnDelete, "on delete"},
      {O::kOnUpdate, "on update"}, {O::kWas, "was"},       {O::kUsing, "using"},
      {O::kBackfill, "backfill"},  {O::kName, "name"}};
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

std::optional<ir::Type> Analyzer::ResolveType(const ast::Field& field) {
  const std::string& name = field.type.text;
  const BuiltinType* builtin = nullptr;
  for (const BuiltinType& b : kBuiltinTypes) {
    if (name == b.name) builtin = &b;
  }
  ir::Type type;
  if (builtin == nullptr) {
    if (enums_.count(name) > 0) {
      type = {TypeKind::kEnum, 255, 0, 0, name};
    } else if (entity_index_.count(name) > 0) {
      diag_
          .Error("E0202", field.type.span,
                 fmt::format("'{}' is an entity, not a column type", name))
          .notes.push_back(
              {fmt::format("a reference is written with an arrow: {} -> {}", field.name.text, name),
               std::nullopt});
      return std::nullopt;
    } else {
      std::vector<std::string> candidates;
      for (const BuiltinType& b : kBuiltinTypes) candidates.emplace_back(b.name);
      if (WorthSuggesting(diag_)) {
        for (const auto& [enum_name, e] : enums_) candidates.push_back(enum_name);
        for (const std::string& entity : EntityNames()) candidates.push_back(entity);
      }
      Diagnostic& d = diag_.Error("E0202", field.type.span, fmt::format("unknown type '{}'", name));
      if (field.name.text == "unique" || field.name.text == "index") {
        d.notes.push_back(
            {fmt::format("an entity-level {} lists its columns in parentheses: {}({})",
                         field.name.text, field.name.text, name),
             std::nullopt});
      }
      if (d.notes.empty()) SuggestClosest(d, name, candidates);
      if (d.notes.empty()) {
        d.notes.push_back(
            {"types are string(n), text, integer, bigint, smallint, decimal(p, s), "
             "real, double, boolean, date, datetime, uuid, json, jsonb, or an enum's "
             "name",
             std::nullopt});
      }
      return std::nullopt;
    }
  } else {
    type.kind = builtin->kind;
  }
  const auto& args = field.type_args;
  // Reported at the first argument too many, or at the type when it has none.
  auto arg_error = [&](std::size_t extra, const std::string& message) {
    diag_.Error("E0301", args.empty() ? field.type.span : args[extra].span, message);
    return std::nullopt;
  };
  auto number = [&](std::size_t i, long long lo, long long hi) -> std::optional<int> {
    try {
      const long long v = std::stoll(args[i].text);
      if (v >= lo && v <= hi) return static_cast<int>(v);
    } catch (const std::exception&) {
    }
    diag_.Error(
        "E0302", args[i].span,
        fmt::format("'{}' is out of range for {}: expected {} to {}", args[i].text, name, lo, hi));
    return std::nullopt;
  };
  if (type.kind == TypeKind::kString) {
    if (args.size() > 1)
      return arg_error(
          1, fmt::format("{} takes one argument, the maximum length, like string(255)", name));
    type.length = 255;
    if (args.size() == 1) {
      auto length = number(0, 1, 10485760);
      if (!length) return std::nullopt;
      type.length = *length;
    }
  } else if (type.kind == TypeKind::kDecimal) {
    if (args.size() > 2)
      return arg_error(2,
                       fmt::format("{} takes a precision and a scale, like decimal(12, 2)", name));
    if (!args.empty()) {
      auto precision = number(0, 1, 1000);
      if (!precision) return std::nullopt;
      type.precision = *precision;
      if (args.size() == 2) {
        auto scale = number(1, 0, type.precision);
        if (!scale) return std::nullopt;
        type.scale = *scale;
      }
    }
  } else if (!args.empty()) {
    return arg_error(0, fmt::format("type '{}' takes no arguments", name));
  }
  return type;
}

std::optional<ir::Default> Analyzer::ResolveDefault(const ir::Type& type, bool nullable,
                                                    const ast::Literal& value,
                                                    const std::string& what) {
  using D = ir::Default::Kind;
  const bool backfill = what == "backfill";
  auto mismatch = [&](const std::string& expected) -> std::optional<ir::Default> {
    diag_.Error("E0303", value.span,
                fmt::format("{} {} does not fit the column's type {}: expected {}", what,
                            Describe(value), TypeDescription(type), expected));
    return std::nullopt;
  };
  if (value.kind == K::kNull) {
    if (backfill) {
      diag_.Error("E0312", value.span, "backfill null on a column that is not nullable")
          .notes.push_back({"backfill gives the existing rows a value; give one of the column's "
                            "type, or remove the backfill",
                            std::nullopt});
    } else if (!nullable) {
      diag_.Error("E0312", value.span, "default null on a column that is not nullable")
          .notes.push_back({"mark the type with '?' to make the column nullable", std::nullopt});
    }
    return std::nullopt;  // DEFAULT NULL is what a nullable column has anyway
  }
  if (value.kind == K::kCall) {
    if (value.text == "now" && type.kind == TypeKind::kDateTime) return ir::Default{D::kNow, ""};
    if (value.text == "now" && type.kind == TypeKind::kDate)
      return ir::Default{D::kCurrentDate, ""};
    if (value.text == "uuid" && type.kind == TypeKind::kUuid)
      return ir::Default{D::kRandomUuid, ""};
    if (value.text != "now" && value.text != "uuid") {
      Diagnostic& d = diag_.Error("E0305", value.span,
                                  fmt::format("unknown function '{}()' in {}", value.text, what));
      SuggestClosest(d, value.text, {"now", "uuid"});
      d.notes.push_back({fmt::format("{} may call now() (date, datetime) and uuid() (uuid)",
                                     backfill ? "backfill" : "defaults"),
                         std::nullopt});
      return std::nullopt;
    }
    diag_.Error("E0303", value.span,
                fmt::format("{} {}() does not fit the column's type {}: it fits only {}", what,
                            value.text, TypeDescription(type),
                            value.text == "now" ? "date and datetime columns" : "uuid columns"));
    return std::nullopt;
  }
  switch (type.kind) {
    case TypeKind::kInteger:
    case TypeKind::kBigInt:
    case TypeKind::kSmallInt:
      if (value.kind != K::kNumber || !IsIntegral(value.text)) return mismatch("a whole number");
      if (!FitsInteger(value.text, type.kind)) {
        const auto [lo, hi] = IntegerRange(type.kind);
        return mismatch(fmt::format("a whole number from {} to {}", lo, hi));
      }
      return ir::Default{D::kNumber, value.text};
    case TypeKind::kDecimal:
      if (value.kind != K::kNumber) return mismatch("a number");
      if (type.precision > 0 && !FitsDecimal(value.text, type.precision, type.scale)) {
        const int digits = type.precision - type.scale;
        return mismatch(fmt::format("at most {} digit{} before the decimal point", digits,
                                    digits == 1 ? "" : "s"));
      }
      return ir::Default{D::kNumber, value.text};
    case TypeKind::kReal:
    case TypeKind::kDouble:
      if (value.kind != K::kNumber) return mismatch("a number");
      return ir::Default{D::kNumber, value.text};
    case TypeKind::kString:
    case TypeKind::kText:
      if (value.kind != K::kString) return mismatch("a \"string\"");
      if (type.kind == TypeKind::kString &&
          DisplayWidth(value.text) > static_cast<std::uint32_t>(type.length)) {
        return mismatch(fmt::format("at most {} characters", type.length));
      }
      return ir::Default{D::kString, value.text};
    case TypeKind::kBoolean:
      if (value.kind != K::kBool) return mismatch("true or false");
      return ir::Default{D::kBool, value.text};
    case TypeKind::kDate:
      // A fixed ISO date only: words like "now" or "today" would be frozen when the
      // migration runs, which is never what was meant.
      if (value.kind != K::kString || !IsIsoDate(value.text)) {
        return mismatch("now() or a fixed date like \"2026-01-31\"");
      }
      return ir::Default{D::kString, value.text};
    case TypeKind::kDateTime:
      if (value.kind != K::kString || !IsIsoDateTime(value.text)) {
        return mismatch("now() or a fixed time like \"2026-01-31 12:00:00+00\"");
      }
      return ir::Default{D::kString, value.text};
    case TypeKind::kUuid:
      if (value.kind != K::kString || !IsUuid(value.text))
        return mismatch("uuid() or a \"uuid string\"");
      return ir::Default{D::kString, value.text};
    case TypeKind::kJson:
    case TypeKind::kJsonb:
      if (value.kind != K::kString || !nlohmann::json::accept(value.text)) {
        return mismatch("a \"string\" holding valid JSON, like \"{}\"");
      }
      return ir::Default{D::kString, value.text};
    case TypeKind::kEnum: {
      const ir::Enum& e = enums_.at(type.enum_name);
      if (value.kind != K::kIdent && value.kind != K::kString) return mismatch("one of its values");
      if (std::find(e.values.begin(), e.values.end(), value.text) == e.values.end()) {
        Diagnostic& d = diag_.Error(
            "E0304", value.span, fmt::format("'{}' is not a value of enum {}", value.text, e.name));
        SuggestClosest(d, value.text, e.values);
        d.notes.push_back({fmt::format("its values are {}", JoinOr(e.values)), e.span});
        return std::nullopt;
      }
      return ir::Default{D::kString, value.text};
    }
  }
  return std::nullopt;
}

void Analyzer::AddFieldCheck(EntityInfo& entity, const ir::Column& column, const ast::Check& check,
                             const ast::Literal* name) {
  const std::string col = naming::QuoteIdent(column.name);
  const TypeKind kind = column.type.kind;
  auto not_applicable = [&](const std::string& what, const std::string& hint) {
    diag_
        .Error("E0306", check.span,
               fmt::format("{} does not apply to '{}' of type {}", what, column.attribute,
                           TypeDescription(column.type)))
        .notes.push_back({hint, std::nullopt});
  };
  auto bounds = [&](bool integral, const std::string& subject) -> std::optional<std::string> {
    if (!check.min && !check.max) {
      diag_.Error("E0307", check.span, "a range needs at least one bound, like 0..5, 1.. or ..100");
      return std::nullopt;
    }
    for (const auto* bound : {&check.min, &check.max}) {
      if (*bound && integral && !IsIntegral((*bound)->text)) {
        diag_.Error("E0307", (*bound)->span,
                    fmt::format("bound {} is not a whole number", (*bound)->text));
        return std::nullopt;
      }
    }
    // strtod, not stod: a bound beyond a double's range (300+ digits) is +-HUGE_VAL, not an
    // exception out of the analyzer.
    if (check.min && check.max &&
        std::strtod(check.min->text.c_str(), nullptr) >
            std::strtod(check.max->text.c_str(), nullptr)) {
      diag_.Error(
          "E0307", check.span,
          fmt::format("empty range: {} is greater than {}", check.min->text, check.max->text));
      return std::nullopt;
    }
    if (check.min && check.max) {
      return fmt::format("{} BETWEEN {} AND {}", subject, check.min->text, check.max->text);
    }
    return check.min ? fmt::format("{} >= {}", subject, check.min->text)
                     : fmt::format("{} <= {}", subject, check.max->text);
  };
  ir::Check out;
  out.kind = ir::Check::Kind::kRange;
  out.column = column.name;
  out.span = check.span;
  if (name != nullptr) out.name = name->text;
  if (check.min) out.min = check.min->text;
  if (check.max) out.max = check.max->text;
  switch (check.kind) {
    case ast::Check::Kind::kRange: {
      if (!IsNumericType(kind)) {
        return not_applicable("a range check", "for text, check the length: check(length 1..50)");
      }
      auto expr = bounds(IsIntegerType(kind), col);
      if (!expr) return;
      out.expression = *expr;
      break;
    }
    case ast::Check::Kind::kLength: {
      if (!IsTextType(kind))
        return not_applicable("a length check", "length checks apply to string and text");
      if ((check.min && check.min->text.front() == '-') ||
          (check.max && check.max->text.front() == '-')) {
        diag_.Error("E0307", check.span, "a length can't be negative");
        return;
      }
      auto expr = bounds(true, fmt::format("char_length({})", col));
      if (!expr) return;
      out.kind = ir::Check::Kind::kLength;
      out.expression = *expr;
      break;
    }
    case ast::Check::Kind::kMatch:
      if (!IsTextType(kind))
        return not_applicable("a match check", "match checks apply to string and text");
      if (check.text.empty()) {
        diag_.Error("E0307", check.span, "the regular expression is empty");
        return;
      }
      out.kind = ir::Check::Kind::kMatch;
      out.pattern = check.text;
      out.expression = fmt::format("{} ~ {}", col, naming::QuoteLiteral(check.text));
      break;
    case ast::Check::Kind::kSql:
      if (check.text.find_first_not_of(" \t") == std::string::npos) {
        diag_.Error("E0307", check.span, "the SQL check expression is empty");
        return;
      }
      out.kind = ir::Check::Kind::kRawSql;
      out.expression = check.text;
      break;
  }
  entity.table.checks.push_back(std::move(out));
}

}  // namespace schemagen::sema
