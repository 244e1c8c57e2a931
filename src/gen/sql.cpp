#include "schemagen/sql.hpp"

#include <fmt/format.h>

#include <cctype>

#include <algorithm>

#include "schemagen/naming.hpp"
#include "schemagen/text.hpp"

namespace schemagen::sql {
namespace {

using naming::QuoteIdent;
using naming::QuoteLiteral;

// Each line of `text` as a SQL line comment. Lines end at every terminator (text::Lines): a
// bare CR ends a `--` comment for psql and the server, so text after one would run.
std::string CommentLines(const std::string& text) {
  std::string out;
  for (const std::string_view line : text::Lines(text)) {
    if (line.empty()) {
      out += "--\n";
    } else {
      out += "-- ";
      out += line;
      out += '\n';
    }
  }
  return out;
}

}  // namespace

std::string QuoteList(const std::vector<std::string>& names) {
  std::vector<std::string> quoted;
  for (const std::string& n : names) quoted.push_back(QuoteIdent(n));
  return fmt::format("{}", fmt::join(quoted, ", "));
}

std::string ColumnDefinition(const ir::Column& column) {
  std::string out = fmt::format("{} {}", QuoteIdent(column.name), ColumnType(column));
  if (!column.nullable) out += " NOT NULL";
  if (column.default_value) out += " DEFAULT " + DefaultExpression(column);
  return out;
}

std::string ForeignKeyClause(const ir::ForeignKey& fk, int postgres) {
  return fmt::format("FOREIGN KEY ({}) REFERENCES {} ({}) ON DELETE {} ON UPDATE {}",
                     QuoteList(fk.columns), QuoteIdent(fk.ref_table), QuoteList(fk.ref_columns),
                     OnDelete(fk, postgres), ir::ActionSql(fk.on_update));
}

std::string CreatePolicyText(const ir::Table& table, const ir::Policy& policy) {
  std::string text =
      fmt::format("CREATE POLICY {} ON {}", QuoteIdent(policy.name), QuoteIdent(table.name));
  if (policy.command != "ALL") text += " FOR " + policy.command;
  if (!policy.using_expr.empty()) text += "\n  USING (" + policy.using_expr + ")";
  if (!policy.check_expr.empty()) text += "\n  WITH CHECK (" + policy.check_expr + ")";
  return text;
}

std::vector<Statement> RowSecurityStatements(const ir::Table& table) {
  std::vector<Statement> out;
  const std::string name = QuoteIdent(table.name);
  if (table.row_security) {
    out.push_back(
        {"Row-level security: only the rows of the tenant set with SET LOCAL are "
         "visible or writable,\neven to the table's owner (FORCE).",
         fmt::format("ALTER TABLE {} ENABLE ROW LEVEL SECURITY;", name)});
  }
  if (table.force_row_security)
    out.push_back({"", fmt::format("ALTER TABLE {} FORCE ROW LEVEL SECURITY;", name)});
  for (const ir::Policy& policy : table.policies)
    out.push_back({"", CreatePolicyText(table, policy) + ";"});
  return out;
}

namespace {

Statement CreateTable(const ir::Table& table, int postgres) {
  std::vector<std::string> lines;
  for (const ir::Column& column : table.columns) lines.push_back(ColumnDefinition(column));
  lines.push_back(fmt::format("CONSTRAINT {} PRIMARY KEY ({})", QuoteIdent(table.primary_key_name),
                              QuoteList(table.KeyColumnNames())));
  for (const ir::ForeignKey& fk : table.foreign_keys) {
    if (!fk.deferred)
      lines.push_back(
          fmt::format("CONSTRAINT {} {}", QuoteIdent(fk.name), ForeignKeyClause(fk, postgres)));
  }
  for (const ir::UniqueConstraint& u : table.uniques) {
    lines.push_back(
        fmt::format("CONSTRAINT {} UNIQUE ({})", QuoteIdent(u.name), QuoteList(u.columns)));
  }
  for (const ir::Check& c : table.checks) {
    lines.push_back(fmt::format("CONSTRAINT {} CHECK ({})", QuoteIdent(c.name), c.expression));
  }
  return {table.doc, fmt::format("CREATE TABLE {} (\n  {}\n);", QuoteIdent(table.name),
                                 fmt::join(lines, ",\n  "))};
}

}  // namespace

std::string CreateIndexText(const ir::Table& table, const ir::Index& index, bool concurrently) {
  std::vector<std::string> columns;
  for (const ir::IndexColumn& c : index.columns) {
    columns.push_back(QuoteIdent(c.name) + (c.descending ? " DESC" : ""));
  }
  std::string text = fmt::format(
      "CREATE {}INDEX {}{} ON {}{} ({})", index.unique ? "UNIQUE " : "",
      concurrently ? "CONCURRENTLY " : "", QuoteIdent(index.name), QuoteIdent(table.name),
      index.method == "btree" ? "" : " USING " + index.method, fmt::join(columns, ", "));
  if (!index.where.empty()) text += fmt::format(" WHERE ({})", index.where);
  return text;
}

namespace {

std::vector<Statement> Comments(const ir::Table& table) {
  std::vector<Statement> out;
  if (!table.doc.empty()) {
    out.push_back({"", fmt::format("COMMENT ON TABLE {} IS {};", QuoteIdent(table.name),
                                   QuoteLiteral(table.doc))});
  }
  for (const ir::Column& column : table.columns) {
    if (column.doc.empty()) continue;
    out.push_back({"", fmt::format("COMMENT ON COLUMN {}.{} IS {};", QuoteIdent(table.name),
                                   QuoteIdent(column.name), QuoteLiteral(column.doc))});
  }
  return out;
}

}  // namespace

std::vector<Statement> CreateTableStatements(const ir::Table& table, int postgres,
                                             bool set_null_triggers) {
  std::vector<Statement> out = {CreateTable(table, postgres)};
  if (set_null_triggers) {
    for (Statement& s : SetNullTriggers(table, postgres)) out.push_back(std::move(s));
  }
  for (const ir::Index& index : table.indexes)
    out.push_back({"", CreateIndexText(table, index) + ";"});
  for (Statement& s : Comments(table)) out.push_back(std::move(s));
  for (Statement& s : RowSecurityStatements(table)) out.push_back(std::move(s));
  return out;
}

std::string ColumnType(const ir::Column& column) {
  using ir::TypeKind;
  const ir::Type& t = column.type;
  switch (t.kind) {
    case TypeKind::kInteger:
      return column.auto_increment ? "serial" : "integer";
    case TypeKind::kBigInt:
      return column.auto_increment ? "bigserial" : "bigint";
    case TypeKind::kString:
    case TypeKind::kEnum:
      return fmt::format("varchar({})", t.length);
    case TypeKind::kDateTime:
      return "timestamptz";
    case TypeKind::kDecimal:
      return t.precision > 0 ? fmt::format("numeric({}, {})", t.precision, t.scale) : "numeric";
    default:
      return ir::PgTypeName(t);
  }
}

namespace {

// A string literal on one line: itself when it has no control character, else E'...' with
// backslash escapes for them, for quotes and for backslashes.
std::string OneLineLiteral(std::string_view value) {
  if (std::none_of(value.begin(), value.end(),
                   [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
    return QuoteLiteral(value);
  }
  std::string out = "E'";
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\\' || c == '\'') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out += c;
    }
  }
  return out + "'";
}

}  // namespace

