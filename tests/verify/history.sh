# shellcheck shell=bash disable=SC2034,SC2154  # sourced by tests/verify/run.sh, which defines its variables
# Sourced by run.sh: history.sh
# An evolution history made by the CLI (tests/verify/history/: the customer-service example,
# then a field with a default, a NOT NULL field with a backfill, an index on an existing table
# (an online migration, run statement by statement outside a transaction), a varchar widened, a
# new entity referencing an existing one and a declared rename (`fullName ... was name`); then
# an allowed data-loss drop and an irreversible one) verifies: rows written before every UP
# survive each step that is no hazard, each recorded state matches after its run, and the JSON
# report carries the rows. Then the same history in a scratch schema, as a role without
# CREATEDB.
require_server
work=$(mktemp -d)
suffix=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
role=schemagen_t_history_$suffix
db=schemagen_t_history_$suffix
cleanup() {
  rm -rf "$work" "$out"
  sql "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  sql "DROP ROLE IF EXISTS $role" >/dev/null 2>&1 || true
}
trap cleanup EXIT
build_history "$work"
migrations=$work/out/src/database/migrations
online=$(ls "$migrations"/20260302120001-*-online.up.sql) || fail "step 2 wrote no online migration"
grep -qxF -- '-- schemagen:no-transaction' "$online" || fail "$online lacks the no-transaction marker"
grep -q 'CONCURRENTLY' "$online" || fail "$online builds no index concurrently"
grep -q 'RENAME COLUMN name TO full_name' "$migrations"/20260302120000-*.up.sql ||
  fail "step 2 declares no rename"

before=$(server_state)
run_verify "$work/e.dsl" -o "$work/out"
cat "$out"
((status == 0)) || fail "verify exited $status"
expect() {
  grep -qE -- "$1" "$out" || fail "the report lacks /$1/"
}
expect '^ok    20260115090000-create-atendimento '
expect '^ok    20260302120000-'
expect '^ok    20260302120001-.*-online '
expect '^ok    20260303120000-'
# Before step 2: two rows in each of the 8 tables, all kept; before its online part, two more
# in each of the 9 (tags is new): 16 + 18 kept.
expect '^      rows: 8 tables, 16 rows kept \(16 written before this UP\)$'
expect '^      rows: 9 tables, 34 rows kept \(18 written before this UP\)$'
# Step 3: the dropped fields' tables are not compared, and the irreversible DOWN ran on an
# emptied messages table.
expect '^      rows: tickets not compared: data-loss step Ticket.lastMessage \(drop column tickets.last_message\)$'
expect '^      rows: messages not compared: irreversible step Message.body '
expect '^      rows: messages emptied: the DOWN failed on its rows \(column "body" of relation "messages" contains null values\)'
expect '^      state: as recorded in schemagen-state/20260302120000-.*\.json$'
expect '^history: 3 recorded states in schemagen-state/, 3 compared: each one matched after its last migration$'
expect '^schema: the migrations produce the DSL.s schema \(9 tables\)$'
expect '^verify: ok: 4 migrations of 4 verified'
if grep -qE '^  (FAIL|skip) |none written into' "$out"; then fail "a table failed, was skipped or got no rows"; fi
assert_scratch_gone "$(scratch_name "$out")"
[[ "$(server_state)" == "$before" ]] || fail "the server changed outside the scratch"

# The JSON report: the rows of each migration, the history.
"$schemagen" verify "$work/e.dsl" -o "$work/out" --no-isolation --format json >"$work/report.json" ||
  fail "verify --format json exited $?"
jq -e '.ok == true and .history == {"states": 3, "compared": 3, "problems": []}
       and .migrations[0].rows == null
       and .migrations[1].rows.tables == 8 and .migrations[1].rows.kept == 16
       and .migrations[1].rows.written == 16
       and .migrations[2].rows.kept == 34
       and .migrations[2].state == "schemagen-state/\(.migrations[1].name).json"
       and ([.migrations[3].rows.not_compared[].table] | sort) == ["messages", "tickets"]
       and [.migrations[3].rows.emptied[].table] == ["messages"]' \
  "$work/report.json" >/dev/null || {
  cat "$work/report.json" >&2
  fail "the JSON report lacks the rows or the history"
}

# The same history in a scratch schema: a login without CREATEDB, in its own database.
sql "CREATE ROLE $role LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD 'pw_$suffix'"
sql "CREATE DATABASE $db OWNER $role"
run_verify "$work/e.dsl" -o "$work/out" --no-isolation \
  --database "host=${PGHOST:-} port=${PGPORT:-5432} user=$role password=pw_$suffix dbname=$db"
cat "$out"
((status == 0)) || fail "verify in a scratch schema exited $status"
expect "scratch schema schemagen_verify_[0-9a-f]{12} in database $db"
expect '^      rows: 9 tables, 34 rows kept \(18 written before this UP\)$'
expect '^verify: ok: 4 migrations of 4 verified'
assert_scratch_gone "$(scratch_name "$out")" "$db"
echo "$name: ok"
