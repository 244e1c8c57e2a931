// The snapshot's reader: simdjson's DOM read into the IR, every member checked, each problem
// one positioned E0952 and the reading going on, so one run reports every bad member.
#include <simdjson.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>

#include "evolve/state_writer.hpp"
#include "schemagen/state.hpp"

namespace schemagen::state {
namespace {

using namespace detail;  // NOLINT(google-build-using-namespace): the shared names and writers
using nlohmann::json;

// Compact JSON of a DOM value (the reader's side): what hashes are taken over. Invalid UTF-8
// (only possible from a non-UTF-8 DSL) becomes U+FFFD instead of throwing.
std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// A value of the snapshot being read: simdjson's DOM (parsed at gigabytes a second, strings
// viewed in place, so reading a 64 MB snapshot costs little more than copying its strings
// into the IR), with the questions the reader asks.
class Value {
 public:
  explicit Value(simdjson::dom::element element) : element_(element) {}
  bool is_object() const { return element_.is_object(); }
  bool is_array() const { return element_.is_array(); }
  bool is_string() const { return element_.is_string(); }
  bool is_boolean() const { return element_.is_bool(); }
  bool is_integer() const { return element_.is_int64() || element_.is_uint64(); }
  std::string_view string() const {
    std::string_view out;
    return element_.get_string().get(out) == simdjson::SUCCESS ? out : std::string_view();
  }
  bool boolean() const {
    bool out = false;
    return element_.get_bool().get(out) == simdjson::SUCCESS && out;
  }
  // An integer (is_integer()) as int64, beyond it saturated.
  std::int64_t integer() const {
    std::int64_t out = 0;
    if (element_.get_int64().get(out) == simdjson::SUCCESS) return out;
    return std::numeric_limits<std::int64_t>::max();
  }
  // The member `key` of an object.
  std::optional<Value> Find(std::string_view key) const {
    simdjson::dom::object object;
    simdjson::dom::element member;
    if (element_.get_object().get(object) != simdjson::SUCCESS ||
        object.at_key(key).get(member) != simdjson::SUCCESS)
      return std::nullopt;
    return Value(member);
  }
  // f(item, index) for each item of an array.
  template <typename F>
  void ForEach(F f) const {
    simdjson::dom::array array;
    if (element_.get_array().get(array) != simdjson::SUCCESS) return;
    std::size_t i = 0;
    for (simdjson::dom::element item : array) f(Value(item), i++);
  }
  // The value as nlohmann::json, for what only the slow paths need (messages, the checks of a
  // snapshot schemagen.sum does not vouch for).
  json Dom() const { return json::parse(simdjson::minify(element_)); }

