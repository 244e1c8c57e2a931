#!/usr/bin/env bash
# Usage: tests/pg/roundtrip.sh MIGRATIONS_DIR
#
# Proves a migration set is reversible on a real PostgreSQL: in a fresh
# database, apply every *.up.sql (name order), check a table exists, apply
# every *.down.sql (reverse name order), and require the catalog to be exactly
# as before: no table, index, sequence, constraint, type or function left over.
# With several migrations (an evolution history: a create migration and ALTER
# migrations after it), each .down.sql must also give back exactly the catalog
# that was there before its .up.sql: tables, columns (type, nullability,
# default), constraints and indexes by definition, comments. A constraint's NOT
# VALID flag is not compared there: a DOWN doesn't undo a VALIDATE CONSTRAINT.
#
# Each file runs in one transaction (psql --single-transaction), except files
# with the line `-- schemagen:no-transaction`, whose statements must each run
# on their own (CREATE INDEX CONCURRENTLY, VALIDATE CONSTRAINT): psql -f runs
# them one by one in autocommit.
#
# Server: whatever the libpq environment (PGHOST, PGPORT, PGUSER, ...) points
# at; tests/pg/with-postgres.sh provides one. Exit codes: 0 pass, 1 fail,
# 77 no server reachable (CTest's SKIP_RETURN_CODE) unless SCHEMAGEN_REQUIRE_PG=1,
# which turns that into a failure so CI can't skip silently.
set -euo pipefail

