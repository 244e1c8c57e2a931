// The create migration as a sequelize-cli TypeScript file: createTable for tables and their
// columns and keys, addConstraint / addIndex where QueryInterface can express them, raw SQL for
// the rest (CHECK expressions, partial indexes, comments, keys of reference cycles). It
// produces the same catalog as the .sql pair (the end-to-end test compares both).
#include <fmt/format.h>

#include <algorithm>

#include "gen/templates.hpp"
#include "gen/typescript.hpp"
#include "schemagen/generator.hpp"
#include "schemagen/naming.hpp"
#include "schemagen/sql.hpp"
#include "schemagen/text.hpp"

namespace schemagen {
namespace {

using ts::Atom;
using ts::Call;
using ts::ExprPtr;
using ts::Object;

constexpr int kIndent = 4;
constexpr std::size_t kMaxIdentifier = 63;

ExprPtr Str(const std::string& text) { return Atom(ts::String(text)); }

ExprPtr Strings(const std::vector<std::string>& texts) {
  std::vector<ExprPtr> items;
  for (const std::string& t : texts) items.push_back(Str(t));
  return ts::Array(std::move(items));
}

std::string Await(const ExprPtr& call) { return ts::Print("await ", call, ";", kIndent); }

ExprPtr Transaction() { return Object({{"", Atom("transaction")}}); }

std::string RawSql(const std::string& statement) {
  std::string sql = statement;
  if (!sql.empty() && sql.back() == ';') sql.pop_back();
  return Await(Call("queryInterface.sequelize.query", {Str(sql), Transaction()}));
}

// True when JavaScript prints the number `text` back exactly as written: no trailing zero in a
// fraction, no leading zero, and few enough digits to be exact in a double.
bool JavaScriptPrintsAsWritten(const std::string& text) {
  std::string digits = text.substr(!text.empty() && text[0] == '-' ? 1 : 0);
  const std::size_t point = digits.find('.');
  if (point != std::string::npos && (digits.back() == '0' || digits.back() == '.')) return false;
  if (digits.size() > 1 && digits[0] == '0' && point != 1) return false;
  if (text == "-0") return false;
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  return !digits.empty() && digits.size() <= 15;
}

ExprPtr DefaultValue(const ir::Column& column) {
  const ir::Default& d = *column.default_value;
  using K = ir::Default::Kind;
  // A number goes to Sequelize as a JavaScript number only where Sequelize writes it back as
  // the .up.sql does: integers, and decimals JavaScript prints as written (19.90 would come
  // back 19.9, a different default in the catalog). Sequelize quotes a float's default
  // ('1.5'::real) and a bigint's: those, like the rest, get the SQL text itself.
  const ir::TypeKind kind = column.type.kind;
  const bool plain_number =
      d.kind == K::kNumber &&
      (kind == ir::TypeKind::kInteger || kind == ir::TypeKind::kSmallInt ||
       (kind == ir::TypeKind::kDecimal && JavaScriptPrintsAsWritten(d.value)));
  if (plain_number || d.kind == K::kBool) return Atom(d.value);
  if (d.kind == K::kNow) return Call("Sequelize.fn", {Str("now")});
  if (d.kind == K::kString &&
      (column.type.kind == ir::TypeKind::kString || column.type.kind == ir::TypeKind::kText ||
       column.type.kind == ir::TypeKind::kEnum)) {
    return Str(d.value);
  }
  return Call("Sequelize.literal", {Str(sql::DefaultExpression(column))});
}

// PostgreSQL's own name for a single-column foreign key; inline `references` get it.
bool HasDefaultName(const ir::Table& table, const ir::ForeignKey& fk) {
  if (fk.columns.size() != 1) return false;
  const std::string name = table.name + "_" + fk.columns[0] + "_fkey";
  return name.size() <= kMaxIdentifier && name == fk.name;
}

// PostgreSQL's own name for the primary key createTable declares inline.
bool HasDefaultPrimaryKeyName(const ir::Table& table) {
  const std::string name = table.name + "_pkey";
  return name.size() <= kMaxIdentifier && name == table.primary_key_name;
}

ExprPtr ColumnAttributes(const ir::Table& table, const ir::Column& column) {
  std::vector<std::pair<std::string, ExprPtr>> props;
  props.emplace_back("type", Atom("Sequelize.DataTypes." + typescript::DataType(column.type)));
  props.emplace_back("allowNull", Atom(column.nullable ? "true" : "false"));
  if (column.auto_increment) props.emplace_back("autoIncrement", Atom("true"));
  if (column.primary_key && HasDefaultPrimaryKeyName(table))
    props.emplace_back("primaryKey", Atom("true"));
  if (column.default_value) props.emplace_back("defaultValue", DefaultValue(column));
  for (const ir::ForeignKey& fk : table.foreign_keys) {
    if (fk.deferred || fk.columns[0] != column.name || !HasDefaultName(table, fk)) continue;
    props.emplace_back("references",
                       Object({{"model", Str(fk.ref_table)}, {"key", Str(fk.ref_columns[0])}}));
    props.emplace_back("onDelete", Str(ir::ActionSql(fk.on_delete)));
    props.emplace_back("onUpdate", Str(ir::ActionSql(fk.on_update)));
  }
  return Object(std::move(props), /*expanded=*/true);
}

std::string CreateTable(const ir::Table& table) {
  std::vector<std::pair<std::string, ExprPtr>> columns;
  for (const ir::Column& column : table.columns) {
    columns.emplace_back(ts::Key(column.name), ColumnAttributes(table, column));
  }
  return Await(Call("queryInterface.createTable",
                    {Str(table.name), Object(std::move(columns), true), Transaction()}));
}

std::string ForeignKeyStatement(const ir::Table& table, const ir::ForeignKey& fk, int postgres) {
  return RawSql(fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {}", naming::QuoteIdent(table.name),
                            naming::QuoteIdent(fk.name), sql::ForeignKeyClause(fk, postgres)));
}

std::string RawStatement(const sql::Statement& s) { return RawSql(s.text); }

std::string UniqueStatement(const ir::Table& table, const ir::UniqueConstraint& u, int sequelize) {
  if (sequelize == 5) {
    return Await(Call(
        "queryInterface.addConstraint",
        {Str(table.name), Strings(u.columns),
         Object({{"type", Str("unique")}, {"name", Str(u.name)}, {"", Atom("transaction")}})}));
  }
  return Await(
      Call("queryInterface.addConstraint", {Str(table.name), Object({{"type", Str("unique")},
                                                                     {"name", Str(u.name)},
                                                                     {"fields", Strings(u.columns)},
                                                                     {"", Atom("transaction")}})}));
}

std::string IndexStatement(const ir::Table& table, const ir::Index& index, int sequelize) {
  const bool descending = std::any_of(index.columns.begin(), index.columns.end(),
                                      [](const ir::IndexColumn& c) { return c.descending; });
  // QueryInterface can't take a raw predicate, and Sequelize 5's typings reject a column
  // order ({ name, order } is typed as `{...} & string`).
  if (!index.where.empty() || (descending && sequelize == 5)) {
    std::vector<std::string> cols;
    for (const ir::IndexColumn& c : index.columns) {
      cols.push_back(naming::QuoteIdent(c.name) + (c.descending ? " DESC" : ""));
    }
    return RawSql(fmt::format("CREATE {}INDEX {} ON {}{} ({}){}", index.unique ? "UNIQUE " : "",
                              naming::QuoteIdent(index.name), naming::QuoteIdent(table.name),
                              index.method == "btree" ? "" : " USING " + index.method,
                              fmt::join(cols, ", "),
                              index.where.empty() ? "" : " WHERE (" + index.where + ")"));
  }
  std::vector<ExprPtr> fields;
  for (const ir::IndexColumn& c : index.columns) {
    fields.push_back(c.descending ? Object({{"name", Str(c.name)}, {"order", Str("DESC")}})
                                  : Str(c.name));
  }
  std::vector<std::pair<std::string, ExprPtr>> options = {{"name", Str(index.name)}};
  options.emplace_back("fields", ts::Array(std::move(fields)));
  if (index.unique) options.emplace_back("unique", Atom("true"));
  if (index.method != "btree") options.emplace_back("using", Str(index.method));
  options.emplace_back("", Atom("transaction"));
  return Await(Call("queryInterface.addIndex", {Str(table.name), Object(std::move(options))}));
}

std::vector<std::string> TableStatements(const ir::Table& table, int sequelize, int postgres) {
  std::vector<std::string> out = {CreateTable(table)};
  if (!HasDefaultPrimaryKeyName(table)) {  // a name createTable can't give: added by name
    std::vector<std::string> key;
    for (const std::string& c : table.KeyColumnNames()) key.push_back(naming::QuoteIdent(c));
    if (!key.empty()) {
      out.push_back(RawSql(fmt::format(
          "ALTER TABLE {} ADD CONSTRAINT {} PRIMARY KEY ({})", naming::QuoteIdent(table.name),
          naming::QuoteIdent(table.primary_key_name), fmt::join(key, ", "))));
    }
  }
  // Uniques first: a same-tenant key to the table itself needs its UNIQUE (company_id, id).
  for (const ir::UniqueConstraint& u : table.uniques)
    out.push_back(UniqueStatement(table, u, sequelize));
  for (const ir::ForeignKey& fk : table.foreign_keys) {
    if (!fk.deferred && !HasDefaultName(table, fk))
      out.push_back(ForeignKeyStatement(table, fk, postgres));
  }
  for (const sql::Statement& s : sql::SetNullTriggers(table, postgres))
    out.push_back(RawStatement(s));
  for (const ir::Check& c : table.checks) {
    out.push_back(RawSql(fmt::format("ALTER TABLE {} ADD CONSTRAINT {} CHECK ({})",
                                     naming::QuoteIdent(table.name), naming::QuoteIdent(c.name),
                                     c.expression)));
  }
  for (const ir::Index& index : table.indexes)
    out.push_back(IndexStatement(table, index, sequelize));
  if (!table.doc.empty()) {
    out.push_back(RawSql(fmt::format("COMMENT ON TABLE {} IS {}", naming::QuoteIdent(table.name),
                                     naming::QuoteLiteral(table.doc))));
  }
  for (const ir::Column& column : table.columns) {
    if (column.doc.empty()) continue;
    out.push_back(
        RawSql(fmt::format("COMMENT ON COLUMN {}.{} IS {}", naming::QuoteIdent(table.name),
                           naming::QuoteIdent(column.name), naming::QuoteLiteral(column.doc))));
  }
  for (const sql::Statement& s : sql::RowSecurityStatements(table)) out.push_back(RawSql(s.text));
  return out;
}

std::string JoinGroups(const std::vector<std::vector<std::string>>& groups) {
  std::string out;
  for (const auto& group : groups) {
    if (group.empty()) continue;
    if (!out.empty()) out += "\n\n";
    out += fmt::format("{}", fmt::join(group, "\n"));
  }
  return out;
}

// `//` lines for a statement's comment, at `indent` spaces.
// Lines end at every terminator (text::Lines): CR, U+2028 and U+2029 end a `//` comment in
// TypeScript, so text after one would be code.
std::string LineComments(const std::string& text, int indent) {
  std::string out;
  for (const std::string_view line : text::Lines(text)) {
    out.append(static_cast<std::size_t>(indent), ' ');
    out += line.empty() ? "//" : "// ";
    out += line;
    out += '\n';
  }
  return out;
}

// The statements of an evolution migration as awaited queries: inside the transaction, or
// each on its own (and then at function level).
std::string QueryBody(const std::vector<sql::Statement>& statements, bool transactional) {
  const int indent = transactional ? 4 : 2;
  std::string body;
  for (const sql::Statement& s : statements) {
    std::string text = s.text;
    if (!text.empty() && text.back() == ';') text.pop_back();
    if (!s.comment.empty()) {
      if (!body.empty()) body += "\n";
      body += LineComments(s.comment, indent);
    }
    std::vector<ExprPtr> args = {Str(text)};
    if (transactional) args.push_back(Transaction());
    body +=
        ts::Print("await ", Call("queryInterface.sequelize.query", std::move(args)), ";", indent) +
        "\n";
  }
  if (!body.empty()) body.pop_back();
  if (statements.empty()) {
    return "  // nothing to undo: the up migration changes no schema object";
  }
  if (!transactional) return body;
  return "  await queryInterface.sequelize.transaction(async (transaction) => {\n" + body +
         "\n  });";
}

void WriteAlterMigration(const ir::Schema& schema, const sql::Migration& m,
                         const GenerationContext& context, OutputSink& sink) {
  TemplateData data;
  data.set("header", typescript::Header(schema));
  data.set("name", typescript::InComment(m.name));
  data.set("what",
           m.transactional
               ? fmt::format("Does what {0}.up.sql and .down.sql do, in one transaction.", m.name)
               : fmt::format("Does what {0}.up.sql and .down.sql do, each statement on "
                             "its own:\n * CREATE INDEX CONCURRENTLY and VALIDATE must "
                             "not run inside a transaction.",
                             m.name));
  data.set("up_body", QueryBody(m.up, m.transactional));
  data.set("down_body", QueryBody(m.down, m.transactional));
  if (auto text =
          context.templates.Render("alter-migration.ts.mustache", data, context.diagnostics)) {
    sink.Write(schema.migrations_dir + "/" + m.name + ".ts", std::move(*text));
  }
}

class TsMigrationGenerator final : public Generator {
 public:
  std::string_view name() const override { return "ts-migration"; }

