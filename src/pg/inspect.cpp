#include "pg/inspect.hpp"

#include "schemagen/sql.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <tuple>

namespace schemagen::pg {
namespace {

// Every query takes the schema's oid as $1 and reads only that schema's objects.
constexpr const char* kTablesSql = R"SQL(
SELECT c.oid, c.relname, coalesce(d.description, ''), c.relrowsecurity, c.relforcerowsecurity
FROM pg_class c
LEFT JOIN pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
WHERE c.relnamespace = $1::oid AND c.relkind IN ('r', 'p')
ORDER BY c.relname COLLATE "C")SQL";

constexpr const char* kColumnsSql = R"SQL(
SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       pg_get_expr(ad.adbin, ad.adrelid), a.attidentity, a.attgenerated,
       coalesce(d.description, ''), a.attnum
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_description d
  ON d.objoid = a.attrelid AND d.classoid = 'pg_class'::regclass AND d.objsubid = a.attnum
WHERE c.relnamespace = $1::oid AND c.relkind IN ('r', 'p') AND a.attnum > 0
  AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum)SQL";

// Key columns as JSON arrays: names may hold any character, so no separator is safe.
// ON DELETE SET NULL (columns) is PostgreSQL 15's confdelsetcols, read through to_jsonb so
// that older servers, which lack the column, read none.
constexpr const char* kConstraintsSql = R"SQL(
SELECT con.conrelid, con.conname, con.contype,
       (SELECT json_agg(a.attname ORDER BY k.i)
        FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
        JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n),
       CASE WHEN fc.relnamespace = $1::oid THEN fc.relname::text
            ELSE quote_ident(fns.nspname) || '.' || quote_ident(fc.relname) END,
       (SELECT json_agg(a.attname ORDER BY k.i)
        FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
        JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n),
       con.confdeltype, con.confupdtype, pg_get_constraintdef(con.oid),
       (SELECT json_agg(a.attname ORDER BY k.i)
        FROM jsonb_array_elements_text(CASE jsonb_typeof(to_jsonb(con) -> 'confdelsetcols')
                                         WHEN 'array' THEN to_jsonb(con) -> 'confdelsetcols'
                                         ELSE '[]' END) WITH ORDINALITY k(n, i)
        JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n::int2)
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
LEFT JOIN pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_namespace fns ON fns.oid = fc.relnamespace
WHERE c.relnamespace = $1::oid AND c.relkind IN ('r', 'p')
  AND con.contype IN ('p', 'f', 'u', 'c', 'x')
ORDER BY con.conrelid, con.conname COLLATE "C")SQL";

// Indexes that back no constraint: those are the constraints' business.
constexpr const char* kIndexesSql = R"SQL(
SELECT i.indrelid, ic.relname, i.indisunique, am.amname, pg_get_expr(i.indpred, i.indrelid),
       (SELECT json_agg(json_build_array(
                  CASE WHEN i.indkey[k - 1] = 0 THEN pg_get_indexdef(i.indexrelid, k, true)
                       ELSE a.attname::text END,
                  (i.indoption[k - 1] & 1) = 1) ORDER BY k)
        FROM generate_series(1, i.indnkeyatts) k
        LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k - 1])
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_am am ON am.oid = ic.relam
WHERE c.relnamespace = $1::oid AND c.relkind IN ('r', 'p')
  AND NOT EXISTS (SELECT 1 FROM pg_constraint con
                  WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                    AND con.contype IN ('p', 'u', 'x'))
ORDER BY i.indrelid, ic.relname COLLATE "C")SQL";

// Owned sequences (deptype 'a': serial; 'i': identity) tell serial columns from defaults.
constexpr const char* kSequencesSql = R"SQL(
SELECT s.relname, format_type(sq.seqtypid, NULL), coalesce(dc.relname || '.' || da.attname, ''),
       d.refobjid, d.refobjsubid, coalesce(d.deptype::text, ''),
       sq.seqstart, sq.seqincrement
FROM pg_class s
JOIN pg_sequence sq ON sq.seqrelid = s.oid
LEFT JOIN pg_depend d
  ON d.classid = 'pg_class'::regclass AND d.objid = s.oid
 AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
LEFT JOIN pg_class dc ON dc.oid = d.refobjid
LEFT JOIN pg_attribute da ON da.attrelid = d.refobjid AND da.attnum = d.refobjsubid
WHERE s.relnamespace = $1::oid AND s.relkind = 'S')SQL";