if (($# != 1)); then
  echo "usage: $0 MIGRATIONS_DIR" >&2
  exit 2
fi
dir=$1
name="roundtrip($dir)"

# shellcheck source=tests/pg/require_server.sh
source "$(dirname "${BASH_SOURCE[0]}")/require_server.sh"
require_pg_server "$name"

if [[ ! -d "$dir" ]]; then
  echo "$name: FAIL: no such directory" >&2
  exit 1
fi
# Byte order, whatever the caller's locale: migration names start with a timestamp.
mapfile -t ups < <(find "$dir" -maxdepth 1 -type f -name '*.up.sql' | LC_ALL=C sort)
if ((${#ups[@]} == 0)); then
  echo "$name: FAIL: no *.up.sql migrations in $dir" >&2
  exit 1
fi
downs=()
for up in "${ups[@]}"; do
  down=${up%.up.sql}.down.sql
  if [[ ! -f "$down" ]]; then
    echo "$name: FAIL: $(basename "$up") has no matching $(basename "$down")" >&2
    exit 1
  fi
  downs=("$down" "${downs[@]}") # prepend: downs run in reverse order
done

# Unique per run so parallel ctest jobs and reruns never share a database.
db="schemagen_rt_$(date +%s)_$$_${RANDOM}"
# NOTICEs (e.g. from DROP ... IF EXISTS) are noise here; errors still print.
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
psql_db=(psql -X -q -v ON_ERROR_STOP=1 -d "$db")

if ! createdb "$db"; then
  echo "$name: FAIL: createdb failed. A server answers at ${PGHOST:-<default socket>}:${PGPORT:-5432}" >&2
  echo "  but this user can't create databases there; run under tests/pg/with-postgres.sh" >&2
  echo "  or set PGUSER/PGPASSWORD for a role with CREATEDB." >&2
  exit 1
fi
# shellcheck disable=SC2317  # called through trap
drop_db() { dropdb --if-exists --force "$db" || echo "$name: warning: could not drop database $db" >&2; }
trap drop_db EXIT

# Every user-visible object outside the system schemas, one sorted line each.
# Array types and tables' row types are left out: they live and die with their
# owner, which is listed. Columns, definitions and comments are listed too, for
# the comparisons between migrations; enum labels are not (schemagen writes
# enums as CHECK constraints, which are).
read -r -d '' snapshot_sql <<'SQL' || true
WITH ns AS (
  SELECT oid, nspname FROM pg_namespace
  WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
    AND nspname !~ '^pg_(toast_)?temp_'
)
SELECT line FROM (
  SELECT 'schema ' || quote_ident(ns.nspname) AS line FROM ns
  UNION ALL
  SELECT CASE c.relkind
           WHEN 'r' THEN 'table' WHEN 'p' THEN 'partitioned-table'
           WHEN 'i' THEN 'index' WHEN 'I' THEN 'partitioned-index'
           WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view'
           WHEN 'm' THEN 'materialized-view' WHEN 'c' THEN 'composite-type'
           WHEN 'f' THEN 'foreign-table' ELSE 'relkind-' || c.relkind::text
         END || ' ' || quote_ident(ns.nspname) || '.' || quote_ident(c.relname)
  FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
  UNION ALL
  SELECT 'constraint ' || quote_ident(ns.nspname) || '.' || quote_ident(con.conname)
         || ' (' || CASE con.contype
                      WHEN 'p' THEN 'primary key' WHEN 'f' THEN 'foreign key'
                      WHEN 'u' THEN 'unique' WHEN 'c' THEN 'check'
                      WHEN 'x' THEN 'exclusion' WHEN 't' THEN 'trigger'
                      ELSE con.contype::text END
         || ') on ' || COALESCE(NULLIF(con.conrelid, 0)::regclass::text,
                                NULLIF(con.contypid, 0)::regtype::text, '?')
         || ': ' || regexp_replace(pg_get_constraintdef(con.oid), ' NOT VALID$', '')
  FROM pg_constraint con JOIN ns ON ns.oid = con.connamespace
  UNION ALL
  SELECT 'column ' || c.oid::regclass::text || '.' || quote_ident(a.attname)
         || ' ' || format_type(a.atttypid, a.atttypmod)
         || CASE WHEN a.attnotnull THEN ' not null' ELSE ' null' END
         || COALESCE(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
         || COALESCE(' comment ' || quote_literal(col_description(c.oid, a.attnum)), '')
  FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
  UNION ALL
  SELECT 'index-definition ' || pg_get_indexdef(i.indexrelid)
         || CASE WHEN i.indisvalid THEN '' ELSE ' (invalid)' END
  FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN ns ON ns.oid = ic.relnamespace
  UNION ALL
  SELECT 'comment ' || c.oid::regclass::text || ' ' || quote_literal(obj_description(c.oid, 'pg_class'))
  FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
  WHERE obj_description(c.oid, 'pg_class') IS NOT NULL
  UNION ALL
  SELECT CASE t.typtype
           WHEN 'e' THEN 'enum' WHEN 'd' THEN 'domain' WHEN 'r' THEN 'range'
           WHEN 'm' THEN 'multirange' WHEN 'b' THEN 'base-type'
           WHEN 'p' THEN 'pseudo-type' ELSE 'type-' || t.typtype::text
         END || ' ' || quote_ident(ns.nspname) || '.' || quote_ident(t.typname)
  FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
  WHERE t.typrelid = 0
    AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid)
  UNION ALL
  SELECT CASE p.prokind
           WHEN 'f' THEN 'function' WHEN 'p' THEN 'procedure'
           WHEN 'a' THEN 'aggregate' WHEN 'w' THEN 'window-function'
           ELSE 'prokind-' || p.prokind::text
         END || ' ' || p.oid::regprocedure::text
  FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
  UNION ALL
  SELECT 'trigger ' || quote_ident(tg.tgname) || ' on ' || tg.tgrelid::regclass::text
  FROM pg_trigger tg WHERE NOT tg.tgisinternal
  UNION ALL
  SELECT 'policy ' || quote_ident(pol.polname) || ' on ' || pol.polrelid::regclass::text
  FROM pg_policy pol
  UNION ALL
  SELECT 'extension ' || quote_ident(x.extname) FROM pg_extension x
  UNION ALL
  SELECT 'event-trigger ' || quote_ident(et.evtname) FROM pg_event_trigger et
) objects
ORDER BY line COLLATE "C";
SQL

snapshot() { "${psql_db[@]}" -At -c "$snapshot_sql"; }

apply() {
  local file=$1 single=(--single-transaction)
  # One transaction per file: a failing migration leaves nothing half-applied,
  # and the error names the file and line. Not for a no-transaction file: its
  # statements (CONCURRENTLY, VALIDATE) must each run on their own.
  if grep -qE '^--[[:space:]]*schemagen:no-transaction[[:space:]]*$' "$file"; then single=(); fi
  if ! "${psql_db[@]}" "${single[@]}" -f "$file"; then
    echo "$name: FAIL: $(basename "$file") did not apply" >&2
    exit 1
  fi
}

# states[k]: the catalog before ups[k] (states[0]: the fresh database).
states=()
for up in "${ups[@]}"; do
  states+=("$(snapshot)")
  apply "$up"
done
before=${states[0]}

tables=$("${psql_db[@]}" -At -c "
  SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p')
    AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
    AND n.nspname !~ '^pg_(toast_)?temp_'")
if ((tables == 0)); then
  echo "$name: FAIL: the ${#ups[@]} up migration(s) created no table" >&2
  exit 1
fi

# downs run in reverse: downs[i] undoes ups[n - 1 - i].
n=${#ups[@]}
for ((i = 0; i < n; i++)); do
  down=${downs[i]}
  apply "$down"
  after=$(snapshot)
  expected=${states[n - 1 - i]}
  if ((i < n - 1)) && [[ "$after" != "$expected" ]]; then
    echo "$name: FAIL: $(basename "$down") did not give back the catalog that was there before $(basename "${ups[n - 1 - i]}")." >&2
    echo "Catalog difference ('+' = left behind after down, '-' = missing after down):" >&2
    diff -u --label "before $(basename "${ups[n - 1 - i]}")" --label "after $(basename "$down")" \
      <(printf '%s\n' "$expected") <(printf '%s\n' "$after") >&2 || true
    exit 1
  fi
done

if [[ "$before" != "$after" ]]; then
  echo "$name: FAIL: the down migrations did not undo the up migrations." >&2
  echo "Catalog difference ('+' = left behind after down, '-' = missing after down):" >&2
  diff -u --label "fresh database" --label "after up + down" \
    <(printf '%s\n' "$before") <(printf '%s\n' "$after") >&2 || true
  exit 1
fi
echo "$name: ok (${#ups[@]} migration(s), each reverted to the catalog before it; $tables table(s) created and removed)"