 private:
  simdjson::dom::element element_;
};

// A short rendering of a JSON value for "found ..." in messages.
std::string Found(const Value& value) {
  if (value.is_object()) return "an object";
  if (value.is_array()) return "an array";
  std::string text = value.Dom().dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

// A JSON pointer ("/schema/tables/3/columns/0"), built only when a problem is reported: the
// reader passes one down for every value it reads.
class Pointer {
 public:
  Pointer() = default;
  Pointer(const Pointer& parent, std::string_view key) : parent_(&parent), key_(key) {}
  Pointer(const Pointer& parent, std::string_view key, std::size_t index)
      : parent_(&parent), key_(key), index_(index) {}
  std::string Text() const {
    std::string out = parent_ != nullptr ? parent_->Text() : std::string(root_);
    if (!key_.empty()) {
      out += '/';
      out += key_;
    }
    if (index_ != kNoIndex) out += "/" + std::to_string(index_);
    return out;
  }
  /// A pointer from text (a json::diff path, or the root's "").
  static Pointer Root(std::string_view text) {
    Pointer p;
    p.root_ = text;
    return p;
  }

 private:
  static constexpr std::size_t kNoIndex = static_cast<std::size_t>(-1);
  const Pointer* parent_ = nullptr;
  std::string_view root_;
  std::string_view key_;
  std::size_t index_ = kNoIndex;
};

// Reads members with their JSON pointers; each problem is one E0952 naming the file and the
// pointer, and the reading goes on so that one run reports every bad member.
class Reader {
 public:
  Reader(const std::string& path, Diagnostics& diagnostics)
      : path_(path), diagnostics_(diagnostics) {}
  bool failed() const { return failed_; }

  void Fail(const Pointer& at, const std::string& message) {
    const std::string where = at.Text();
    diagnostics_.Error("E0952", std::nullopt,
                       path_ + ": " + (where.empty() ? std::string() : where + ": ") + message);
    failed_ = true;
  }

  // The member `key` of `object`, checked with `is`, or nullopt (reported unless optional).
  template <typename Is>
  std::optional<Value> Member(const Value& object, const Pointer& at, const char* key,
                              bool required, Is is, const char* expected) {
    std::optional<Value> member = object.Find(key);
    if (!member) {
      if (required)
        Fail(Pointer(at, key), std::string("missing member (expected ") + expected + ")");
      return std::nullopt;
    }
    if (!is(*member)) {
      Fail(Pointer(at, key), std::string("expected ") + expected + ", found " + Found(*member));
      return std::nullopt;
    }
    return member;
  }

  std::optional<Value> Object(const Value& o, const Pointer& at, const char* key,
                              bool required = true) {
    return Member(o, at, key, required, IsObject, "an object");
  }
  std::optional<Value> Array(const Value& o, const Pointer& at, const char* key,
                             bool required = true) {
    return Member(o, at, key, required, IsArray, "an array");
  }

  std::string String(const Value& o, const Pointer& at, const char* key, bool required = true) {
    const auto v = Member(o, at, key, required, IsString, "a string");
    return v ? std::string(v->string()) : std::string();
  }
  std::optional<std::string> OptionalString(const Value& o, const Pointer& at, const char* key) {
    const auto v = Member(o, at, key, false, IsString, "a string");
    if (!v) return std::nullopt;
    return std::string(v->string());
  }
  bool Bool(const Value& o, const Pointer& at, const char* key, bool required = true) {
    const auto v = Member(o, at, key, required, IsBool, "true or false");
    return v && v->boolean();
  }
  // An optional integer, 0 when absent.
  int Int(const Value& o, const Pointer& at, const char* key) {
    const auto v = Member(o, at, key, false, IsInt, "an integer");
    return v ? static_cast<int>(v->integer()) : 0;
  }

  template <typename E, std::size_t N>
  E Enum(const Value& o, const Pointer& at, const char* key, const Named<E> (&names)[N]) {
    const std::optional<Value> member = o.Find(key);
    if (member && member->is_string()) {
      const std::string_view text = member->string();
      for (const Named<E>& named : names) {
        if (text == named.name) return named.value;
      }
    }
    std::string expected = "one of";
    for (std::size_t i = 0; i < N; ++i)
      expected += (i == 0 ? " " : ", ") + std::string(names[i].name);
    if (const auto v = Member(o, at, key, true, IsString, expected.c_str()))
      Fail(Pointer(at, key), "expected " + expected + ", found " + Found(*v));
    return names[0].value;
  }

  std::vector<std::string> Strings(const Value& o, const Pointer& at, const char* key,
                                   bool required = true) {
    std::vector<std::string> out;
    const auto array = Array(o, at, key, required);
    if (!array) return out;
    array->ForEach([&](const Value& item, std::size_t i) {
      if (item.is_string())
        out.emplace_back(item.string());
      else
        Fail(Pointer(at, key, i), "expected a string, found " + Found(item));
    });
    return out;
  }

  // Reads the array of objects `key` with read(item, pointer) -> T.
  template <typename T, typename F>
  std::vector<T> Objects(const Value& o, const Pointer& at, const char* key, F&& read,
                         bool required = true) {
    std::vector<T> out;
    const auto array = Array(o, at, key, required);
    if (!array) return out;
    array->ForEach([&](const Value& item, std::size_t i) {
      const Pointer where(at, key, i);
      if (item.is_object())
        out.push_back(read(item, where));
      else
        Fail(where, "expected an object, found " + Found(item));
    });
    return out;
  }

 private:
  static bool IsObject(const Value& v) { return v.is_object(); }
  static bool IsArray(const Value& v) { return v.is_array(); }
  static bool IsString(const Value& v) { return v.is_string(); }
  static bool IsBool(const Value& v) { return v.is_boolean(); }
  static bool IsInt(const Value& v) {
    if (!v.is_integer()) return false;
    const std::int64_t i = v.integer();
    return i >= std::numeric_limits<int>::min() && i <= std::numeric_limits<int>::max();
  }

  const std::string& path_;
  Diagnostics& diagnostics_;
  bool failed_ = false;
};

using At = const Pointer&;

ir::Type ReadType(Reader& r, const Value& o, At at) {
  ir::Type type;
  type.kind = r.Enum(o, at, "kind", kTypeKinds);
  type.length = r.Int(o, at, "length");
  type.precision = r.Int(o, at, "precision");
  type.scale = r.Int(o, at, "scale");
  type.enum_name = r.String(o, at, "enum_name", false);
  type.pg_name = r.String(o, at, "pg_name", false);
  return type;
}

ir::Default ReadDefault(Reader& r, const Value& o, At at) {
  ir::Default value;
  value.kind = r.Enum(o, at, "kind", kDefaultKinds);
  value.value = r.String(o, at, "value", false);
  return value;
}

ir::Column ReadColumn(Reader& r, const Value& o, At at) {
  ir::Column column;
  column.attribute = r.String(o, at, "attribute");
  column.name = r.String(o, at, "name");
  if (const auto type = r.Object(o, at, "type"))
    column.type = ReadType(r, *type, Pointer(at, "type"));
  column.nullable = r.Bool(o, at, "nullable");
  column.primary_key = r.Bool(o, at, "primary_key");
  column.auto_increment = r.Bool(o, at, "auto_increment");
  if (const auto value = r.Object(o, at, "default", false))
    column.default_value = ReadDefault(r, *value, Pointer(at, "default"));
  column.origin = r.Enum(o, at, "origin", kOrigins);
  column.doc = r.String(o, at, "doc", false);
  return column;
}

ir::ForeignKey ReadForeignKey(Reader& r, const Value& o, At at) {
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

ir::Index ReadIndex(Reader& r, const Value& o, At at) {
  ir::Index index;
  index.name = r.String(o, at, "name");
  index.columns = r.Objects<ir::IndexColumn>(o, at, "columns", [&r](const Value& c, At where) {
    return ir::IndexColumn{r.String(c, where, "name"), r.Bool(c, where, "descending")};
  });
  index.unique = r.Bool(o, at, "unique");
  index.method = r.String(o, at, "method");
  index.where = r.String(o, at, "where", false);
  index.reason = r.Enum(o, at, "reason", kReasons);
  return index;
}

ir::UniqueConstraint ReadUnique(Reader& r, const Value& o, At at) {
  ir::UniqueConstraint unique;
  unique.name = r.String(o, at, "name");
  unique.columns = r.Strings(o, at, "columns");
  return unique;
}

ir::Check ReadCheck(Reader& r, const Value& o, At at) {
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

ir::Relation ReadRelation(Reader& r, const Value& o, At at) {
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

ir::Policy ReadPolicy(Reader& r, const Value& o, At at) {
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
  return [&r, read](const Value& o, At at) { return read(r, o, at); };
}

ir::Table ReadTable(Reader& r, const Value& o, At at) {
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

ir::Enum ReadEnum(Reader& r, const Value& o, At at) {
  ir::Enum e;
  e.name = r.String(o, at, "name");
  e.values = r.Strings(o, at, "values");
  e.doc = r.String(o, at, "doc", false);
  return e;
}

ir::Schema ReadSchema(Reader& r, const Value& o, At at) {
  ir::Schema schema;
  schema.source = r.String(o, at, "source");
  schema.name = r.String(o, at, "name");
  schema.doc = r.String(o, at, "doc", false);
  schema.feature = r.String(o, at, "feature");
  schema.tenant = r.String(o, at, "tenant");
  schema.tenant_table = r.String(o, at, "tenant_table");
  schema.naming = r.Enum(o, at, "naming", kNamings);
  schema.timestamp = r.String(o, at, "timestamp");
  schema.postgres = r.Int(o, at, "postgres");
  schema.migrations_dir = r.String(o, at, "migrations_dir");
  schema.models_dir = r.String(o, at, "models_dir");
  schema.docs_dir = r.String(o, at, "docs_dir");
  schema.enums = r.Objects<ir::Enum>(o, at, "enums", With(r, ReadEnum));
  schema.tables = r.Objects<ir::Table>(o, at, "tables", With(r, ReadTable));
  return schema;
}

std::vector<sql::Statement> ReadStatements(Reader& r, const Value& o, At at, const char* key) {
  return r.Objects<sql::Statement>(o, at, key, [&r](const Value& s, At where) {
    return sql::Statement{r.String(s, where, "comment", false), r.String(s, where, "text")};
  });
}

evolve::Step ReadStep(Reader& r, const Value& o, At at) {
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
bool CheckFormat(Reader& r, const Value& root, const std::string& path, Diagnostics& diagnostics) {
  const auto format = r.Member(
      root, Pointer(), "format", true, [](const Value& v) { return v.is_integer(); }, "an integer");
  if (!format) return false;
  const std::int64_t value = format->integer();
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

// The recorded schema (its compact text) against its hash: false (E0953) when they differ.
bool HashMatches(const std::string& recorded, const std::string& hash, const std::string& path,
                 Diagnostics& diagnostics) {
  if (Sha256(recorded) == hash) return true;
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
void CheckCanonical(Reader& r, const json& recorded, const std::string& recorded_text,
                    const ir::Schema& loaded) {
  const std::string printed_text = SchemaJson(loaded);
  if (recorded_text == printed_text) return;  // the usual case
  const json patch = json::diff(recorded, json::parse(printed_text));
  for (const json& operation : patch) {
    const std::string pointer = "/schema" + operation.value("path", std::string());
    const std::string op = operation.value("op", std::string());
    if (op == "remove")
      r.Fail(Pointer::Root(pointer), "unknown member (this schemagen reads snapshot format " +
                                         std::to_string(kFormat) + ")");
    else
      r.Fail(Pointer::Root(pointer), "not as schemagen writes it (" + op + ")");
  }
}

std::optional<Snapshot> ReadSnapshot(const Value& root, const std::string& path,
                                     Diagnostics& diagnostics, bool trusted) {
  Reader r(path, diagnostics);
  if (!root.is_object()) {
    r.Fail(Pointer(), "expected a snapshot object, found " + Found(root));
    return std::nullopt;
  }
  if (!CheckFormat(r, root, path, diagnostics)) return std::nullopt;
  Snapshot snapshot;
  const Pointer top;
  r.String(root, top, "generator");
  snapshot.migrations = r.Strings(root, top, "migrations");
  snapshot.parent = r.String(root, top, "parent");
  const auto hash = r.Member(
      root, top, "schema_hash", true, [](const Value& v) { return v.is_string(); }, "a string");
  const auto schema = r.Object(root, top, "schema");
  // A snapshot schemagen.sum does not vouch for: its schema as nlohmann reads it (keys sorted,
  // the last of duplicate keys), whose compact text must hash to the recorded hash.
  bool hash_matches = true;
  json recorded;
  std::string recorded_text;
  if (schema && hash && !trusted) {
    recorded = schema->Dom();
    recorded_text = Dump(recorded);
    hash_matches = HashMatches(recorded_text, std::string(hash->string()), path, diagnostics);
  }
  snapshot.steps = r.Objects<evolve::Step>(root, top, "steps", With(r, ReadStep));
  if (schema) snapshot.schema = ReadSchema(r, *schema, Pointer(top, "schema"));
  if (schema && hash && hash_matches && !r.failed() && !trusted)
    CheckCanonical(r, recorded, recorded_text, snapshot.schema);
  if (r.failed() || !hash_matches) return std::nullopt;
  snapshot.schema.Reindex();
  snapshot.schema_hash = hash->string();  // == SchemaHash(schema), checked above
  return snapshot;
}

// "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..." ->
// "syntax error ...".
std::string ParseErrorDetail(const std::string& what) {
  const std::size_t at = what.find("parse error");
  const std::size_t colon = what.find(": ", at == std::string::npos ? 0 : at);
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

}  // namespace

std::optional<Snapshot> FromJson(std::string_view text, const std::string& path,
                                 Diagnostics& diagnostics, bool trusted) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  const simdjson::error_code parsed = parser.parse(text.data(), text.size()).get(root);
  if (parsed != simdjson::SUCCESS) {
    // Not JSON: nlohmann says where and why, as users of earlier versions saw it.
    try {
      const json probe = json::parse(text.begin(), text.end());
      static_cast<void>(probe);
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
    // JSON that simdjson does not take (nesting deeper than 1024, an integer beyond 64 bits):
    // no snapshot schemagen writes.
    diagnostics.Error("E0950", std::nullopt,
                      path + ": not a snapshot: " + simdjson::error_message(parsed));
    return std::nullopt;
  }
  try {
    return ReadSnapshot(Value(root), path, diagnostics, trusted);
  } catch (const json::exception& e) {  // not expected: every access is checked first
    diagnostics.Error("E0952", std::nullopt, path + ": unreadable snapshot: " + e.what());
    return std::nullopt;
  }
}

}  // namespace schemagen::state