// Everything else a migration might create in the schema, as (kind, name, detail).
// Extension members are left out: the extension itself is listed.
constexpr const char* kObjectsSql = R"SQL(
WITH ext AS (SELECT objid FROM pg_depend WHERE deptype = 'e')
SELECT CASE t.typtype WHEN 'e' THEN 'enum type' WHEN 'd' THEN 'domain'
                      WHEN 'c' THEN 'composite type' WHEN 'r' THEN 'range type'
                      WHEN 'm' THEN 'multirange type' ELSE 'type' END,
       t.typname::text,
       CASE t.typtype
         WHEN 'e' THEN (SELECT string_agg(quote_literal(e.enumlabel), ', '
                                          ORDER BY e.enumsortorder)
                        FROM pg_enum e WHERE e.enumtypid = t.oid)
         WHEN 'd' THEN format_type(t.typbasetype, t.typtypmod)
                       || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END
                       || coalesce(' DEFAULT ' || t.typdefault, '')
                       || coalesce((SELECT ' ' || string_agg(pg_get_constraintdef(dc.oid), ' '
                                                             ORDER BY dc.conname)
                                    FROM pg_constraint dc WHERE dc.contypid = t.oid), '')
         WHEN 'c' THEN (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod),
                                          ', ' ORDER BY a.attnum)
                        FROM pg_attribute a
                        WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped)
         ELSE '' END
FROM pg_type t
LEFT JOIN pg_class r ON r.oid = t.typrelid
WHERE t.typnamespace = $1::oid AND (t.typrelid = 0 OR r.relkind = 'c')
  AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid)
  AND t.oid NOT IN (SELECT objid FROM ext)
UNION ALL
SELECT CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                      ELSE 'foreign table' END,
       c.relname::text,
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) ELSE '' END
FROM pg_class c
WHERE c.relnamespace = $1::oid AND c.relkind IN ('v', 'm', 'f')
  AND c.oid NOT IN (SELECT objid FROM ext)
UNION ALL
SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,
       p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',
       'returns ' || coalesce(pg_get_function_result(p.oid), 'nothing') || ', '
         || md5(coalesce(p.prosrc, ''))
FROM pg_proc p
WHERE p.pronamespace = $1::oid AND p.oid NOT IN (SELECT objid FROM ext)
UNION ALL
SELECT 'trigger', tg.tgname || ' on ' || c.relname, pg_get_triggerdef(tg.oid)
FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
WHERE c.relnamespace = $1::oid AND NOT tg.tgisinternal
)SQL";

// User triggers with their arguments (bytea, NUL-separated, in the escape format: \nnn for
// NUL and high bytes, \\ for a backslash): the pre-15 form of ON DELETE SET NULL (columns).
constexpr const char* kTriggersSql = R"SQL(
SELECT tg.tgrelid, tg.tgname, encode(tg.tgargs, 'escape')
FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
WHERE c.relnamespace = $1::oid AND NOT tg.tgisinternal
ORDER BY tg.tgrelid, tg.tgname COLLATE "C")SQL";

// Row-level security policies. A policy that is restrictive or limited to roles says so in its
// command ("ALL AS RESTRICTIVE TO app"), which schemagen's policies never are.
constexpr const char* kPoliciesSql = R"SQL(
SELECT pol.polrelid, pol.polname,
       CASE pol.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'
                       WHEN 'd' THEN 'DELETE' ELSE 'ALL' END
         || CASE WHEN pol.polpermissive THEN '' ELSE ' AS RESTRICTIVE' END
         || coalesce(' TO ' || (SELECT string_agg(pg_get_userbyid(r), ', ' ORDER BY 1)
                                FROM unnest(pol.polroles) r WHERE r <> 0), ''),
       coalesce(pg_get_expr(pol.polqual, pol.polrelid), ''),
       coalesce(pg_get_expr(pol.polwithcheck, pol.polrelid), '')
FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid
WHERE c.relnamespace = $1::oid
ORDER BY pol.polrelid, pol.polname COLLATE "C")SQL";

// The database's own list, for a scratch database: a migration must not leave a schema or an
// extension behind either.
constexpr const char* kDatabaseObjectsSql = R"SQL(
SELECT 'schema', n.nspname::text, pg_get_userbyid(n.nspowner)::text
FROM pg_namespace n
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND n.nspname !~ '^pg_(toast_)?temp_'
UNION ALL
SELECT 'extension', x.extname::text, x.extversion || ' in ' || x.extnamespace::regnamespace::text
FROM pg_extension x)SQL";

using TableIndex = std::map<std::string, std::size_t>;  // table oid -> index in tables

// Field `i` of a catalog row; "" for NULL.
std::string At(const Row& row, std::size_t i) { return i < row.size() ? row[i].value_or("") : ""; }

