// Snapshots and schemagen.sum. The JSON is built with nlohmann::json, whose std::map keeps
// every object's keys sorted, so the same snapshot always prints the same bytes.
//
// Which members are written: bools, enums, arrays, objects and identifying strings always;
// strings that are often empty (doc, comment, where...) and numbers that are often zero only
// when set; std::optional members only when they hold a value (so "" and absent differ). A
// reader takes an absent optional member as empty, so writing and reading round-trip exactly.
//
// Unknown members: inside "schema" every member must be known. The schema is what the hash
// covers and what the next snapshot names as its parent, so the loaded schema must print back
// to exactly the recorded JSON; a member this build does not know (a hand edit that kept the
// hash, or a writer that should have raised kFormat) is an error. Outside "schema" unknown
// members are ignored: they carry nothing the history depends on, so a later build of the
// same format may add information there.
#include "schemagen/state.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>

namespace schemagen::state {
namespace {

using nlohmann::json;

// -------------------------------------------------------------------------------- enum names

template <typename E>
struct Named {
  E value;
  const char* name;
};

constexpr Named<ir::Naming> kNamings[] = {{ir::Naming::kSnakeCase, "snake_case"},
                                          {ir::Naming::kPascalCase, "pascal_case"}};

constexpr Named<ir::TypeKind> kTypeKinds[] = {
    {ir::TypeKind::kString, "string"},     {ir::TypeKind::kText, "text"},
    {ir::TypeKind::kInteger, "integer"},   {ir::TypeKind::kBigInt, "bigint"},
    {ir::TypeKind::kSmallInt, "smallint"}, {ir::TypeKind::kDecimal, "decimal"},
    {ir::TypeKind::kReal, "real"},         {ir::TypeKind::kDouble, "double"},
    {ir::TypeKind::kBoolean, "boolean"},   {ir::TypeKind::kDate, "date"},
    {ir::TypeKind::kDateTime, "datetime"}, {ir::TypeKind::kUuid, "uuid"},
    {ir::TypeKind::kJson, "json"},         {ir::TypeKind::kJsonb, "jsonb"},
    {ir::TypeKind::kEnum, "enum"}};

using DefaultKind = ir::Default::Kind;
constexpr Named<DefaultKind> kDefaultKinds[] = {{DefaultKind::kNumber, "number"},
                                                {DefaultKind::kString, "string"},
                                                {DefaultKind::kBool, "bool"},
                                                {DefaultKind::kNow, "now"},
                                                {DefaultKind::kCurrentDate, "current_date"},
                                                {DefaultKind::kRandomUuid, "random_uuid"},
                                                {DefaultKind::kNull, "null"}};

constexpr Named<ir::ColumnOrigin> kOrigins[] = {
    {ir::ColumnOrigin::kDeclared, "declared"},    {ir::ColumnOrigin::kId, "id"},
    {ir::ColumnOrigin::kTenant, "tenant"},        {ir::ColumnOrigin::kCreatedAt, "created_at"},
    {ir::ColumnOrigin::kUpdatedAt, "updated_at"}, {ir::ColumnOrigin::kDeletedAt, "deleted_at"},
    {ir::ColumnOrigin::kReference, "reference"}};

constexpr Named<ir::Action> kActions[] = {{ir::Action::kNoAction, "no_action"},
                                          {ir::Action::kRestrict, "restrict"},
                                          {ir::Action::kCascade, "cascade"},
                                          {ir::Action::kSetNull, "set_null"},
                                          {ir::Action::kSetDefault, "set_default"}};

constexpr Named<ir::IndexReason> kReasons[] = {{ir::IndexReason::kTenant, "tenant"},
                                               {ir::IndexReason::kForeignKey, "foreign_key"},
                                               {ir::IndexReason::kUnique, "unique"},
                                               {ir::IndexReason::kDeclared, "declared"}};

using CheckKind = ir::Check::Kind;
constexpr Named<CheckKind> kCheckKinds[] = {{CheckKind::kEnum, "enum"},
                                            {CheckKind::kRange, "range"},
                                            {CheckKind::kLength, "length"},
                                            {CheckKind::kMatch, "match"},
                                            {CheckKind::kRawSql, "raw_sql"}};

using RelationKind = ir::Relation::Kind;
constexpr Named<RelationKind> kRelationKinds[] = {
    {RelationKind::kBelongsTo, "belongs_to"},
    {RelationKind::kHasMany, "has_many"},
    {RelationKind::kHasOne, "has_one"},
    {RelationKind::kBelongsToMany, "belongs_to_many"}};

// The same words as evolve::SafetyName, kept here so the state does not depend on the planner.
constexpr Named<evolve::Safety> kSafeties[] = {{evolve::Safety::kSafe, "safe"},
                                               {evolve::Safety::kLock, "lock"},
                                               {evolve::Safety::kDataLossDown, "data-loss-down"},
                                               {evolve::Safety::kDataLossUp, "data-loss"},
                                               {evolve::Safety::kIrreversible, "irreversible"}};

template <typename E, std::size_t N>
const char* NameOf(const Named<E> (&names)[N], E value) {
  for (const Named<E>& named : names) {
    if (named.value == value) return named.name;
  }
  return "?";  // every enumerator is listed; a reader rejects "?"
}

// ------------------------------------------------------------------------------------ writing

// Compact JSON: what hashes are taken over. Invalid UTF-8 (only possible from a non-UTF-8
// DSL) becomes U+FFFD instead of throwing.
std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// A snapshot line is at most this wide: a column, an index or a key fits on one line, so a
// diff of two snapshots shows one line per changed part, and the file stays small.
constexpr std::size_t kLineWidth = 240;

// Whether `value` printed compactly takes at most `budget` characters (walks no further).
bool Fits(const json& value, std::size_t& budget) {
  if (value.is_object() || value.is_array()) {
    if (budget < 2) return false;
    budget -= 2;
    for (auto it = value.begin(); it != value.end(); ++it) {
      const std::size_t key = value.is_object() ? it.key().size() + 4 : 1;  // "k": and ,
      if (budget < key || !Fits(*it, budget -= key)) return false;
    }
    return true;
  }
  const std::size_t size =
      value.is_string() ? value.get_ref<const std::string&>().size() + 2 : Dump(value).size();
  if (budget < size) return false;
  budget -= size;
  return true;
}

void PrettyInto(const json& value, std::size_t depth, std::string& out) {
  // The member's key (up to ~20 characters) shares the line.
  std::size_t budget = kLineWidth > depth * 2 + 20 ? kLineWidth - depth * 2 - 20 : 0;
  if (!(value.is_object() || value.is_array()) || value.empty() || Fits(value, budget)) {
    out += Dump(value);
    return;
  }
  const bool object = value.is_object();
  out += object ? "{\n" : "[\n";
  std::size_t i = 0;
  for (auto it = value.begin(); it != value.end(); ++it, ++i) {
    out.append((depth + 1) * 2, ' ');
    if (object) {
      out += Dump(json(it.key()));
      out += ": ";
    }
    PrettyInto(*it, depth + 1, out);
    if (i + 1 < value.size()) out += ',';
    out += '\n';
  }
  out.append(depth * 2, ' ');
  out += object ? '}' : ']';
}

// The snapshot file: objects that fit stay on one line, the rest one member a line.
std::string Pretty(const json& value) {
  std::string out;
  PrettyInto(value, 0, out);
  return out;
}

void PutIfSet(json& object, const char* key, const std::string& value) {
  if (!value.empty()) object[key] = value;
}
void PutIfSet(json& object, const char* key, int value) {
  if (value != 0) object[key] = value;
}
void PutIfSet(json& object, const char* key, const std::optional<std::string>& value) {
  if (value) object[key] = *value;
}

template <typename T, typename F>
json ArrayOf(const std::vector<T>& items, F&& to_json) {
  json array = json::array();
  for (const T& item : items) array.push_back(to_json(item));
  return array;
}

json TypeJson(const ir::Type& type) {
  json out = {{"kind", NameOf(kTypeKinds, type.kind)}};
  PutIfSet(out, "length", type.length);
  PutIfSet(out, "precision", type.precision);
  PutIfSet(out, "scale", type.scale);
  PutIfSet(out, "enum_name", type.enum_name);
  PutIfSet(out, "pg_name", type.pg_name);
  return out;
}

json DefaultJson(const ir::Default& value) {
  json out = {{"kind", NameOf(kDefaultKinds, value.kind)}};
  PutIfSet(out, "value", value.value);
  return out;
}

// Column::was, using_sql and backfill are hints for the step into this state, not the state.
json ColumnJson(const ir::Column& column) {
  json out = {{"attribute", column.attribute},
              {"name", column.name},
              {"type", TypeJson(column.type)},
              {"nullable", column.nullable},
              {"primary_key", column.primary_key},
              {"auto_increment", column.auto_increment},
              {"origin", NameOf(kOrigins, column.origin)}};
  if (column.default_value) out["default"] = DefaultJson(*column.default_value);
  PutIfSet(out, "doc", column.doc);
  return out;
}

json ForeignKeyJson(const ir::ForeignKey& fk) {
  json out = {{"name", fk.name},
              {"columns", fk.columns},
              {"ref_table", fk.ref_table},
              {"ref_columns", fk.ref_columns},
              {"on_delete", NameOf(kActions, fk.on_delete)},
              {"on_update", NameOf(kActions, fk.on_update)},
              {"deferred", fk.deferred}};
  if (!fk.set_null_columns.empty()) out["set_null_columns"] = fk.set_null_columns;
  return out;
}

json PolicyJson(const ir::Policy& policy) {
  json out = {{"name", policy.name}, {"command", policy.command}};
  PutIfSet(out, "using", policy.using_expr);
  PutIfSet(out, "with_check", policy.check_expr);
  return out;
}

json IndexJson(const ir::Index& index) {
  json out = {{"name", index.name},
              {"columns", ArrayOf(index.columns,
                                  [](const ir::IndexColumn& c) {
                                    return json{{"name", c.name}, {"descending", c.descending}};
                                  })},
              {"unique", index.unique},
              {"method", index.method},
              {"reason", NameOf(kReasons, index.reason)}};
  PutIfSet(out, "where", index.where);
  return out;
}

json CheckJson(const ir::Check& check) {
  json out = {{"name", check.name},
              {"kind", NameOf(kCheckKinds, check.kind)},
              {"expression", check.expression}};
  PutIfSet(out, "column", check.column);
  PutIfSet(out, "min", check.min);
  PutIfSet(out, "max", check.max);
  PutIfSet(out, "pattern", check.pattern);
  return out;
}

json RelationJson(const ir::Relation& relation) {
  json out = {{"kind", NameOf(kRelationKinds, relation.kind)},
              {"name", relation.name},
              {"target", relation.target},
              {"foreign_key", relation.foreign_key},
              {"on_delete", NameOf(kActions, relation.on_delete)},
              {"on_update", NameOf(kActions, relation.on_update)}};
  PutIfSet(out, "through", relation.through);
  PutIfSet(out, "other_key", relation.other_key);
  return out;
}

// Table::was is a hint, like the column hints.
json TableJson(const ir::Table& table) {
  json out = {{"model", table.model},
              {"name", table.name},
              {"global", table.global},
              {"paranoid", table.paranoid},
              {"timestamps", table.timestamps},
              {"junction", table.junction},
              {"columns", ArrayOf(table.columns, ColumnJson)},
              {"primary_key_name", table.primary_key_name},
              {"foreign_keys", ArrayOf(table.foreign_keys, ForeignKeyJson)},
              {"uniques", ArrayOf(table.uniques,
                                  [](const ir::UniqueConstraint& u) {
                                    return json{{"name", u.name}, {"columns", u.columns}};
                                  })},
              {"checks", ArrayOf(table.checks, CheckJson)},
              {"indexes", ArrayOf(table.indexes, IndexJson)},
              {"relations", ArrayOf(table.relations, RelationJson)}};
  PutIfSet(out, "doc", table.doc);
  // Row-level security only when on, so the snapshots of schemas without it keep their bytes.
  if (table.row_security) out["row_security"] = true;
  if (table.force_row_security) out["force_row_security"] = true;
  if (!table.policies.empty()) out["policies"] = ArrayOf(table.policies, PolicyJson);
  return out;
}

json EnumJson(const ir::Enum& e) {
  json out = {{"name", e.name}, {"values", e.values}};
  PutIfSet(out, "doc", e.doc);
  return out;
}

json SchemaValue(const ir::Schema& schema) {
  json out = {{"source", schema.source},
              {"name", schema.name},
              {"feature", schema.feature},
              {"tenant", schema.tenant},
              {"tenant_table", schema.tenant_table},
              {"naming", NameOf(kNamings, schema.naming)},
              {"timestamp", schema.timestamp},
              {"migrations_dir", schema.migrations_dir},
              {"models_dir", schema.models_dir},
              {"docs_dir", schema.docs_dir},
              {"enums", ArrayOf(schema.enums, EnumJson)},
              {"tables", ArrayOf(schema.tables, TableJson)}};
  PutIfSet(out, "doc", schema.doc);
  return out;
}

json StatementsJson(const std::vector<sql::Statement>& statements) {
  return ArrayOf(statements, [](const sql::Statement& s) {
    json out = {{"text", s.text}};
    PutIfSet(out, "comment", s.comment);
    return out;
  });
}

json StepJson(const evolve::Step& step) {
  json out = {{"subject", step.subject},
              {"table", step.table},
              {"summary", step.summary},
              {"safety", NameOf(kSafeties, step.safety)},
              {"up", StatementsJson(step.up)},
              {"down", StatementsJson(step.down)},
              {"up_online", StatementsJson(step.up_online)},
              {"down_online", StatementsJson(step.down_online)}};
  PutIfSet(out, "reason", step.reason);
  PutIfSet(out, "advice", step.advice);
  return out;
}

// ------------------------------------------------------------------------------------ reading

// A short rendering of a JSON value for "found ..." in messages.
std::string Found(const json& value) {
  if (value.is_object()) return "an object";
  if (value.is_array()) return "an array";
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

// Reads members with their JSON pointers; each problem is one E0952 naming the file and the
// pointer, and the reading goes on so that one run reports every bad member.
class Reader {
 public:
  Reader(const std::string& path, Diagnostics& diagnostics)
      : path_(path), diagnostics_(diagnostics) {}
  bool failed() const { return failed_; }

  void Fail(const std::string& at, const std::string& message) {
    diagnostics_.Error("E0952", std::nullopt,
                       path_ + ": " + (at.empty() ? std::string() : at + ": ") + message);
    failed_ = true;
  }

  // The member `key` of `object`, checked with `is`, or nullptr (reported unless optional).
  template <typename Is>
  const json* Member(const json& object, const std::string& at, const char* key, bool required,
                     Is is, const char* expected) {
    const auto it = object.find(key);
    const std::string where = at + "/" + key;
    if (it == object.end()) {
      if (required) Fail(where, std::string("missing member (expected ") + expected + ")");
      return nullptr;
    }
    if (!is(*it)) {
      Fail(where, std::string("expected ") + expected + ", found " + Found(*it));
      return nullptr;
    }
    return &*it;
  }

  const json* Object(const json& o, const std::string& at, const char* key, bool required = true) {
    return Member(o, at, key, required, IsObject, "an object");
  }
  const json* Array(const json& o, const std::string& at, const char* key, bool required = true) {
    return Member(o, at, key, required, IsArray, "an array");
  }

  std::string String(const json& o, const std::string& at, const char* key, bool required = true) {
    const json* v = Member(o, at, key, required, IsString, "a string");
    return v != nullptr ? v->get<std::string>() : std::string();
  }
  std::optional<std::string> OptionalString(const json& o, const std::string& at, const char* key) {
    const json* v = Member(o, at, key, false, IsString, "a string");
    if (v == nullptr) return std::nullopt;
    return v->get<std::string>();
  }
  bool Bool(const json& o, const std::string& at, const char* key, bool required = true) {
    const json* v = Member(o, at, key, required, IsBool, "true or false");
    return v != nullptr && v->get<bool>();
  }
  // An optional integer, 0 when absent.
  int Int(const json& o, const std::string& at, const char* key) {
    const json* v = Member(o, at, key, false, IsInt, "an integer");
    return v != nullptr ? v->get<int>() : 0;
  }

  template <typename E, std::size_t N>
  E Enum(const json& o, const std::string& at, const char* key, const Named<E> (&names)[N]) {
    std::string expected = "one of";
    for (std::size_t i = 0; i < N; ++i)
      expected += (i == 0 ? " " : ", ") + std::string(names[i].name);
    const json* v = Member(o, at, key, true, IsString, expected.c_str());
    if (v == nullptr) return names[0].value;
    const std::string& text = v->get_ref<const std::string&>();
    for (const Named<E>& named : names) {
      if (text == named.name) return named.value;
    }
    Fail(at + "/" + key, "expected " + expected + ", found " + Found(*v));
    return names[0].value;
  }

  std::vector<std::string> Strings(const json& o, const std::string& at, const char* key,
                                   bool required = true) {
    std::vector<std::string> out;
    const json* array = Array(o, at, key, required);
    if (array == nullptr) return out;
    for (std::size_t i = 0; i < array->size(); ++i) {
      const json& item = (*array)[i];
      if (item.is_string())
        out.push_back(item.get<std::string>());
      else
        Fail(at + "/" + key + "/" + std::to_string(i), "expected a string, found " + Found(item));
    }
    return out;
  }

  // Reads the array of objects `key` with read(item, pointer) -> T.
  template <typename T, typename F>
  std::vector<T> Objects(const json& o, const std::string& at, const char* key, F&& read,
                         bool required = true) {
    std::vector<T> out;
    const json* array = Array(o, at, key, required);
    if (array == nullptr) return out;
    for (std::size_t i = 0; i < array->size(); ++i) {
      const json& item = (*array)[i];
      const std::string where = at + "/" + key + "/" + std::to_string(i);
      if (item.is_object())
        out.push_back(read(item, where));
      else
        Fail(where, "expected an object, found " + Found(item));
    }
    return out;
  }

 private:
  static bool IsObject(const json& v) { return v.is_object(); }
  static bool IsArray(const json& v) { return v.is_array(); }
  static bool IsString(const json& v) { return v.is_string(); }
  static bool IsBool(const json& v) { return v.is_boolean(); }
  static bool IsInt(const json& v) {
    if (v.is_number_unsigned()) return v.get<std::uint64_t>() <= std::numeric_limits<int>::max();
    return v.is_number_integer() && v.get<std::int64_t>() >= std::numeric_limits<int>::min() &&
           v.get<std::int64_t>() <= std::numeric_limits<int>::max();
  }

  const std::string& path_;
  Diagnostics& diagnostics_;
  bool failed_ = false;
};

using At = const std::string&;

ir::Type ReadType(Reader& r, const json& o, At at) {
  ir::Type type;
  type.kind = r.Enum(o, at, "kind", kTypeKinds);
  type.length = r.Int(o, at, "length");
  type.precision = r.Int(o, at, "precision");
  type.scale = r.Int(o, at, "scale");
  type.enum_name = r.String(o, at, "enum_name", false);
  type.pg_name = r.String(o, at, "pg_name", false);
  return type;
}

ir::Default ReadDefault(Reader& r, const json& o, At at) {
  ir::Default value;
  value.kind = r.Enum(o, at, "kind", kDefaultKinds);
  value.value = r.String(o, at, "value", false);
  return value;
}

ir::Column ReadColumn(Reader& r, const json& o, At at) {
  ir::Column column;
  column.attribute = r.String(o, at, "attribute");
  column.name = r.String(o, at, "name");
  if (const json* type = r.Object(o, at, "type")) column.type = ReadType(r, *type, at + "/type");
  column.nullable = r.Bool(o, at, "nullable");
  column.primary_key = r.Bool(o, at, "primary_key");
  column.auto_increment = r.Bool(o, at, "auto_increment");
  if (const json* value = r.Object(o, at, "default", false))
    column.default_value = ReadDefault(r, *value, at + "/default");
  column.origin = r.Enum(o, at, "origin", kOrigins);
  column.doc = r.String(o, at, "doc", false);
  return column;
}

ir::ForeignKey ReadForeignKey(Reader& r, const json& o, At at) {
  ir::ForeignKey fk;
  fk.name = r.String(o, at, "name");
  fk.columns = r.Strings(o, at, "columns");
  fk.ref_table = r.String(o, at, "ref_table");
  fk.ref_columns = r.Strings(o, at, "ref_columns");
  fk.on_delete = r.Enum(o, at, "on_delete", kActions);
  fk.on_update = r.Enum(o, at, "on_update", kActions);
  fk.deferred = r.Bool(o, at, "deferred");
  fk.set_null_columns = r.Strings(o, at, "set_null_columns", false);
  return fk;
}

ir::Index ReadIndex(Reader& r, const json& o, At at) {
  ir::Index index;
  index.name = r.String(o, at, "name");
  index.columns = r.Objects<ir::IndexColumn>(o, at, "columns", [&r](const json& c, At where) {
    return ir::IndexColumn{r.String(c, where, "name"), r.Bool(c, where, "descending")};
  });
  index.unique = r.Bool(o, at, "unique");
  index.method = r.String(o, at, "method");
  index.where = r.String(o, at, "where", false);
  index.reason = r.Enum(o, at, "reason", kReasons);
  return index;
}

ir::UniqueConstraint ReadUnique(Reader& r, const json& o, At at) {
  ir::UniqueConstraint unique;
  unique.name = r.String(o, at, "name");
  unique.columns = r.Strings(o, at, "columns");
  return unique;
}

ir::Check ReadCheck(Reader& r, const json& o, At at) {
  ir::Check check;
  check.name = r.String(o, at, "name");
  check.kind = r.Enum(o, at, "kind", kCheckKinds);
  check.column = r.String(o, at, "column", false);
  check.expression = r.String(o, at, "expression");
  check.min = r.OptionalString(o, at, "min");
  check.max = r.OptionalString(o, at, "max");
  check.pattern = r.OptionalString(o, at, "pattern");
  return check;
}

ir::Relation ReadRelation(Reader& r, const json& o, At at) {
  ir::Relation relation;
  relation.kind = r.Enum(o, at, "kind", kRelationKinds);
  relation.name = r.String(o, at, "name");
  relation.target = r.String(o, at, "target");
  relation.foreign_key = r.String(o, at, "foreign_key");
  relation.through = r.String(o, at, "through", false);
  relation.other_key = r.String(o, at, "other_key", false);
  relation.on_delete = r.Enum(o, at, "on_delete", kActions);
  relation.on_update = r.Enum(o, at, "on_update", kActions);
  return relation;
}

ir::Policy ReadPolicy(Reader& r, const json& o, At at) {
  ir::Policy policy;
  policy.name = r.String(o, at, "name");
  policy.command = r.String(o, at, "command");
  policy.using_expr = r.String(o, at, "using", false);
  policy.check_expr = r.String(o, at, "with_check", false);
  return policy;
}

// Reads one element of an array of objects with `read`, binding the reader.
template <typename F>
auto With(Reader& r, F read) {
  return [&r, read](const json& o, At at) { return read(r, o, at); };
}

ir::Table ReadTable(Reader& r, const json& o, At at) {
  ir::Table table;
  table.model = r.String(o, at, "model");
  table.name = r.String(o, at, "name");
  table.doc = r.String(o, at, "doc", false);
  table.global = r.Bool(o, at, "global");
  table.paranoid = r.Bool(o, at, "paranoid");
  table.timestamps = r.Bool(o, at, "timestamps");
  table.junction = r.Bool(o, at, "junction");
  table.columns = r.Objects<ir::Column>(o, at, "columns", With(r, ReadColumn));
  table.primary_key_name = r.String(o, at, "primary_key_name");
  table.foreign_keys = r.Objects<ir::ForeignKey>(o, at, "foreign_keys", With(r, ReadForeignKey));
  table.uniques = r.Objects<ir::UniqueConstraint>(o, at, "uniques", With(r, ReadUnique));
  table.checks = r.Objects<ir::Check>(o, at, "checks", With(r, ReadCheck));
  table.indexes = r.Objects<ir::Index>(o, at, "indexes", With(r, ReadIndex));
  table.relations = r.Objects<ir::Relation>(o, at, "relations", With(r, ReadRelation));
  table.row_security = r.Bool(o, at, "row_security", false);
  table.force_row_security = r.Bool(o, at, "force_row_security", false);
  table.policies = r.Objects<ir::Policy>(o, at, "policies", With(r, ReadPolicy), false);
  return table;
}

ir::Enum ReadEnum(Reader& r, const json& o, At at) {
  ir::Enum e;
  e.name = r.String(o, at, "name");
  e.values = r.Strings(o, at, "values");
  e.doc = r.String(o, at, "doc", false);
  return e;
}

ir::Schema ReadSchema(Reader& r, const json& o, At at) {
  ir::Schema schema;
  schema.source = r.String(o, at, "source");
  schema.name = r.String(o, at, "name");
  schema.doc = r.String(o, at, "doc", false);
  schema.feature = r.String(o, at, "feature");
  schema.tenant = r.String(o, at, "tenant");
  schema.tenant_table = r.String(o, at, "tenant_table");
  schema.naming = r.Enum(o, at, "naming", kNamings);
  schema.timestamp = r.String(o, at, "timestamp");
  schema.migrations_dir = r.String(o, at, "migrations_dir");
  schema.models_dir = r.String(o, at, "models_dir");
  schema.docs_dir = r.String(o, at, "docs_dir");
  schema.enums = r.Objects<ir::Enum>(o, at, "enums", With(r, ReadEnum));
  schema.tables = r.Objects<ir::Table>(o, at, "tables", With(r, ReadTable));
  return schema;
}

std::vector<sql::Statement> ReadStatements(Reader& r, const json& o, At at, const char* key) {
  return r.Objects<sql::Statement>(o, at, key, [&r](const json& s, At where) {
    return sql::Statement{r.String(s, where, "comment", false), r.String(s, where, "text")};
  });
}

evolve::Step ReadStep(Reader& r, const json& o, At at) {
  evolve::Step step;
  step.subject = r.String(o, at, "subject");
  step.table = r.String(o, at, "table");
  step.summary = r.String(o, at, "summary");
  step.safety = r.Enum(o, at, "safety", kSafeties);
  step.reason = r.String(o, at, "reason", false);
  step.advice = r.String(o, at, "advice", false);
  step.up = ReadStatements(r, o, at, "up");
  step.down = ReadStatements(r, o, at, "down");
  step.up_online = ReadStatements(r, o, at, "up_online");
  step.down_online = ReadStatements(r, o, at, "down_online");
  return step;
}

// "format" first: a snapshot of another format may have any other shape.
bool CheckFormat(Reader& r, const json& root, const std::string& path, Diagnostics& diagnostics) {
  const json* format = r.Member(
      root, "", "format", true, [](const json& v) { return v.is_number_integer(); }, "an integer");
  if (format == nullptr) return false;
  const std::int64_t value = format->get<std::int64_t>();
  if (value == kFormat) return true;
  const std::string ours = std::to_string(kFormat);
  if (value > kFormat) {
    diagnostics.Error("E0951", std::nullopt,
                      path + ": /format: snapshot format " + std::to_string(value) +
                          " was written by a newer schemagen; this one reads format " + ours +
                          ". Upgrade schemagen (everyone generating into this history needs a "
                          "version that reads format " +
                          std::to_string(value) + ")");
  } else {
    diagnostics.Error("E0951", std::nullopt,
                      path + ": /format: unknown snapshot format " + std::to_string(value) +
                          "; this schemagen reads format " + ours);
  }
  return false;
}

// The recorded schema against its hash: false (E0953) when they differ.
bool HashMatches(const json& recorded, const std::string& hash, const std::string& path,
                 Diagnostics& diagnostics) {
  if (Sha256(Dump(recorded)) == hash) return true;
  diagnostics.Error("E0953", std::nullopt,
                    path +
                        ": /schema_hash: the schema does not match its hash, so the snapshot "
                        "was edited by hand or merged by git. Snapshots are never edited: "
                        "restore this file from version control (git checkout -- " +
                        path +
                        "); to change the schema, edit the DSL and run schemagen, which writes "
                        "a new snapshot");
  return false;
}

// The loaded schema must print back to exactly the recorded JSON, so that SchemaHash of what
// was read is the recorded hash; a difference is a member this build does not know.
void CheckCanonical(Reader& r, const json& recorded, const ir::Schema& loaded) {
  const json printed = SchemaValue(loaded);
  if (recorded == printed) return;  // the usual case; json::diff is costly on a large schema
  const json patch = json::diff(recorded, printed);
  for (const json& operation : patch) {
    const std::string pointer = "/schema" + operation.value("path", std::string());
    const std::string op = operation.value("op", std::string());
    if (op == "remove")
      r.Fail(pointer, "unknown member (this schemagen reads snapshot format " +
                          std::to_string(kFormat) + ")");
    else
      r.Fail(pointer, "not as schemagen writes it (" + op + ")");
  }
}

std::optional<Snapshot> ReadSnapshot(const json& root, const std::string& path,
                                     Diagnostics& diagnostics, bool trusted) {
  Reader r(path, diagnostics);
  if (!root.is_object()) {
    r.Fail("", "expected a snapshot object, found " + Found(root));
    return std::nullopt;
  }
  if (!CheckFormat(r, root, path, diagnostics)) return std::nullopt;
  Snapshot snapshot;
  r.String(root, "", "generator");
  snapshot.migrations = r.Strings(root, "", "migrations");
  snapshot.parent = r.String(root, "", "parent");
  const json* hash = r.Member(
      root, "", "schema_hash", true, [](const json& v) { return v.is_string(); }, "a string");
  const json* schema = r.Object(root, "", "schema");
  bool hash_matches = true;
  if (schema != nullptr && hash != nullptr && !trusted)
    hash_matches = HashMatches(*schema, hash->get<std::string>(), path, diagnostics);
  snapshot.steps = r.Objects<evolve::Step>(root, "", "steps", With(r, ReadStep));
  if (schema != nullptr) snapshot.schema = ReadSchema(r, *schema, "/schema");
  if (schema != nullptr && hash_matches && !r.failed() && !trusted)
    CheckCanonical(r, *schema, snapshot.schema);
  if (r.failed() || !hash_matches) return std::nullopt;
  snapshot.schema.Reindex();
  snapshot.schema_hash = hash->get<std::string>();  // == SchemaHash(schema), checked above
  return snapshot;
}

// "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..." ->
// "syntax error ...".
std::string ParseErrorDetail(const std::string& what) {
  const std::size_t at = what.find("parse error");
  const std::size_t colon = what.find(": ", at == std::string::npos ? 0 : at);
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

// ---------------------------------------------------------------------------- schemagen.sum

constexpr const char* kSumHeader =
    "# schemagen.sum: the SHA-256 of every migration file schemagen generated here. Do not "
    "edit;\n"
    "# after a deliberate edit of a migration run `schemagen --rehash`.\n";

bool IsHash(std::string_view text) {
  constexpr std::string_view kPrefix = "sha256:";
  if (text.size() != kPrefix.size() + 64 || text.substr(0, kPrefix.size()) != kPrefix) return false;
  return std::all_of(text.begin() + kPrefix.size(), text.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool IsConflictMarker(std::string_view line) {
  for (std::string_view marker : {"<<<<<<<", "=======", ">>>>>>>", "|||||||"}) {
    if (line.substr(0, marker.size()) == marker) return true;
  }
  return false;
}

std::string EntryLines(std::vector<std::pair<std::string, std::string>> files) {
  std::sort(files.begin(), files.end());
  std::string lines;
  for (const auto& [name, hash] : files) lines += name + " " + hash + "\n";
  return lines;
}

}  // namespace

std::string Sha256(std::string_view content) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(content.data(), content.size(), digest, &size, EVP_sha256(), nullptr) != 1)
    return std::string();  // only when OpenSSL can't allocate; matches no hash
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "sha256:";
  for (unsigned int i = 0; i < size; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xf];
  }
  return out;
}

std::string SchemaJson(const ir::Schema& schema) { return Dump(SchemaValue(schema)); }

std::string SchemaHash(const ir::Schema& schema) { return Sha256(SchemaJson(schema)); }

std::string ToJson(const Snapshot& snapshot) {
  const json out = {{"format", kFormat},
                    {"generator", "schemagen"},
                    {"migrations", snapshot.migrations},
                    {"parent", snapshot.parent},
                    {"schema_hash", SchemaHash(snapshot.schema)},
                    {"steps", ArrayOf(snapshot.steps, StepJson)},
                    {"schema", SchemaValue(snapshot.schema)}};
  return Pretty(out) + "\n";
}

std::optional<Snapshot> FromJson(std::string_view text, const std::string& path,
                                 Diagnostics& diagnostics, bool trusted) {
  json root;
  try {
    root = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    const std::size_t byte = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
    const std::string_view before = text.substr(0, byte);
    const std::size_t line =
        1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
    const std::size_t line_start = before.rfind('\n');
    const std::size_t column =
        byte - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
    diagnostics.Error("E0950", std::nullopt,
                      path + ": not JSON: line " + std::to_string(line) + ", column " +
                          std::to_string(column) + " (byte " + std::to_string(e.byte) +
                          "): " + ParseErrorDetail(e.what()));
    return std::nullopt;
  } catch (const json::exception& e) {  // out_of_range.406: a number beyond a double (1e999)
    diagnostics.Error("E0950", std::nullopt, path + ": not JSON: " + e.what());
    return std::nullopt;
  }
  try {
    return ReadSnapshot(root, path, diagnostics, trusted);
  } catch (const json::exception& e) {  // not expected: every access is checked first
    diagnostics.Error("E0952", std::nullopt, path + ": unreadable snapshot: " + e.what());
    return std::nullopt;
  }
}

std::string RenderSum(const Sum& sum) {
  const std::string entries = EntryLines(sum.files);
  return std::string(kSumHeader) + "total " + Sha256(entries) + "\n" + entries;
}

std::optional<Sum> ParseSum(std::string_view text, const std::string& path,
                            Diagnostics& diagnostics) {
  Sum sum;
  std::optional<std::string> total;
  std::size_t total_line = 0;
  std::set<std::string> names;
  bool malformed = false;
  const auto fail = [&](std::size_t number, const std::string& message) {
    diagnostics.Error("E0954", std::nullopt, path + ":" + std::to_string(number) + ": " + message);
    malformed = true;
  };
  std::size_t number = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++number;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (IsConflictMarker(line)) {
      fail(number,
           "an unresolved git merge conflict. Keep the entries of both sides, drop the "
           "markers and the total lines, and rerun schemagen: it checks the history "
           "and explains a branch conflict");
      continue;
    }
    const std::size_t space = line.rfind(' ');
    const std::string name(line.substr(0, space == std::string_view::npos ? 0 : space));
    const std::string_view hash = space == std::string_view::npos ? "" : line.substr(space + 1);
    if (name.empty() || !IsHash(hash)) {
      fail(number, "expected `NAME sha256:HEX` (64 lowercase hex digits), found `" +
                       std::string(line) + "`");
    } else if (name == "total") {
      if (total)
        fail(number, "a second total line (the first is line " + std::to_string(total_line) + ")");
      total = std::string(hash);
      total_line = number;
    } else if (!names.insert(name).second) {
      fail(number, "a second entry for " + name);
    } else {
      sum.files.emplace_back(name, std::string(hash));
    }
  }
  if (malformed) return std::nullopt;
  if (!total) {
    diagnostics.Error("E0954", std::nullopt,
                      path + ": no `total sha256:HEX` line; rerun schemagen to rewrite it");
    return std::nullopt;
  }
  std::sort(sum.files.begin(), sum.files.end());
  const std::string actual = Sha256(EntryLines(sum.files));
  if (actual != *total) {
    diagnostics.Error(
        "E0955", std::nullopt,
        path + ":" + std::to_string(total_line) +
            ": schemagen.sum was edited or merged by hand: the total line says " + *total +
            " but the entries hash to " + actual +
            ". Two branches that each generated a migration both change the total line, so git "
            "reports a conflict there: keep the entries of both sides and rerun schemagen, "
            "which checks the history and explains a branch conflict. After a deliberate edit "
            "of a migration, run `schemagen --rehash`");
    return std::nullopt;
  }
  return sum;
}

}  // namespace schemagen::state