  void Generate(const ir::Schema& schema, const GenerationContext& context,
                OutputSink& sink) const override {
    if (context.migrations.evolution) {
      for (const sql::Migration& m : context.migrations.added) {
        WriteAlterMigration(schema, m, context, sink);
      }
      return;
    }
    if (context.migrations.added.empty()) return;
    const int sequelize = context.options.sequelize;
    const int postgres = ir::PostgresTarget(schema);
    std::vector<std::vector<std::string>> up;
    std::vector<std::string> deferred_up;
    std::vector<std::string> down;
    if (sql::NeedsPgcrypto(schema)) up.push_back({RawStatement(sql::EnsurePgcrypto())});
    for (const ir::Table& table : schema.tables) {
      up.push_back(TableStatements(table, sequelize, postgres));
      for (const ir::ForeignKey& fk : table.foreign_keys) {
        if (!fk.deferred) continue;
        deferred_up.push_back(ForeignKeyStatement(table, fk, postgres));
        down.insert(down.begin(), Await(Call("queryInterface.removeConstraint",
                                             {Str(table.name), Str(fk.name), Transaction()})));
      }
    }
    up.push_back(deferred_up);
    for (auto it = schema.tables.rbegin(); it != schema.tables.rend(); ++it) {
      down.push_back(Await(Call("queryInterface.dropTable", {Str(it->name), Transaction()})));
      for (const sql::Statement& s : sql::DropSetNullFunctions(*it, postgres))
        down.push_back(RawStatement(s));
    }
    if (sql::NeedsPgcrypto(schema)) down.push_back(RawStatement(sql::DropPgcryptoIfCreated()));
    const std::string migration = sql::CreateMigration(schema).name;
    TemplateData data;
    data.set("header", typescript::Header(schema));
    data.set("name", typescript::InComment(migration));
    data.set("up_body", JoinGroups(up));
    data.set("down_body", JoinGroups({down}));
    data.set("down_sequelize", "_Sequelize");
    if (auto text = context.templates.Render("migration.ts.mustache", data, context.diagnostics)) {
      sink.Write(schema.migrations_dir + "/" + migration + ".ts", std::move(*text));
    }
  }
};

}  // namespace

std::unique_ptr<Generator> MakeTsMigrationGenerator() {
  return std::make_unique<TsMigrationGenerator>();
}

}  // namespace schemagen
