#!/usr/bin/env bash
# Usage: tests/e2e/run.sh SCHEMAGEN EXAMPLE TARGET
#
# The real-client end-to-end test of one example for one Sequelize major version (TARGET = 5
# or 6): generates examples/EXAMPLE with `SCHEMAGEN --sequelize TARGET` into a temporary work
# directory, from scratch, replaying the example's history (examples/EXAMPLE/history/, see
# scripts/lib/example-history.sh) so that the create migration and every ALTER migration
# since are written, and checks the output with the tools a project would use, pinned in
# tests/e2e/sequelizeTARGET/package-lock.json:
#   prettier   `prettier --check` (default options) reports no change in any generated .ts
#   tsc        `tsc --strict` (tests/e2e/sequelizeTARGET/tsconfig.json) accepts the models,
#              the migrations, tests/e2e/roundtrip/EXAMPLE.ts and (if there is one)
#              tests/e2e/roundtrip/EXAMPLE-isolation.ts, and compiles them to dist/
#   migrate    `sequelize-cli db:migrate` runs every compiled migration in a fresh database
#              (SequelizeMeta lists them all afterwards)
#   catalog    that database's catalog (tests/e2e/catalog.sql) is identical to the one of a
#              second fresh database where psql applied every generated *.up.sql in name
#              order: each in one transaction (--single-transaction), except those marked
#              `-- schemagen:no-transaction`, whose statements run one by one in autocommit
#              (CREATE INDEX CONCURRENTLY, VALIDATE CONSTRAINT)
#   fresh      (more than one migration) the catalog the whole history builds is the one
#              entities.dsl's own create migration builds in an empty database (generated
#              aside, without the history), column order aside: ALTER TABLE ADD COLUMN
#              appends where a fresh CREATE TABLE puts the field where the DSL declares it
#   undo each  (more than one migration) `sequelize-cli db:migrate:undo`, one migration at a
#              time: after undoing migration k the catalog is the one psql had after the
#              .up.sql files before k (a VALIDATE is not undone, so a constraint's NOT VALID
#              flag is not compared at these intermediate points)
#   undo       `sequelize-cli db:migrate:undo:all` (after migrating up again) leaves nothing
#              but an empty SequelizeMeta
#   roundtrip  after migrating up again, roundtrip/EXAMPLE.ts uses the generated models
#              (create, include, soft delete, tenant-scoped uniques)
#   isolation  (examples with row-level security, whose models include with-tenant.ts; they
#              need a roundtrip/EXAMPLE-isolation.ts) in the same database, as an unprivileged
#              login role this run creates (NOSUPERUSER NOBYPASSRLS, USAGE on the tables'
#              schemas, SELECT/INSERT/UPDATE/DELETE on their tables, USAGE/SELECT/UPDATE on
#              their sequences; dropped at exit), roundtrip/EXAMPLE-isolation.ts checks
#              through the generated models and withTenant that one company reads, writes,
#              updates and deletes only its own rows, that the same-tenant composite foreign
#              keys reject references across companies, and that outside withTenant nothing is
#              visible; the PG* user seeds the rows of two companies (as a superuser, it
#              bypasses row-level security) and needs CREATEROLE
# Each step prints one PASS/FAIL line; a step whose input is missing (no compiled JS, no
# migrated database) is reported as SKIP and counts as a failure of the run.
#
# Node packages: `npm ci` runs once per lockfile into a cache, by default next to SCHEMAGEN
# (build/e2e-node/), keyed by a hash of package.json, package-lock.json and the node version;
# SCHEMAGEN_E2E_NODE_CACHE overrides the directory. Concurrent runs wait on a lock file.
#
# Server: whatever the libpq environment (PGHOST, PGPORT, PGUSER, PGPASSWORD) points at, as
# for tests/pg/roundtrip.sh; tests/pg/with-postgres.sh provides one. PGHOST may be a Unix
# socket directory. Exit codes: 0 pass, 1 fail, 2 usage, 77 no server reachable (CTest's
# SKIP_RETURN_CODE) unless SCHEMAGEN_REQUIRE_PG=1, which turns that into a failure.
# SCHEMAGEN_E2E_KEEP=1 keeps the work directory, the databases and the isolation step's role
# for inspection.
set -euo pipefail