std::vector<std::string> JsonNames(const std::string& text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  for (const auto& item : nlohmann::json::parse(text)) out.push_back(item.get<std::string>());
  return out;
}

ir::Table* TableOf(ir::Schema& schema, const TableIndex& index, const std::string& oid) {
  const auto it = index.find(oid);
  return it == index.end() ? nullptr : &schema.tables[it->second];
}

// The arguments of a trigger from encode(tgargs, 'escape').
std::vector<std::string> TriggerArguments(const std::string& escaped) {
  std::vector<std::string> out;
  std::string current;
  for (std::size_t i = 0; i < escaped.size(); ++i) {
    char c = escaped[i];
    if (c == '\\' && i + 1 < escaped.size() && escaped[i + 1] == '\\') {
      ++i;
    } else if (c == '\\' && i + 3 < escaped.size()) {
      int byte = 0;
      for (std::size_t k = i + 1; k <= i + 3; ++k) byte = byte * 8 + (escaped[k] - '0');
      c = static_cast<char>(byte);
      i += 3;
      if (c == '\0') {
        out.push_back(std::move(current));
        current.clear();
        continue;
      }
    }
    current += c;
  }
  return out;
}

ir::Action ActionFromPg(const std::string& code) {
  if (code == "r") return ir::Action::kRestrict;
  if (code == "c") return ir::Action::kCascade;
  if (code == "n") return ir::Action::kSetNull;
  if (code == "d") return ir::Action::kSetDefault;
  return ir::Action::kNoAction;
}

class Reader {
 public:
  Reader(Session& session, const InspectOptions& options, Diagnostics& diagnostics)
      : session_(session), options_(options), diagnostics_(diagnostics) {}

  std::optional<inspect::Catalog> Read();

 private:
  std::optional<Result> Query(const char* what, const char* sql, bool by_schema = true);
  bool ReadTables();
  bool ReadColumns();
  bool ReadSequences();
  bool ReadConstraints();
  void AddConstraint(ir::Table& table, const Row& row);
  bool ReadIndexes();
  bool ReadPolicies();
  bool ReadSetNullTriggers();
  bool ReadObjects(const char* sql, bool by_schema);

  Session& session_;
  const InspectOptions& options_;
  Diagnostics& diagnostics_;
  std::string oid_;
  inspect::Catalog catalog_;
  TableIndex tables_;
  // "table oid/attnum" of columns that own a serial sequence.
  std::set<std::string> serial_columns_;
  std::set<std::string> identity_columns_;
};

std::optional<Result> Reader::Query(const char* what, const char* sql, bool by_schema) {
  Result result = by_schema ? session_.Exec(sql, {oid_}) : session_.Exec(sql);
  if (!result.ok()) {
    diagnostics_.Error("E0809", std::nullopt,
                       std::string("can't read the ") + what + " of schema " + options_.schema +
                           ": " + result.error);
    return std::nullopt;
  }
  return result;
}

bool Reader::ReadTables() {
  const auto result = Query("tables", kTablesSql);
  if (!result) return false;
  for (const Row& row : result->rows) {
    ir::Table table;
    table.name = At(row, 1);
    table.model = table.name;
    table.doc = At(row, 2);
    table.row_security = At(row, 3) == "t";
    table.force_row_security = At(row, 4) == "t";
    tables_[At(row, 0)] = catalog_.schema.tables.size();
    catalog_.schema.tables.push_back(std::move(table));
  }
  return true;
}

bool Reader::ReadSequences() {
  const auto result = Query("sequences", kSequencesSql);
  if (!result) return false;
  for (const Row& row : result->rows) {
    const std::string owner = At(row, 2);
    const std::string deptype = At(row, 5);
    std::string detail = At(row, 1) + ", start " + At(row, 6) + ", increment " + At(row, 7);
    if (!owner.empty()) detail += (deptype == "i" ? ", identity of " : ", owned by ") + owner;
    catalog_.objects.push_back({"sequence", At(row, 0), detail});
    const std::string key = At(row, 3) + "/" + At(row, 4);
    (deptype == "i" ? identity_columns_ : serial_columns_).insert(key);
  }
  return true;
}