std::string DefaultExpression(const ir::Column& column, bool one_line) {
  const ir::Default& d = *column.default_value;
  const auto literal = [&](const std::string& value) {
    return one_line ? OneLineLiteral(value) : QuoteLiteral(value);
  };
  using K = ir::Default::Kind;
  switch (d.kind) {
    case K::kNumber:
    case K::kSql:
      return d.value;
    case K::kBool:
      return d.value;
    case K::kNow:
      return "now()";
    case K::kCurrentDate:
      return "CURRENT_DATE";
    case K::kRandomUuid:
      return "gen_random_uuid()";
    case K::kNull:
      return "NULL";
    case K::kString: {
      const ir::TypeKind kind = column.type.kind;
      if (kind == ir::TypeKind::kJson || kind == ir::TypeKind::kJsonb ||
          kind == ir::TypeKind::kUuid || kind == ir::TypeKind::kDate ||
          kind == ir::TypeKind::kDateTime) {
        return fmt::format("{}::{}", literal(d.value), ColumnType(column));
      }
      return literal(d.value);
    }
  }
  return "NULL";
}

std::string Slug(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) != 0) {
      out += static_cast<char>(std::tolower(c));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "schema" : out;
}

Migration CreateMigration(const ir::Schema& schema) {
  std::vector<std::vector<Statement>> statements;
  statements.reserve(schema.tables.size());
  std::vector<const std::vector<Statement>*> views;
  for (const ir::Table& table : schema.tables) {
    statements.push_back(CreateTableStatements(table, ir::PostgresTarget(schema)));
    views.push_back(&statements.back());
  }
  return CreateMigration(schema, views);
}