if (($# != 3)) || [[ "$3" != 5 && "$3" != 6 ]]; then
  echo "usage: $0 SCHEMAGEN EXAMPLE TARGET(5|6)" >&2
  exit 2
fi
example=$2
target=$3
name="e2e.$example.sequelize$target${SCHEMAGEN_POSTGRES_TARGET:+.pg$SCHEMAGEN_POSTGRES_TARGET}"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
project=$here/sequelize$target
example_dir=$root/examples/$example
dsl=$example_dir/entities.dsl
roundtrip_src=$here/roundtrip/$example.ts
isolation_src=$here/roundtrip/$example-isolation.ts

if [[ ! -x "$1" ]]; then
  echo "$name: FAIL: schemagen binary '$1' is not executable" >&2
  exit 1
fi
schemagen=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
for f in "$dsl" "$root/scripts/lib/example-history.sh" "$roundtrip_src" "$here/roundtrip/lib/support.ts" "$project/package.json" "$project/package-lock.json" "$project/tsconfig.json"; do
  if [[ ! -f "$f" ]]; then
    echo "$name: FAIL: missing $f" >&2
    exit 1
  fi
done

if ! pg_isready -q -t 5 >/dev/null 2>&1; then
  where="host=${PGHOST:-<default socket>} port=${PGPORT:-5432}"
  if [[ "${SCHEMAGEN_REQUIRE_PG:-0}" == 1 ]]; then
    echo "$name: FAIL: no PostgreSQL server reachable ($where) and SCHEMAGEN_REQUIRE_PG=1." >&2
    echo "  Run under a throwaway server: tests/pg/with-postgres.sh ctest --test-dir build -L e2e" >&2
    exit 1
  fi
  echo "$name: SKIP: no PostgreSQL server reachable ($where); run under tests/pg/with-postgres.sh" >&2
  exit 77
fi
for tool in node npm psql createdb dropdb dropuser diff sha256sum flock; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "$name: FAIL: '$tool' is not installed (node 18+ and npm are needed for the e2e tests)" >&2
    exit 1
  fi
done

# NOTICEs (e.g. from DROP ... IF EXISTS) are noise; errors still print.
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"

# ---------------------------------------------------------------- reporting
declare -a failed=()
now() { echo "${EPOCHREALTIME/[.,]/}"; } # microseconds
run_start=$(now)
step_start=$run_start
begin() { step_start=$(now); }
elapsed() { local us=$(($(now) - $1)); printf '%d.%01ds' $((us / 1000000)) $((us % 1000000 / 100000)); }
pass() { echo "$name: $1: PASS ($(elapsed "$step_start"))"; }
fail() {
  echo "$name: $1: FAIL ($(elapsed "$step_start")): $2"
  failed+=("$1")
}
skip() {
  echo "$name: $1: SKIP: $2"
  failed+=("$1")
}
# Prints a log indented, at most 200 lines (sequelize-cli and tsc can be long).
show() {
  local lines
  lines=$(wc -l <"$1")
  sed -n '1,200s/^/    /p' "$1"
  if ((lines > 200)); then echo "    ... $((lines - 200)) more lines in $1"; fi
}

# ---------------------------------------------------------------- node packages
# shellcheck source=tests/e2e/node_modules.sh
source "$here/node_modules.sh"
begin
modules_dir=$(ensure_node_modules "$target" "$(dirname "$schemagen")" "$name") || {
  echo "$name: npm-ci: FAIL"
  exit 1
}
echo "$name: npm-ci: ready ($(elapsed "$step_start"), $modules_dir)"
bin=$modules_dir/node_modules/.bin

# ---------------------------------------------------------------- work dir and databases
work=$(mktemp -d "${TMPDIR:-/tmp}/schemagen-e2e.XXXXXX")
# Database names are folded to lower case by createdb's callers, so keep them lower case.
db_stem="schemagen_e2e_$(date +%s)_$$_${RANDOM}"
db_cli=${db_stem}_cli
db_sql=${db_stem}_sql
db_fresh=${db_stem}_fresh
created_dbs=()
# The isolation step's login role: roles belong to the whole server, so the name is as unique
# as the databases'.
app_role=${db_stem}_app
created_roles=()
# shellcheck disable=SC2317  # called through trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  if [[ "${SCHEMAGEN_E2E_KEEP:-0}" == 1 ]]; then
    echo "$name: kept work directory $work, databases ${created_dbs[*]:-(none)} and roles ${created_roles[*]:-(none)}"
  else
    for db in "${created_dbs[@]}"; do
      dropdb --if-exists --force "$db" 2>/dev/null || echo "$name: warning: could not drop database $db" >&2
    done
    # After the databases: with them go the role's privileges, which would keep it.
    for role in "${created_roles[@]}"; do
      dropuser --if-exists "$role" 2>/dev/null || echo "$name: warning: could not drop role $role" >&2
    done
    rm -rf "$work"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

ln -s "$modules_dir/node_modules" "$work/node_modules"
cp "$project/package.json" "$project/tsconfig.json" "$work/"
cp "$roundtrip_src" "$work/roundtrip.ts"
cp -R "$here/roundtrip/lib" "$work/lib"
isolation=0
if [[ -f "$isolation_src" ]]; then
  isolation=1
  cp "$isolation_src" "$work/isolation.ts"
  # tsc compiles it too: the pinned tsconfig.json, extended by one more file ("files" adds to
  # the "include" it inherits).
  mv "$work/tsconfig.json" "$work/tsconfig.sequelize$target.json"
  printf '{ "extends": "./tsconfig.sequelize%s.json", "files": ["isolation.ts"] }\n' "$target" >"$work/tsconfig.json"
fi

# shellcheck source=scripts/lib/example-history.sh
source "$root/scripts/lib/example-history.sh"
# A migration whose statements must each run on their own, outside a transaction.
no_transaction() { grep -qE '^--[[:space:]]*schemagen:no-transaction[[:space:]]*$' "$1"; }

begin
# The version matrix (tests/pg/matrix.sh) generates for its PostgreSQL major.
postgres=()
[[ -n "${SCHEMAGEN_POSTGRES_TARGET:-}" ]] && postgres=(--postgres "$SCHEMAGEN_POSTGRES_TARGET")
if ! example_generate "$schemagen" "$example_dir" "$work" --sequelize "$target" "${postgres[@]}" >"$work/schemagen.log" 2>&1; then
  fail generate "generating examples/$example failed"
  show "$work/schemagen.log"
  exit 1
fi
mapfile -t ts_files < <(cd "$work" && find src -type f -name '*.ts' | LC_ALL=C sort)
# Byte order, as sequelize-cli sorts its migrations: names start with the timestamp.
mapfile -t up_sqls < <(find "$work/src/database/migrations" -maxdepth 1 -type f -name '*.up.sql' | LC_ALL=C sort)
if ((${#ts_files[@]} == 0 || ${#up_sqls[@]} == 0)); then
  fail generate "no .ts or no .up.sql files were written"
  show "$work/schemagen.log"
  exit 1
fi
migrations=()
online=0
for up in "${up_sqls[@]}"; do
  m=$(basename "$up" .up.sql)
  for f in "$m.down.sql" "$m.ts"; do
    if [[ ! -f "$work/src/database/migrations/$f" ]]; then
      fail generate "$m.up.sql has no $f next to it"
      exit 1
    fi
  done
  if no_transaction "$up"; then online=$((online + 1)); fi
  migrations+=("$m")
done
n=${#migrations[@]}
pass "generate (${#ts_files[@]} .ts, $n migration(s), $online without a transaction: ${migrations[*]})"
# Row-level security (the withTenant helper is generated with it) is checked by the isolation
# step, which needs the example's own script.
if [[ -f "$work/src/models/with-tenant.ts" ]] && ((!isolation)); then
  begin
  fail isolation "the models include with-tenant.ts (row-level security) but there is no tests/e2e/roundtrip/$example-isolation.ts"
fi

# ---------------------------------------------------------------- a. prettier
begin
# --no-config / --no-editorconfig: Prettier's defaults, whatever config files sit above $TMPDIR.
if (cd "$work" && "$bin/prettier" --check --no-config --no-editorconfig "${ts_files[@]}") >"$work/prettier.log" 2>&1; then
  pass prettier
else
  fail prettier "prettier --check would reformat generated code"
  show "$work/prettier.log"
  # What Prettier wants instead, so the generator can be fixed from the log alone.
  while read -r file; do
    [[ -f "$work/$file" ]] || continue
    echo "    --- diff for $file ('-' generated, '+' prettier):"
    (cd "$work" && "$bin/prettier" --no-config --no-editorconfig "$file" |
      diff -u --label "$file (generated)" --label "$file (prettier)" "$file" - | sed -n '1,80s/^/    /p') || true
  done < <(sed -n 's/^\[warn\] \(src\/.*\.ts\)$/\1/p' "$work/prettier.log")
fi

# ---------------------------------------------------------------- b. tsc
begin
# One tsc run both type-checks and compiles (to dist/): tsc exits 0 when everything is
# clean, 2 when it found errors but still emitted JavaScript (then the later steps still run
# and show whether the migrations work), 1 when it emitted nothing.
set +e
(cd "$work" && "$bin/tsc" -p tsconfig.json --strict --noEmit false --outDir dist) >"$work/tsc.log" 2>&1
tsc_rc=$?
set -e
if ((tsc_rc == 0)); then
  pass "tsc --strict"
else
  fail "tsc --strict" "type errors in the generated code, roundtrip/$example.ts or roundtrip/$example-isolation.ts (exit $tsc_rc)"
  show "$work/tsc.log"
fi
compiled=$work/dist/src/database/migrations
if ((tsc_rc != 0 && tsc_rc != 2)) || ! compgen -G "$compiled/*.js" >/dev/null; then
  for s in migrate catalog undo roundtrip; do skip "$s" "no compiled migrations"; done
  if ((isolation)); then skip isolation "no compiled migrations"; fi
  echo "$name: FAIL (${failed[*]}) in $(elapsed "$run_start")"
  exit 1
fi

# ---------------------------------------------------------------- c. sequelize-cli and psql
cat >"$work/config.js" <<'JS'
// sequelize-cli's configuration, from the libpq environment; PGHOST may be a socket directory.
const os = require("os");
module.exports = {
  e2e: {
    dialect: "postgres",
    host: process.env.PGHOST || "localhost",
    port: Number(process.env.PGPORT || 5432),
    username: process.env.PGUSER || os.userInfo().username,
    password: process.env.PGPASSWORD || null,
    database: process.env.SCHEMAGEN_E2E_DATABASE,
    logging: false,
  },
};
JS
cat >"$work/.sequelizerc" <<'JS'
const path = require("path");
module.exports = {
  config: path.resolve(__dirname, "config.js"),
  "migrations-path": path.resolve(__dirname, "dist/src/database/migrations"),
  "seeders-path": path.resolve(__dirname, "dist/seeders"),
  "models-path": path.resolve(__dirname, "dist/src/models"),
};
JS
cli() {
  (cd "$work" && SCHEMAGEN_E2E_DATABASE=$db_cli "$bin/sequelize-cli" "$@" --env e2e)
}
catalog() { psql -X -q -v ON_ERROR_STOP=1 -At -d "$1" -f "$here/catalog.sql"; }

for db in "$db_cli" "$db_sql"; do
  if ! createdb "$db"; then
    echo "$name: FAIL: createdb $db failed; the PG* user needs CREATEDB" >&2
    exit 1
  fi
  created_dbs+=("$db")
done

# The reference: the .up.sql files applied one by one with psql, the catalog kept after each
# (ref.0 is the fresh database's). Transactional files run with --single-transaction; files
# marked no-transaction run statement by statement in autocommit, as psql -f does by default.
begin
sql_ok=1
if ! catalog "$db_sql" >"$work/ref.0" 2>"$work/psql.log"; then
  sql_ok=0
  up=$here/catalog.sql
else
  for ((k = 1; k <= n; k++)); do
    up=${up_sqls[k - 1]}
    single=(--single-transaction)
    if no_transaction "$up"; then single=(); fi
    if ! psql -X -q -v ON_ERROR_STOP=1 "${single[@]}" -d "$db_sql" -f "$up" >"$work/psql.log" 2>&1 ||
      ! catalog "$db_sql" >"$work/ref.$k" 2>>"$work/psql.log"; then
      sql_ok=0
      break
    fi
  done
fi
sql_time=$(elapsed "$step_start")

begin
migrated=0
if cli db:migrate >"$work/migrate.log" 2>&1; then
  meta_rows=$(psql -X -q -v ON_ERROR_STOP=1 -At -d "$db_cli" -c 'SELECT count(*) FROM "SequelizeMeta"' 2>&1) || true
  migrated=1
  if [[ "$meta_rows" == "$n" ]]; then
    pass "migrate (sequelize-cli db:migrate, $n migration(s))"
  else
    fail "migrate (sequelize-cli db:migrate)" "SequelizeMeta lists $meta_rows migration(s), not the $n generated"
    show "$work/migrate.log"
  fi
else
  fail "migrate (sequelize-cli db:migrate)" "the compiled migrations did not apply"
  show "$work/migrate.log"
fi

begin
if ((!sql_ok)); then
  fail catalog "psql could not apply $(basename "$up")"
  show "$work/psql.log"
elif ((!migrated)); then
  skip catalog "nothing migrated by sequelize-cli to compare with"
elif [[ -s "$work/ref.0" ]]; then
  fail catalog "the fresh database is not empty:"
  show "$work/ref.0"
else
  if ! catalog "$db_cli" >"$work/catalog.cli" 2>"$work/catalog.err"; then
    fail catalog "tests/e2e/catalog.sql failed"
    show "$work/catalog.err"
  elif [[ ! -s "$work/ref.$n" ]]; then
    fail catalog "the catalog query returned nothing for the .up.sql database"
  elif diff -u --label "sequelize-cli db:migrate (sequelize $target)" --label "psql -f *.up.sql" \
    "$work/catalog.cli" "$work/ref.$n" >"$work/catalog.diff"; then
    pass "catalog ($(wc -l <"$work/catalog.cli") lines identical; psql applied $n .up.sql in $sql_time)"
  else
    fail catalog "the two catalogs differ ('-' sequelize-cli only, '+' .up.sql only)"
    show "$work/catalog.diff"
  fi
fi

# An evolved schema must be the schema: the history's catalog against the one entities.dsl's
# create migration builds on its own. Column positions differ (ALTER TABLE appends, and a
# dropped column leaves a gap), so they are left out and the lines re-sorted.
if ((n > 1)); then
  begin
  positions='s/^(column [^ ]+) #[0-9]+ /\1 /'
  if ((!sql_ok)); then
    skip fresh "no catalog of the history (psql failed)"
  elif ! "$schemagen" --sequelize "$target" "${postgres[@]}" "$dsl" -o "$work/fresh" >"$work/fresh.log" 2>&1; then
    fail fresh "schemagen $example/entities.dsl without its history failed"
    show "$work/fresh.log"
  elif ! createdb "$db_fresh"; then
    fail fresh "createdb $db_fresh failed"
  else
    created_dbs+=("$db_fresh")
    fresh_ok=1
    while read -r up; do
      single=(--single-transaction)
      if no_transaction "$up"; then single=(); fi
      if ! psql -X -q -v ON_ERROR_STOP=1 "${single[@]}" -d "$db_fresh" -f "$up" >"$work/fresh.log" 2>&1; then
        fail fresh "psql could not apply $(basename "$up") of entities.dsl without its history"
        show "$work/fresh.log"
        fresh_ok=0
        break
      fi
    done < <(find "$work/fresh/src/database/migrations" -maxdepth 1 -type f -name '*.up.sql' | LC_ALL=C sort)
    if ((fresh_ok)); then
      if ! catalog "$db_fresh" >"$work/catalog.fresh" 2>"$work/catalog.err"; then
        fail fresh "tests/e2e/catalog.sql failed"
        show "$work/catalog.err"
      elif diff -u --label "the history's $n migrations" --label "entities.dsl's create migration" \
        <(sed -E "$positions" "$work/ref.$n" | LC_ALL=C sort) \
        <(sed -E "$positions" "$work/catalog.fresh" | LC_ALL=C sort) >"$work/fresh.diff"; then
        pass "fresh (the history's catalog is entities.dsl's, column order aside)"
      else
        fail fresh "the history's migrations build another schema than entities.dsl's create migration ('-' history only, '+' create only)"
        show "$work/fresh.diff"
      fi
    fi
  fi
fi

# Undoing one migration at a time must give back, at each point, the catalog psql had after
# the earlier .up.sql files. A DOWN does not undo a VALIDATE CONSTRAINT (nor need it), so
# the NOT VALID flag of constraints is left out of these comparisons.
# Drops the flag as catalog.sql prints it and as pg_get_constraintdef does (before catalog.sql's
# own " deferrable").
valid_flag='/^constraint /{s/ not-valid$//; s/ NOT VALID( deferrable)?$/\1/}'
undone_each=0
if ((n > 1)); then
  begin
  if ((!migrated)); then
    skip "undo each" "nothing migrated"
  elif ((!sql_ok)); then
    skip "undo each" "no reference catalogs (psql failed)"
  else
    undone_each=1
    ok=1
    for ((k = n; k >= 1; k--)); do
      m=${migrations[k - 1]}
      if ! cli db:migrate:undo >"$work/undo-each.log" 2>&1; then
        fail "undo each (sequelize-cli db:migrate:undo)" "undoing $m failed"
        show "$work/undo-each.log"
        ok=0
        break
      fi
      if ! catalog "$db_cli" >"$work/undone.$k" 2>"$work/catalog.err"; then
        fail "undo each (sequelize-cli db:migrate:undo)" "tests/e2e/catalog.sql failed"
        show "$work/catalog.err"
        ok=0
        break
      fi
      if ! diff -u --label "after undoing $m (sequelize $target)" \
        --label "psql -f the .up.sql files before $m" \
        <(sed -E "$valid_flag" "$work/undone.$k") <(sed -E "$valid_flag" "$work/ref.$((k - 1))") \
        >"$work/undo-each.diff"; then
        fail "undo each (sequelize-cli db:migrate:undo)" "undoing $m did not give back the catalog before it ('-' after the undo only, '+' before it only)"
        show "$work/undo-each.diff"
        ok=0
        break
      fi
    done
    if ((ok)); then
      pass "undo each (sequelize-cli db:migrate:undo x $n, each back to the catalog before it)"
    fi
  fi
fi

begin
if ((!migrated)); then
  skip undo "nothing migrated"
elif ((undone_each)) && ! cli db:migrate >"$work/migrate-again.log" 2>&1; then
  fail "undo (sequelize-cli db:migrate:undo:all)" "migrating up again for undo:all failed"
  show "$work/migrate-again.log"
  migrated=0
elif ! cli db:migrate:undo:all >"$work/undo.log" 2>&1; then
  fail "undo (sequelize-cli db:migrate:undo:all)" "the down migrations failed"
  show "$work/undo.log"
  migrated=0
else
  meta_rows=$(psql -X -q -v ON_ERROR_STOP=1 -At -d "$db_cli" -c 'SELECT count(*) FROM "SequelizeMeta"' 2>&1) || true
  if ! catalog "$db_cli" >"$work/catalog.undone" 2>&1; then
    fail "undo (sequelize-cli db:migrate:undo:all)" "tests/e2e/catalog.sql failed"
    show "$work/catalog.undone"
  elif [[ -s "$work/catalog.undone" || "$meta_rows" != 0 ]]; then
    fail "undo (sequelize-cli db:migrate:undo:all)" "left behind ($meta_rows SequelizeMeta rows):"
    show "$work/catalog.undone"
  else
    pass "undo (sequelize-cli db:migrate:undo:all)"
  fi
fi

# ---------------------------------------------------------------- d. model round trip
begin
migrated_up=0
if ((!migrated)); then
  skip roundtrip "no migrated database"
elif ! cli db:migrate >"$work/migrate-again.log" 2>&1; then
  fail roundtrip "migrating up again after undo:all failed"
  show "$work/migrate-again.log"
else
  migrated_up=1
  if [[ ! -f "$work/dist/roundtrip.js" ]]; then
    skip roundtrip "roundtrip.ts was not compiled"
  elif (cd "$work" && SCHEMAGEN_E2E_DATABASE=$db_cli node dist/roundtrip.js) >"$work/roundtrip.log" 2>&1; then
    pass "roundtrip ($(tail -n 1 "$work/roundtrip.log"))"
  else
    fail roundtrip "roundtrip/$example.ts failed against the migrated database"
    show "$work/roundtrip.log"
  fi
fi

# ---------------------------------------------------------------- e. tenant isolation
# The unprivileged role the isolation script connects as: it may use the tables and sequences
# of the migrated database, nothing more. A superuser or a BYPASSRLS role would see past every
# policy. psql variables quote the names (:"x") and the password (:'x').
create_app_role() {
  psql -X -q -v ON_ERROR_STOP=1 --single-transaction -d "$db_cli" -v role="$app_role" -v password="$1" -v db="$db_cli" <<'SQL'
CREATE ROLE :"role" LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD :'password';
GRANT CONNECT ON DATABASE :"db" TO :"role";
SELECT format('GRANT USAGE ON SCHEMA %1$I TO %2$I; '
              'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %1$I TO %2$I; '
              'GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %1$I TO %2$I',
              nspname, :'role')
  FROM pg_namespace
 WHERE nspname IN (SELECT schemaname FROM pg_tables)
   AND nspname NOT IN ('pg_catalog', 'information_schema')
\gexec
SQL
}
if ((isolation)); then
  begin
  # Hex digits only; connections over a Unix socket with trust authentication ignore it.
  app_password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  if ((!migrated_up)); then
    skip isolation "no migrated database"
  elif [[ ! -f "$work/dist/isolation.js" ]]; then
    skip isolation "isolation.ts was not compiled"
  else
    created_roles+=("$app_role") # dropped at exit, whatever happens from here on
    if ! create_app_role "$app_password" >"$work/isolation-role.log" 2>&1; then
      fail isolation "could not create the unprivileged role $app_role (the PG* user needs CREATEROLE)"
      show "$work/isolation-role.log"
    elif (cd "$work" && SCHEMAGEN_E2E_DATABASE=$db_cli SCHEMAGEN_E2E_APP_USER=$app_role \
      SCHEMAGEN_E2E_APP_PASSWORD=$app_password node dist/isolation.js) >"$work/isolation.log" 2>&1; then
      pass "isolation ($(tail -n 1 "$work/isolation.log"))"
    else
      fail isolation "roundtrip/$example-isolation.ts failed as the unprivileged role $app_role"
      show "$work/isolation.log"
    fi
  fi
fi

if ((${#failed[@]} == 0)); then
  echo "$name: PASS in $(elapsed "$run_start")"
  exit 0
fi
echo "$name: FAIL (${failed[*]}) in $(elapsed "$run_start")"
exit 1
