#include "pg/containment.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>

#include "schemagen/naming.hpp"

namespace schemagen::pg {
namespace {

using naming::QuoteIdent;
using naming::QuoteLiteral;

// The cluster's objects and the session. What this transaction (and its subtransactions)
// wrote into the server-wide catalogs (roles, memberships, databases, role settings,
// tablespaces, their comments) shows in pg_stat_xact_all_tables, whoever else works on the
// server meanwhile. pg_shdepend is left out: every object a role creates records its owner
// there.
constexpr const char* kClusterState = R"sql(
SELECT 'server-wide', c.relname, format('inserted %s, updated %s, deleted %s',
    s.n_tup_ins, s.n_tup_upd, s.n_tup_del)
  FROM pg_catalog.pg_stat_xact_all_tables s JOIN pg_catalog.pg_class c ON c.oid = s.relid
  WHERE c.relisshared AND c.relname <> 'pg_shdepend'
    AND s.n_tup_ins + s.n_tup_upd + s.n_tup_del > 0
UNION ALL
SELECT 'session', 'current_user', current_user::text
UNION ALL
SELECT 'session', 'search_path', pg_catalog.current_setting('search_path'))sql";

// The connected database outside the scratch schemas (the schema fallback): `outside` is a CTE
// of those schemas. Statistics columns (reltuples, relpages) are left out: autovacuum changes
// them at any time.
constexpr const char* kDatabaseState = R"sql(
SELECT 'schema', o.nspname, md5(row(n.nspowner, n.nspacl)::text)
  FROM outside o JOIN pg_catalog.pg_namespace n ON n.oid = o.oid
UNION ALL
SELECT 'relation', o.nspname || '.' || c.relname, md5(row(c.relkind, c.relfilenode, c.relowner,
    c.relacl, c.reloptions, c.relnatts, c.relchecks, c.relhasrules, c.relhastriggers,
    c.relrowsecurity, c.relforcerowsecurity, c.relreplident, c.relpersistence,
    c.relispartition,
    (SELECT string_agg(row(a.attname, a.atttypid, a.atttypmod, a.attnotnull, a.atthasdef,
         a.attisdropped, a.attidentity, a.attgenerated, a.attacl)::text, ',' ORDER BY a.attnum)
       FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0),
    (SELECT string_agg(pg_catalog.pg_get_expr(d.adbin, d.adrelid), ',' ORDER BY d.adnum)
       FROM pg_catalog.pg_attrdef d WHERE d.adrelid = c.oid),
    (SELECT string_agg(row(t.tgname, t.tgfoid, t.tgenabled, t.tgtype)::text, ','
         ORDER BY t.tgname)
       FROM pg_catalog.pg_trigger t WHERE t.tgrelid = c.oid),
    (SELECT string_agg(row(p.polname, p.polcmd, p.polpermissive, p.polroles,
         pg_catalog.pg_get_expr(p.polqual, p.polrelid),
         pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid))::text, ',' ORDER BY p.polname)
       FROM pg_catalog.pg_policy p WHERE p.polrelid = c.oid),
    (SELECT string_agg(r.rulename || ':' || md5(r.ev_action::text), ',' ORDER BY r.rulename)
       FROM pg_catalog.pg_rewrite r WHERE r.ev_class = c.oid))::text)
  FROM outside o JOIN pg_catalog.pg_class c ON c.relnamespace = o.oid
UNION ALL
SELECT 'constraint', o.nspname || '.' || con.conname || ' #' || con.oid::text,
    md5(row(con.contype, con.conrelid, con.confrelid, con.convalidated,
        pg_catalog.pg_get_constraintdef(con.oid))::text)
  FROM outside o JOIN pg_catalog.pg_constraint con ON con.connamespace = o.oid
UNION ALL
SELECT 'function', o.nspname || '.' || p.proname || '(' ||
    pg_catalog.pg_get_function_identity_arguments(p.oid) || ')',
    md5(row(p.prosrc, p.proowner, p.proacl, p.prosecdef, p.proconfig, p.provolatile,
        p.prorettype, p.prokind)::text)
  FROM outside o JOIN pg_catalog.pg_proc p ON p.pronamespace = o.oid
UNION ALL
SELECT 'type', o.nspname || '.' || t.typname, md5(row(t.typowner, t.typacl,
    (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
       FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid))::text)
  FROM outside o JOIN pg_catalog.pg_type t ON t.typnamespace = o.oid
UNION ALL
SELECT 'extension', x.extname, md5(row(x.extversion, x.extnamespace)::text)
  FROM pg_catalog.pg_extension x
  WHERE x.extnamespace IN (SELECT oid FROM outside)
     OR x.extnamespace = 'pg_catalog'::pg_catalog.regnamespace
UNION ALL
SELECT 'event trigger', e.evtname, md5(row(e.evtevent, e.evtenabled, e.evtfoid)::text)
  FROM pg_catalog.pg_event_trigger e
UNION ALL
SELECT 'default privileges', d.defaclrole::text || '/' || d.defaclnamespace::text || '/' ||
    d.defaclobjtype::text, md5(d.defaclacl::text)
  FROM pg_catalog.pg_default_acl d
  WHERE d.defaclnamespace = 0 OR d.defaclnamespace IN (SELECT oid FROM outside)
UNION ALL
SELECT 'large objects', '', count(*)::text || '/' || coalesce(max(l.oid)::text, '')
  FROM pg_catalog.pg_largeobject_metadata l