Migration CreateMigration(const ir::Schema& schema,
                          const std::vector<const std::vector<Statement>*>& table_statements) {
  Migration m;
  m.name = fmt::format("{}-create-{}", schema.timestamp, Slug(schema.feature));
  const int postgres = ir::PostgresTarget(schema);
  if (NeedsPgcrypto(schema)) m.up.push_back(EnsurePgcrypto());
  std::vector<std::pair<const ir::Table*, const ir::ForeignKey*>> deferred;
  for (std::size_t i = 0; i < schema.tables.size(); ++i) {
    const ir::Table& table = schema.tables[i];
    m.up.insert(m.up.end(), table_statements[i]->begin(), table_statements[i]->end());
    for (const ir::ForeignKey& fk : table.foreign_keys) {
      if (fk.deferred) deferred.emplace_back(&table, &fk);
    }
  }
  for (const auto& [table, fk] : deferred) {
    m.up.push_back(
        {fmt::format("{} and {} reference each other: this key is added once both exist.",
                     table->name, fk->ref_table),
         fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {};", QuoteIdent(table->name),
                     QuoteIdent(fk->name), ForeignKeyClause(*fk, postgres))});
  }
  for (auto it = deferred.rbegin(); it != deferred.rend(); ++it) {
    m.down.push_back({"", fmt::format("ALTER TABLE {} DROP CONSTRAINT {};",
                                      QuoteIdent(it->first->name), QuoteIdent(it->second->name))});
  }
  for (auto it = schema.tables.rbegin(); it != schema.tables.rend(); ++it) {
    m.down.push_back({"", fmt::format("DROP TABLE {};", QuoteIdent(it->name))});
    for (Statement& s : DropSetNullFunctions(*it, postgres)) m.down.push_back(std::move(s));
  }
  if (NeedsPgcrypto(schema)) m.down.push_back(DropPgcryptoIfCreated());
  return m;
}

std::string RenderFile(const std::vector<Statement>& statements, const std::string& header) {
  std::string out = CommentLines(header);
  for (const Statement& s : statements) {
    const bool block = s.text.find('\n') != std::string::npos || !s.comment.empty();
    if (block) out += "\n";
    if (!s.comment.empty()) out += CommentLines(s.comment);
    out += s.text + "\n";
  }
  return out;
}

namespace {

std::string Origin(const ir::Schema& schema) {
  return fmt::format(
      "Generated by schemagen from {}. Do not edit: change the schema and regenerate.",
      text::EscapeControls(schema.source));
}

}  // namespace

namespace {

std::string Header(const ir::Schema& schema, const Migration& migration, const char* direction,
                   const std::string& what) {
  std::string header =
      fmt::format("{}\n{} ({}): {}.\n", Origin(schema), migration.name, direction, what);
  header += migration.transactional
                ? "Run it in one transaction."
                : "Run each statement on its own, outside a transaction (CONCURRENTLY and\n"
                  "VALIDATE must not hold locks for the whole migration).\n" +
                      std::string(kNoTransactionMarker).substr(3);
  return header;
}

}  // namespace

std::string UpFile(const ir::Schema& schema, const Migration& migration) {
  const std::string what =
      migration.summary.empty()
          ? fmt::format("creates {} tables of feature \"{}\"", schema.tables.size(), schema.feature)
          : migration.summary;
  return RenderFile(migration.up, Header(schema, migration, "up", what));
}

std::string DownFile(const ir::Schema& schema, const Migration& migration) {
  const std::string what = migration.summary.empty()
                               ? std::string("drops everything the up migration created")
                               : "undoes the up migration";
  return RenderFile(migration.down, Header(schema, migration, "down", what));
}

}  // namespace schemagen::sql