bool Reader::ReadColumns() {
  const auto result = Query("columns", kColumnsSql);
  if (!result) return false;
  for (const Row& row : result->rows) {
    ir::Table* table = TableOf(catalog_.schema, tables_, At(row, 0));
    if (table == nullptr) continue;
    ir::Column column;
    column.name = At(row, 1);
    column.attribute = column.name;
    column.type = TypeFromPg(At(row, 2));
    column.nullable = At(row, 3) != "t";
    column.doc = At(row, 7);
    const std::string key = At(row, 0) + "/" + At(row, 8);
    const std::string expression = At(row, 4);
    const bool serial = serial_columns_.count(key) != 0 && expression.rfind("nextval(", 0) == 0;
    column.auto_increment = serial || !At(row, 5).empty();
    if (!serial && !expression.empty()) {
      // A generated column's expression is no default; keep it visible all the same.
      const bool generated = !At(row, 6).empty();
      const std::string text =
          generated ? "GENERATED ALWAYS AS (" + expression + ") STORED" : expression;
      column.default_value = ir::Default{ir::Default::Kind::kNumber, text};
    }
    table->columns.push_back(std::move(column));
  }
  return true;
}

void Reader::AddConstraint(ir::Table& table, const Row& row) {
  const std::string name = At(row, 1);
  const std::string type = At(row, 2);
  const std::vector<std::string> columns = JsonNames(At(row, 3));
  const std::string definition = At(row, 8);
  if (type == "p") {
    table.primary_key_name = name;
    for (ir::Column& column : table.columns) {
      column.primary_key = std::find(columns.begin(), columns.end(), column.name) != columns.end();
    }
  } else if (type == "f") {
    ir::ForeignKey key;
    key.name = name;
    key.columns = columns;
    key.ref_table = At(row, 4);
    key.ref_columns = JsonNames(At(row, 5));
    key.on_delete = ActionFromPg(At(row, 6));
    key.on_update = ActionFromPg(At(row, 7));
    key.set_null_columns = JsonNames(At(row, 9));
    table.foreign_keys.push_back(std::move(key));
  } else if (type == "u") {
    table.uniques.push_back({name, columns, {}});
  } else if (type == "c") {
    ir::Check check;
    check.name = name;
    if (columns.size() == 1) check.column = columns.front();
    check.expression = definition.rfind("CHECK ", 0) == 0 ? definition.substr(6) : definition;
    table.checks.push_back(std::move(check));
  } else {
    catalog_.objects.push_back({"exclusion constraint", name + " on " + table.name, definition});
  }
}

bool Reader::ReadConstraints() {
  const auto result = Query("constraints", kConstraintsSql);
  if (!result) return false;
  for (const Row& row : result->rows) {
    if (ir::Table* table = TableOf(catalog_.schema, tables_, At(row, 0))) {
      AddConstraint(*table, row);
    }
  }
  return true;
}

bool Reader::ReadIndexes() {
  const auto result = Query("indexes", kIndexesSql);
  if (!result) return false;
  for (const Row& row : result->rows) {
    ir::Table* table = TableOf(catalog_.schema, tables_, At(row, 0));
    if (table == nullptr) continue;
    ir::Index index;
    index.name = At(row, 1);
    index.unique = At(row, 2) == "t";
    index.method = At(row, 3);
    index.where = At(row, 4);
    const std::string columns = At(row, 5);
    for (const auto& item : nlohmann::json::parse(columns.empty() ? "[]" : columns)) {
      index.columns.push_back({item.at(0).get<std::string>(), item.at(1).get<bool>()});
    }
    table->indexes.push_back(std::move(index));
  }
  return true;
}

bool Reader::ReadPolicies() {
  const auto result = Query("row-level security policies", kPoliciesSql);
  if (!result) return false;
  for (const Row& row : result->rows) {
    ir::Table* table = TableOf(catalog_.schema, tables_, At(row, 0));
    if (table == nullptr) continue;
    table->policies.push_back({At(row, 1), At(row, 2), At(row, 3), At(row, 4), {}});
  }
  return true;
}

// ON DELETE SET NULL (columns) as a server before 15 holds it (sql::SetNullByTrigger): the key
// SET NULL on all its columns, and on its table the trigger named after it, whose arguments
// are the columns the delete nulls.
bool Reader::ReadSetNullTriggers() {
  const auto result = Query("triggers", kTriggersSql);
  if (!result) return false;
  for (const Row& row : result->rows) {
    ir::Table* table = TableOf(catalog_.schema, tables_, At(row, 0));
    if (table == nullptr) continue;
    for (ir::ForeignKey& fk : table->foreign_keys) {
      if (fk.on_delete != ir::Action::kSetNull || !fk.set_null_columns.empty() ||
          sql::SetNullTriggerName(fk) != At(row, 1))
        continue;
      std::vector<std::string> columns = TriggerArguments(At(row, 2));
      const bool all_of_key =
          !columns.empty() && columns.size() < fk.columns.size() &&
          std::all_of(columns.begin(), columns.end(), [&](const std::string& c) {
            return std::find(fk.columns.begin(), fk.columns.end(), c) != fk.columns.end();
          });
      if (all_of_key) fk.set_null_columns = std::move(columns);
    }
  }
  return true;
}