UNION ALL
SELECT 'rows', s.schemaname || '.' || s.relname, format('inserted %s, updated %s, deleted %s',
    s.n_tup_ins, s.n_tup_upd, s.n_tup_del)
  FROM pg_catalog.pg_stat_xact_all_tables s JOIN pg_catalog.pg_class c ON c.oid = s.relid
  WHERE s.n_tup_ins + s.n_tup_upd + s.n_tup_del > 0
    AND (c.relnamespace IN (SELECT oid FROM outside) OR c.oid = 'pg_catalog.pg_largeobject'::regclass)
UNION ALL)sql";

}  // namespace

Containment::Containment(Session& session, std::string scratch, bool whole_database)
    : session_(session), scratch_(std::move(scratch)), whole_database_(whole_database) {}

std::string Containment::StateQuery() const {
  if (whole_database_) return std::string(kClusterState).substr(1);
  // Inside: the scratch schema and the schemas named after it; never looked at: the system's
  // schemas (only a superuser may change them, and a superuser gets a scratch database) and
  // temporary ones.
  return fmt::format(
      "WITH outside AS (SELECT n.oid, n.nspname FROM pg_catalog.pg_namespace n\n"
      "  WHERE n.nspname <> {0} AND pg_catalog.left(n.nspname, {1}) <> {2}\n"
      "    AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')\n"
      "    AND n.nspname !~ '^pg_(toast_)?temp_')\n{3}{4}",
      QuoteLiteral(scratch_), scratch_.size() + 1, QuoteLiteral(scratch_ + "_"),
      std::string(kDatabaseState).substr(1), kClusterState);
}

Containment::State Containment::StateOf(const Result& rows) {
  State state;
  for (std::size_t i = 0; i < rows.rows.size(); ++i) {
    state[rows.Text(i, 0) + " " + rows.Text(i, 1)] = rows.Text(i, 2);
  }
  return state;
}

std::string Containment::Differences(const State& before, const State& after,
                                     const std::string& search_path) {
  constexpr std::string_view kPath = "session search_path";
  std::vector<std::string> changes;
  for (const auto& [key, digest] : after) {
    if (key == kPath) continue;
    const auto it = before.find(key);
    if (key.rfind("rows ", 0) == 0) {
      changes.push_back(fmt::format("rows of {} ({})", key.substr(5), digest));
    } else if (key.rfind("server-wide ", 0) == 0) {
      changes.push_back(fmt::format("the server-wide catalog {} ({})", key.substr(12), digest));
    } else if (it == before.end()) {
      changes.push_back(key + " created");
    } else if (it->second != digest) {
      changes.push_back(key + " changed");
    }
  }
  for (const auto& [key, digest] : before) {
    if (after.count(key) == 0) changes.push_back(key + " dropped");
  }
  const auto path = after.find(std::string(kPath));
  const auto path_before = before.find(std::string(kPath));
  const std::string expected = !search_path.empty()          ? QuoteIdent(search_path)
                               : path_before != before.end() ? path_before->second
                                                             : "";
  if (path != after.end() && path->second != expected) {
    changes.push_back(fmt::format("the search_path set to '{}'", path->second));
  }
  if (changes.empty()) return "";
  const std::size_t shown = std::min<std::size_t>(changes.size(), 6);
  std::string out = fmt::format(
      "it changed what lies outside verify's scratch: {}",
      fmt::join(changes.begin(), changes.begin() + static_cast<std::ptrdiff_t>(shown), "; "));
  if (shown < changes.size()) out += fmt::format("; and {} more", changes.size() - shown);
  return out;
}

void Containment::ResetSession() {
  std::string reset = "RESET ALL";
  if (!session_path_.empty()) reset += "; SET search_path TO " + QuoteIdent(session_path_);
  (void)session_.Exec(reset);
}

Result Containment::Run(const std::vector<std::string>& statements, const std::string& search_path,
                        std::size_t& failed) {
  const std::string query = StateQuery();
  const Result before_rows = session_.Exec(query);
  if (!before_rows.ok()) {
    failed = statements.size();
    return before_rows;
  }
  const State before = StateOf(before_rows);
  std::vector<std::string> all;
  all.reserve(statements.size() + 1);
  if (!search_path.empty()) all.push_back("SET LOCAL search_path TO " + QuoteIdent(search_path));
  all.insert(all.end(), statements.begin(), statements.end());
  std::size_t at = 0;
  Result result = session_.ExecEachInTransaction(
      all, query,
      [&](const Result& after) { return Differences(before, StateOf(after), search_path); }, at);
  const std::size_t lead = search_path.empty() ? 0 : 1;
  failed = at < lead ? 0 : at - lead;
  ResetSession();
  return result;
}

Result Containment::RunAlone(const std::string& statement) {
  const std::string query = StateQuery();
  const Result before_rows = session_.Exec(query);
  if (!before_rows.ok()) return before_rows;
  Result result = session_.Exec(statement);
  const Result after_rows = session_.Exec(query);
  ResetSession();
  if (!result.ok()) return result;
  if (!after_rows.ok()) return after_rows;
  const std::string changed = Differences(StateOf(before_rows), StateOf(after_rows), "");
  if (changed.empty()) return result;
  Result refused;
  refused.error = changed + " (it ran outside a transaction: that could not be undone)";
  refused.sqlstate = kRefused;
  return refused;
}

}  // namespace schemagen::pg
