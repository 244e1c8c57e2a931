// sequelize-typescript models: one file per entity, the enums' value lists and types, and an
// index listing every model for sequelize.addModels.
#include <fmt/format.h>

#include <set>

#include "gen/templates.hpp"
#include "gen/typescript.hpp"
#include "schemagen/generator.hpp"
#include "schemagen/naming.hpp"

namespace schemagen {
namespace {

using ts::Atom;
using ts::Call;
using ts::ExprPtr;

ExprPtr Str(const std::string& text) { return Atom(ts::String(text)); }
ExprPtr Lazy(const std::string& model) { return Atom("() => " + model); }

// Sequelize's own attribute -> column rule under `underscored: true` (inflection's underscore).
std::string SequelizeUnderscore(const std::string& attribute) {
  std::string out;
  for (char c : attribute) {
    if (std::isupper(static_cast<unsigned char>(c)) != 0) out += '_';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out.size() > 1 && out[0] == '_' ? out.substr(1) : out;
}

std::string Decorator(const ExprPtr& call) { return ts::Print("@", call, "", 2); }

// Another model/enum name used by this model, for its imports.
struct Uses {
  std::set<std::string> decorators = {"Column", "DataType", "Model", "Table"};
  std::set<std::string> models;
  std::set<std::string> enums;
  std::set<std::string> sequelize;  // from "sequelize" itself: literal, for a SQL default
};

ExprPtr ModelDefault(const ir::Column& column) {
  const ir::Default& d = *column.default_value;
  using K = ir::Default::Kind;
  switch (d.kind) {
    case K::kNow:
    case K::kCurrentDate:
      return Atom("DataType.NOW");
    case K::kRandomUuid:
      return Atom("DataType.UUIDV4");
    case K::kBool:
      return Atom(d.value);
    case K::kNumber:
      return typescript::TsType(column.type) == "number" ? Atom(d.value) : Str(d.value);
    case K::kNull:
      return Atom("null");
    case K::kSql:  // the same expression in the INSERT: what the database would compute
      return Call("literal", {Str(d.value)});
    case K::kString:
      if (column.type.kind == ir::TypeKind::kJson || column.type.kind == ir::TypeKind::kJsonb) {
        return typescript::JsonExpression(d.value);
      }
      return Str(d.value);
  }
  return Atom("null");
}

std::string WithNewline(const std::string& text) { return text.empty() ? text : text + "\n"; }

TemplateData Member(const std::string& name, const std::string& mark, const std::string& type,
                    const std::string& doc, std::vector<std::string> decorators) {
  TemplateData m;
  m.set("name", name);
  m.set("mark", mark);
  m.set("type", type);
  m.set("prefix", WithNewline(typescript::DocBlock(doc, 2)));
  std::vector<TemplateData> lines;
  for (std::string& d : decorators) {
    TemplateData line;
    line.set("line", std::move(d));
    lines.push_back(std::move(line));
  }
  Set(m, "decorators", List(std::move(lines)));
  return m;
}

const ir::ForeignKey* ForeignKeyOf(const ir::Table& table, const ir::Column& column) {
  for (const ir::ForeignKey& fk : table.foreign_keys) {
    if (ir::ReferenceColumn(fk) == column.name) return &fk;
  }
  return nullptr;
}

// The model a reference without a foreign key (`no_foreign_key`) points at, from its
// association; empty for a column that is no such reference.
std::string UnenforcedTarget(const ir::Table& table, const ir::Column& column) {
  if (column.origin != ir::ColumnOrigin::kReference || ForeignKeyOf(table, column) != nullptr)
    return "";
  for (const ir::Relation& r : table.relations) {
    if (r.kind == ir::Relation::Kind::kBelongsTo && r.foreign_key == column.attribute)
      return r.target;
  }
  return "";
}

std::string ModelOfTable(const ir::Schema& schema, const std::string& table) {
  const ir::Table* t = schema.FindTableByName(table);
  return t != nullptr ? t->model : "";
}

class ModelBuilder {
 public:
  ModelBuilder(const ir::Schema& schema, const ir::Table& table, int sequelize)
      : schema_(schema), table_(table), sequelize_(sequelize) {}

  TemplateData Build() {
    std::vector<TemplateData> attributes;
    std::vector<TemplateData> members;
    for (const ir::Column& column : table_.columns) {
      attributes.push_back(Attribute(column));
      members.push_back(ColumnMember(column));
    }
    for (const ir::Relation& relation : table_.relations)
      members.push_back(RelationMember(relation));
    // A blank line between members, as a person would write them.
    for (std::size_t i = 1; i < members.size(); ++i) {
      members[i].set("prefix", "\n" + members[i].get("prefix")->string_value());
    }
    TemplateData data;
    data.set("header", typescript::Header(schema_));
    data.set("class_name", table_.model);
    data.set("doc", WithNewline(typescript::DocBlock(table_.doc, 0)));
    Set(data, "attributes", List(std::move(attributes)));
    Set(data, "members", List(std::move(members)));
    data.set("table_decorator", TableDecorator());
    data.set("class_header", ClassHeader());
    data.set("imports", Imports());
    return data;
  }

 private:
  std::string FullType(const ir::Column& column) {
    if (column.type.kind == ir::TypeKind::kEnum) uses_.enums.insert(column.type.enum_name);
    const std::string type = typescript::TsType(column.type);
    return column.nullable && type != "unknown" ? type + " | null" : type;
  }

  TemplateData Attribute(const ir::Column& column) {
    TemplateData a;
    a.set("name", column.attribute);
    a.set("type", FullType(column));
    a.set("doc", WithNewline(typescript::DocBlock(column.doc, 2)));
    const bool generated = column.auto_increment || column.origin == ir::ColumnOrigin::kCreatedAt ||
                           column.origin == ir::ColumnOrigin::kUpdatedAt;
    a.set("optional_mark",
          generated || column.nullable || column.default_value.has_value() ? "?" : "");
    return a;
  }

  ExprPtr ColumnType(const ir::Column& column) {
    const ExprPtr type = Atom("DataType." + typescript::DataType(column.type));
    const bool underscored = schema_.naming == ir::Naming::kSnakeCase;
    const std::string implied =
        underscored ? SequelizeUnderscore(column.attribute) : column.attribute;
    if (column.name == implied) return type;
    return ts::Object({{"type", type}, {"field", Str(column.name)}});
  }

  TemplateData ColumnMember(const ir::Column& column) {
    std::vector<std::string> decorators;
    auto bare = [&](const char* name) {
      uses_.decorators.insert(name);
      decorators.push_back(std::string("  @") + name);
    };
    switch (column.origin) {
      case ir::ColumnOrigin::kId:
        bare("PrimaryKey");
        bare("AutoIncrement");
        break;
      case ir::ColumnOrigin::kCreatedAt:
        bare("CreatedAt");
        break;
      case ir::ColumnOrigin::kUpdatedAt:
        bare("UpdatedAt");
        break;
      case ir::ColumnOrigin::kDeletedAt:
        bare("DeletedAt");
        break;
      default: {
        if (column.primary_key) bare("PrimaryKey");  // a declared key: each of its columns
        const ir::ForeignKey* key = ForeignKeyOf(table_, column);
        if (const std::string target = key != nullptr ? ModelOfTable(schema_, key->ref_table)
                                                      : UnenforcedTarget(table_, column);
            !target.empty()) {
          uses_.decorators.insert("ForeignKey");
          if (target != table_.model) uses_.models.insert(target);
          decorators.push_back(Decorator(Call("ForeignKey", {Lazy(target)})));
        }
        uses_.decorators.insert("AllowNull");
        decorators.push_back(
            Decorator(Call("AllowNull", {Atom(column.nullable ? "true" : "false")})));
        if (column.default_value) {
          if (column.default_value->kind == ir::Default::Kind::kSql)
            uses_.sequelize.insert("literal");
          uses_.decorators.insert("Default");
          decorators.push_back(Decorator(Call("Default", {ModelDefault(column)})));
        }
        for (std::string& v : CheckValidators(column)) decorators.push_back(std::move(v));
      }
    }
    decorators.push_back(Decorator(Call("Column", {ColumnType(column)})));
    const bool optional_member = false;
    return Member(column.attribute, optional_member ? "?" : "!", FullType(column), column.doc,
                  std::move(decorators));
  }

  std::vector<std::string> CheckValidators(const ir::Column& column) {
    std::vector<std::string> out;
    for (const ir::Check& check : table_.checks) {
      if (check.column != column.name) continue;
      switch (check.kind) {
        case ir::Check::Kind::kEnum:
          uses_.decorators.insert("IsIn");
          out.push_back(Decorator(Call(
              "IsIn", {Atom("[[..." + typescript::EnumValuesName(column.type.enum_name) + "]]")})));
          break;
        case ir::Check::Kind::kRange:
          if (check.min) {
            uses_.decorators.insert("Min");
            out.push_back(Decorator(Call("Min", {Atom(*check.min)})));
          }
          if (check.max) {
            uses_.decorators.insert("Max");
            out.push_back(Decorator(Call("Max", {Atom(*check.max)})));
          }
          break;
        case ir::Check::Kind::kLength: {
          uses_.decorators.insert("Length");
          std::vector<std::pair<std::string, ExprPtr>> bounds;
          if (check.min) bounds.emplace_back("min", Atom(*check.min));
          if (check.max) bounds.emplace_back("max", Atom(*check.max));
          out.push_back(Decorator(Call("Length", {ts::Object(std::move(bounds))})));
          break;
        }
        case ir::Check::Kind::kMatch: {
          uses_.decorators.insert("Is");
          std::string pattern;
          for (char c : *check.pattern) {
            if (c == '/') pattern += '\\';
            pattern += c;
          }
          out.push_back(Decorator(Call("Is", {Atom("/" + pattern + "/")})));
          break;
        }
        case ir::Check::Kind::kRawSql:
          break;  // only the database can evaluate raw SQL
      }
    }
    return out;
  }

  TemplateData RelationMember(const ir::Relation& r) {
    if (r.target != table_.model) uses_.models.insert(r.target);
    switch (r.kind) {
      case ir::Relation::Kind::kBelongsTo: {
        uses_.decorators.insert("BelongsTo");
        // The key of a reference cycle is added after both tables; telling Sequelize so lets
        // sequelize.sync() order the tables (Sequelize 5 refuses the cycle otherwise).
        const ir::Column* column = table_.FindColumnByAttribute(r.foreign_key);
        const ir::ForeignKey* fk = column != nullptr ? ForeignKeyOf(table_, *column) : nullptr;
        // Without a key in the database (no_foreign_key), Sequelize makes none either.
        const bool no_constraint = fk == nullptr || fk->deferred;
        const ExprPtr options =
            no_constraint
                ? ts::Object({{"foreignKey", Str(r.foreign_key)}, {"constraints", Atom("false")}})
                : Str(r.foreign_key);
        return Member(r.name, "?", r.target, "",
                      {Decorator(Call("BelongsTo", {Lazy(r.target), options}))});
      }
      case ir::Relation::Kind::kHasMany:
        uses_.decorators.insert("HasMany");
        return Member(r.name, "?", r.target + "[]", "",
                      {Decorator(Call("HasMany", {Lazy(r.target), Str(r.foreign_key)}))});
      case ir::Relation::Kind::kHasOne:
        uses_.decorators.insert("HasOne");
        return Member(r.name, "?", r.target, "",
                      {Decorator(Call("HasOne", {Lazy(r.target), Str(r.foreign_key)}))});
      case ir::Relation::Kind::kBelongsToMany:
        uses_.decorators.insert("BelongsToMany");
        if (r.through != table_.model) uses_.models.insert(r.through);
        return Member(r.name, "?", r.target + "[]", "",
                      {Decorator(Call("BelongsToMany", {Lazy(r.target), Lazy(r.through),
                                                        Str(r.foreign_key), Str(r.other_key)}))});
    }
    return {};
  }

  // Indexes Sequelize can describe (for sync and for readers); partial indexes on a raw
  // predicate live only in the migration.
  std::optional<ExprPtr> ModelIndexes() {
    std::vector<ExprPtr> items;
    const ir::Column* deleted = table_.FindColumnByAttribute("deletedAt");
    const std::string alive =
        deleted != nullptr ? naming::QuoteIdent(deleted->name) + " IS NULL" : std::string();
    for (const ir::UniqueConstraint& u : table_.uniques) {
      std::vector<ExprPtr> fields;
      for (const std::string& c : u.columns) fields.push_back(Str(c));
      items.push_back(ts::Object({{"name", Str(u.name)},
                                  {"unique", Atom("true")},
                                  {"fields", ts::Array(std::move(fields))}}));
    }
    for (const ir::Index& index : table_.indexes) {
      if (index.reason == ir::IndexReason::kTenant || index.reason == ir::IndexReason::kForeignKey)
        continue;
      if (!index.where.empty() && index.where != alive) continue;
      std::vector<std::pair<std::string, ExprPtr>> props = {{"name", Str(index.name)}};
      if (index.unique) props.emplace_back("unique", Atom("true"));
      if (index.method != "btree") props.emplace_back("using", Str(index.method));
      std::vector<ExprPtr> fields;
      for (const ir::IndexColumn& c : index.columns) {
        fields.push_back(c.descending ? ts::Object({{"name", Str(c.name)}, {"order", Str("DESC")}})
                                      : Str(c.name));
      }
      props.emplace_back("fields", ts::Array(std::move(fields)));
      if (!index.where.empty())
        // Sequelize puts a where key into the SQL as written: it must be the column name.
        props.emplace_back("where", ts::Object({{ts::Key(deleted->name), Atom("null")}}));
      items.push_back(ts::Object(std::move(props)));
    }
    if (items.empty()) return std::nullopt;
    return ts::Array(std::move(items));
  }

  std::string TableDecorator() {
    std::vector<std::pair<std::string, ExprPtr>> props = {
        {"tableName", Str(table_.name)},
        {"underscored", Atom(schema_.naming == ir::Naming::kSnakeCase ? "true" : "false")},
        {"timestamps", Atom(table_.timestamps ? "true" : "false")},
        {"paranoid", Atom(table_.paranoid ? "true" : "false")},
    };
    if (auto indexes = ModelIndexes()) props.emplace_back("indexes", *indexes);
    return ts::Print("@", Call("Table", {ts::Object(std::move(props), true)}), "", 0);
  }

  std::string ClassHeader() const {
    const std::string& name = table_.model;
    if (sequelize_ == 5) return fmt::format("export class {} extends Model<{}> {{", name, name);
    const std::string flat = fmt::format(
        "export class {0} extends Model<{0}Attributes, {0}CreationAttributes> {{", name);
    if (flat.size() <= 80) return flat;
    return fmt::format(
        "export class {0} extends Model<\n  {0}Attributes,\n  {0}CreationAttributes\n> {{", name);
  }

  TemplateData Imports() {
    std::vector<std::string> lines = {
        ts::Import({uses_.decorators.begin(), uses_.decorators.end()}, "sequelize-typescript")};
    if (!uses_.sequelize.empty())
      lines.push_back(ts::Import({uses_.sequelize.begin(), uses_.sequelize.end()}, "sequelize"));
    for (const std::string& model : uses_.models)
      lines.push_back(ts::Import({model}, "./" + model));
    if (!uses_.enums.empty()) {
      std::vector<std::string> names;
      for (const std::string& e : uses_.enums) {
        names.push_back(e);
        names.push_back(typescript::EnumValuesName(e));
      }
      lines.push_back(ts::Import(names, "./enums"));
    }
    std::vector<TemplateData> items;
    for (std::string& line : lines) {
      TemplateData item;
      item.set("line", std::move(line));
      items.push_back(std::move(item));
    }
    return List(std::move(items));
  }

  const ir::Schema& schema_;
  const ir::Table& table_;
  const int sequelize_;
  Uses uses_;
};

std::string NamedList(const std::string& keyword, const std::vector<std::string>& names) {
  const std::string flat = fmt::format("{} {{ {} }};", keyword, fmt::join(names, ", "));
  if (flat.size() <= 80 || names.size() == 1) return flat;
  std::string out = keyword + " {\n";
  for (const std::string& n : names) out += "  " + n + ",\n";
  return out + "};";
}

class ModelsGenerator final : public Generator {
 public:
  std::string_view name() const override { return "models"; }

  void Generate(const ir::Schema& schema, const GenerationContext& context,
                OutputSink& sink) const override {
    const std::string dir = schema.models_dir + "/";
    for (const ir::Table& table : schema.tables) {
      const TemplateData data = ModelBuilder(schema, table, context.options.sequelize).Build();
      if (auto text = context.templates.Render("model.ts.mustache", data, context.diagnostics)) {
        sink.Write(dir + table.model + ".ts", std::move(*text));
      }
    }
    if (!schema.enums.empty()) {
      std::vector<TemplateData> enums;
      for (const ir::Enum& e : schema.enums) {
        std::vector<ExprPtr> values;
        for (const std::string& v : e.values) values.push_back(Str(v));
        TemplateData item;
        item.set("name", e.name);
        item.set("values_name", typescript::EnumValuesName(e.name));
        item.set("doc", WithNewline(typescript::DocBlock(e.doc, 0)));
        item.set("values_line",
                 ts::Print("export const " + typescript::EnumValuesName(e.name) + " = ",
                           ts::Array(std::move(values)), " as const;", 0));
        enums.push_back(std::move(item));
      }
      TemplateData data;
      data.set("header", typescript::Header(schema));
      Set(data, "enums", List(std::move(enums)));
      if (auto text = context.templates.Render("enums.ts.mustache", data, context.diagnostics)) {
        sink.Write(dir + "enums.ts", std::move(*text));
      }
    }
    std::vector<std::string> models;
    std::vector<TemplateData> imports;
    std::vector<ExprPtr> atoms;
    for (const ir::Table& table : schema.tables) {
      models.push_back(table.model);
      atoms.push_back(Atom(table.model));
      TemplateData line;
      line.set("line", ts::Import({table.model}, "./" + table.model));
      imports.push_back(std::move(line));
    }
    TemplateData data;
    data.set("header", typescript::Header(schema));
    Set(data, "imports", List(std::move(imports)));
    data.set("exports", NamedList("export", models) +
                            (schema.enums.empty() ? "" : "\nexport * from \"./enums\";"));
    data.set("models_line",
             ts::Print("export const models = ", ts::Array(std::move(atoms)), ";", 0));
    if (auto text = context.templates.Render("index.ts.mustache", data, context.diagnostics)) {
      sink.Write(dir + "index.ts", std::move(*text));
    }
    if (schema.row_level_security) WithTenant(schema, context, sink);
  }

 private:
  // with-tenant.ts: withTenant(sequelize, companyId, fn), the way into row-level security.
  static void WithTenant(const ir::Schema& schema, const GenerationContext& context,
                         OutputSink& sink) {
    const ir::Table* tenant = schema.FindTable(schema.tenant);
    const ir::Column* id = tenant != nullptr ? tenant->FindColumn("id") : nullptr;
    TemplateData data;
    data.set("header", typescript::Header(schema));
    data.set("setting", schema.tenant_setting);
    data.set("tenant", naming::ToCamelCase(schema.tenant));
    data.set("parameter", naming::ToCamelCase(schema.tenant) + "Id");
    data.set("type", id != nullptr ? typescript::TsType(id->type) : "number");
    if (auto text =
            context.templates.Render("with-tenant.ts.mustache", data, context.diagnostics)) {
      sink.Write(schema.models_dir + "/with-tenant.ts", std::move(*text));
    }
  }
};

}  // namespace

std::unique_ptr<Generator> MakeModelsGenerator() { return std::make_unique<ModelsGenerator>(); }

}  // namespace schemagen