bool Reader::ReadObjects(const char* sql, bool by_schema) {
  const auto result = Query("objects", sql, by_schema);
  if (!result) return false;
  for (const Row& row : result->rows) {
    catalog_.objects.push_back({At(row, 0), At(row, 1), At(row, 2)});
  }
  return true;
}

std::optional<inspect::Catalog> Reader::Read() {
  catalog_.schema_name = options_.schema;
  catalog_.schema.name = options_.schema;
  const Result ns =
      session_.Exec("SELECT oid FROM pg_namespace WHERE nspname = $1", {options_.schema});
  if (!ns.ok()) {
    diagnostics_.Error("E0809", std::nullopt,
                       "can't read schema " + options_.schema + ": " + ns.error);
    return std::nullopt;
  }
  oid_ = ns.rows.empty() ? "0" : ns.Text(0, 0);  // no such schema: nothing in it
  const bool ok = ReadTables() && ReadSequences() && ReadColumns() && ReadConstraints() &&
                  ReadIndexes() && ReadPolicies() && ReadSetNullTriggers() &&
                  ReadObjects(kObjectsSql, true) &&
                  (!options_.database_wide || ReadObjects(kDatabaseObjectsSql, false));
  if (!ok) return std::nullopt;
  std::sort(catalog_.objects.begin(), catalog_.objects.end(), [](const auto& a, const auto& b) {
    return std::tie(a.kind, a.name) < std::tie(b.kind, b.name);
  });
  return std::move(catalog_);
}

}  // namespace

ir::Type TypeFromPg(const std::string& format_type) {
  static const std::map<std::string, ir::TypeKind> kPlain = {
      {"text", ir::TypeKind::kText},
      {"integer", ir::TypeKind::kInteger},
      {"bigint", ir::TypeKind::kBigInt},
      {"smallint", ir::TypeKind::kSmallInt},
      {"numeric", ir::TypeKind::kDecimal},
      {"real", ir::TypeKind::kReal},
      {"double precision", ir::TypeKind::kDouble},
      {"boolean", ir::TypeKind::kBoolean},
      {"date", ir::TypeKind::kDate},
      {"timestamp with time zone", ir::TypeKind::kDateTime},
      {"uuid", ir::TypeKind::kUuid},
      {"json", ir::TypeKind::kJson},
      {"jsonb", ir::TypeKind::kJsonb},
  };
  ir::Type type;
  if (const auto it = kPlain.find(format_type); it != kPlain.end()) {
    type.kind = it->second;
    return type;
  }
  static const std::regex kVarchar(R"(character varying\((\d+)\))");
  static const std::regex kNumeric(R"(numeric\((\d+),(\d+)\))");
  std::smatch m;
  if (std::regex_match(format_type, m, kVarchar)) {
    type.kind = ir::TypeKind::kString;
    type.length = std::stoi(m[1].str());
  } else if (std::regex_match(format_type, m, kNumeric)) {
    type.kind = ir::TypeKind::kDecimal;
    type.precision = std::stoi(m[1].str());
    type.scale = std::stoi(m[2].str());
  } else {
    type.kind = ir::TypeKind::kText;
    type.pg_name = format_type;
  }
  return type;
}

std::optional<inspect::Catalog> Inspect(Session& session, const InspectOptions& options,
                                        Diagnostics& diagnostics) {
  // pg_get_expr and format_type qualify names that are not on the search_path: read with the
  // inspected schema alone on it, so the text does not depend on who inspects. The read-only
  // transaction keeps the caller's search_path and sees one consistent catalog.
  Result set = session.Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  if (set.ok()) {
    set = session.Exec("SELECT set_config('search_path', quote_ident($1), true)", {options.schema});
  }
  if (!set.ok()) {
    (void)session.Exec("ROLLBACK");
    diagnostics.Error("E0809", std::nullopt,
                      "can't read schema " + options.schema + ": " + set.error);
    return std::nullopt;
  }
  std::optional<inspect::Catalog> catalog;
  try {
    catalog = Reader(session, options, diagnostics).Read();
  } catch (const nlohmann::json::exception& e) {
    diagnostics.Error(
        "E0809", std::nullopt,
        "can't read schema " + options.schema + ": unexpected catalog data: " + e.what());
  }
  (void)session.Exec("ROLLBACK");
  return catalog;
}

}  // namespace schemagen::pg
