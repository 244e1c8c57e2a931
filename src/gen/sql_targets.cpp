// The SQL forms that depend on the PostgreSQL major a schema targets (docs/postgres-versions.md):
// ON DELETE SET NULL (columns) before 15, and gen_random_uuid() before 13. Each form has the
// same meaning on every major from the target up.
#include <fmt/format.h>

#include <algorithm>

#include "schemagen/naming.hpp"
#include "schemagen/sql.hpp"

namespace schemagen::sql {
namespace {

using naming::QuoteIdent;
using naming::QuoteLiteral;

constexpr int kSetNullColumnsSince = 15;
constexpr int kCoreRandomUuidSince = 13;

// The key's columns a delete keeps: those not in its SET NULL list (the tenant column).
std::vector<std::string> KeptColumns(const ir::ForeignKey& fk) {
  std::vector<std::string> kept;
  for (const std::string& c : fk.columns) {
    if (std::find(fk.set_null_columns.begin(), fk.set_null_columns.end(), c) ==
        fk.set_null_columns.end())
      kept.push_back(c);
  }
  return kept;
}

// `$name$` quotes that `body` does not contain, for a function's body.
std::string DollarQuote(const std::string& body) {
  std::string tag = "$body$";
  while (body.find(tag) != std::string::npos) tag.insert(tag.size() - 1, "_");
  return tag;
}

bool UsesRandomUuid(const ir::Table& table) {
  return std::any_of(table.columns.begin(), table.columns.end(), [](const ir::Column& c) {
    return c.default_value && c.default_value->kind == ir::Default::Kind::kRandomUuid;
  });
}

}  // namespace

bool SetNullByTrigger(const ir::ForeignKey& fk, int postgres) {
  return postgres < kSetNullColumnsSince && fk.on_delete == ir::Action::kSetNull &&
         !fk.set_null_columns.empty() && fk.set_null_columns.size() < fk.columns.size();
}

std::string OnDelete(const ir::ForeignKey& fk, int postgres) {
  std::string out = ir::ActionSql(fk.on_delete);
  if (!fk.set_null_columns.empty() && !SetNullByTrigger(fk, postgres))
    out += " (" + QuoteList(fk.set_null_columns) + ")";
  return out;
}

std::string SetNullTriggerName(const ir::ForeignKey& fk) {
  return naming::FitIdentifier(fk.name + "_set_null");
}

std::vector<Statement> SetNullTrigger(const ir::Table& table, const ir::ForeignKey& fk,
                                      int postgres) {
  if (!SetNullByTrigger(fk, postgres)) return {};
  const std::string name = QuoteIdent(SetNullTriggerName(fk));
  const std::vector<std::string> kept = KeptColumns(fk);
  std::string body = "\nBEGIN\n";
  for (const std::string& c : kept) body += fmt::format("  NEW.{0} := OLD.{0};\n", QuoteIdent(c));
  body += "  RETURN NEW;\nEND\n";
  const std::string quote = DollarQuote(body);
  std::vector<std::string> when = {"pg_trigger_depth() > 0"};
  for (const std::string& c : fk.columns) when.push_back("NEW." + QuoteIdent(c) + " IS NULL");
  std::vector<std::string> was;
  for (const std::string& c : fk.set_null_columns) was.push_back("OLD." + QuoteIdent(c));
  when.push_back(fmt::format("({}) IS NOT NULL", fmt::join(was, ", ")));
  if (was.size() == 1) when.back() = was.front() + " IS NOT NULL";
  std::vector<std::string> arguments;
  for (const std::string& c : fk.set_null_columns) arguments.push_back(QuoteLiteral(c));
  return {{fmt::format("ON DELETE SET NULL ({}) of {} before PostgreSQL 15: the key nulls all its\n"
                       "columns, and this trigger, fired only by such a key action, keeps {}.",
                       fmt::join(fk.set_null_columns, ", "), fk.name, fmt::join(kept, ", ")),
           fmt::format("CREATE FUNCTION {}() RETURNS trigger LANGUAGE plpgsql AS {}{}{};", name,
                       quote, body, quote)},
          {"", fmt::format("CREATE TRIGGER {} BEFORE UPDATE OF {} ON {} FOR EACH ROW\n"
                           "  WHEN ({})\n  EXECUTE FUNCTION {}({});",
                           name, QuoteList(kept), QuoteIdent(table.name), fmt::join(when, " AND "),
                           name, fmt::join(arguments, ", "))}};
}

std::vector<Statement> DropSetNullTrigger(const ir::Table& table, const ir::ForeignKey& fk,
                                          int postgres, bool table_dropped) {
  if (!SetNullByTrigger(fk, postgres)) return {};
  const std::string name = QuoteIdent(SetNullTriggerName(fk));
  std::vector<Statement> out;
  if (!table_dropped)
    out.push_back({"", fmt::format("DROP TRIGGER {} ON {};", name, QuoteIdent(table.name))});
  out.push_back({"", fmt::format("DROP FUNCTION {}();", name)});
  return out;
}

std::vector<Statement> SetNullTriggers(const ir::Table& table, int postgres) {
  std::vector<Statement> out;
  for (const ir::ForeignKey& fk : table.foreign_keys) {
    for (Statement& s : SetNullTrigger(table, fk, postgres)) out.push_back(std::move(s));
  }
  return out;
}

std::vector<Statement> DropSetNullFunctions(const ir::Table& table, int postgres) {
  std::vector<Statement> out;
  for (const ir::ForeignKey& fk : table.foreign_keys) {
    for (Statement& s : DropSetNullTrigger(table, fk, postgres, /*table_dropped=*/true))
      out.push_back(std::move(s));
  }
  return out;
}

bool NeedsPgcrypto(const ir::Schema& schema) {
  return ir::PostgresTarget(schema) < kCoreRandomUuidSince &&
         std::any_of(schema.tables.begin(), schema.tables.end(), UsesRandomUuid);
}

namespace {

constexpr const char* kPgcryptoMark = "schemagen: for gen_random_uuid() before PostgreSQL 13";

}  // namespace

Statement EnsurePgcrypto() {
  return {
      "gen_random_uuid() is core from PostgreSQL 13; before, it is the pgcrypto extension's "
      "(creating it\nneeds a superuser on 12). Created here unless the database has it, and "
      "marked, so that a\nDOWN drops it once nothing uses it.",
      fmt::format("DO $body$\nBEGIN\n"
                  "  IF to_regproc('gen_random_uuid') IS NULL\n"
                  "     AND NOT EXISTS (SELECT FROM pg_extension WHERE extname = 'pgcrypto') THEN\n"
                  "    CREATE EXTENSION pgcrypto;\n"
                  "    COMMENT ON EXTENSION pgcrypto IS {};\n"
                  "  END IF;\nEND\n$body$;",
                  QuoteLiteral(kPgcryptoMark))};
}

Statement DropPgcryptoIfCreated() {
  return {"pgcrypto goes only if a schemagen migration created it and nothing uses it any more.",
          fmt::format("DO $body$\nBEGIN\n"
                      "  IF (SELECT obj_description(oid, 'pg_extension') FROM pg_extension\n"
                      "      WHERE extname = 'pgcrypto') = {} THEN\n"
                      "    DROP EXTENSION pgcrypto;\n"
                      "  END IF;\n"
                      "EXCEPTION WHEN dependent_objects_still_exist THEN\n"
                      "  NULL;\nEND\n$body$;",
                      QuoteLiteral(kPgcryptoMark))};
}

}  // namespace schemagen::sql
