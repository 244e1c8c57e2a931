# shellcheck shell=bash disable=SC2034,SC2154  # sourced by tests/verify/run.sh, which defines its variables
# Sourced by run.sh: no_createdb.sh
# Under a role without CREATEDB (or CREATEROLE), verify works in a scratch schema of the
# connected database instead, writes the isolation rows as that role itself, and drops the
# schema at the end. That role owns the tables it migrated, so customer-service's row-level
# security checks passing shows FORCE at work; with BYPASSRLS they are reported as not tried.
require_server
suffix=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
role=schemagen_t_nocreatedb_$suffix
db=schemagen_t_app_$suffix
password=pw_$suffix
cleanup() {
  rm -f "$out"
  sql "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  sql "DROP ROLE IF EXISTS $role" >/dev/null 2>&1 || true
}
trap cleanup EXIT
sql "CREATE ROLE $role LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '$password'"
# The application's own database: its owner may create schemas in it, nothing else.
sql "CREATE DATABASE $db OWNER $role"
sql "CREATE TABLE app_data (id int); INSERT INTO app_data VALUES (1)" "$db"
db_before=$(sql "SELECT string_agg(nspname, ',' ORDER BY nspname) FROM pg_namespace" "$db")
before=$(server_state)
dir=$repo/examples/customer-service
conninfo="host=${PGHOST:-} port=${PGPORT:-5432} user=$role password=$password dbname=$db"
run_verify "$dir/entities.dsl" -o "$dir/generated" --database "$conninfo"
cat "$out"
((status == 0)) || fail "verify exited $status"
grep -qE "scratch schema schemagen_verify_[0-9a-f]{12} in database $db" "$out" ||
  fail "verify did not fall back to a scratch schema"
grep -qF "rows written as $role (the current role: it may not create roles)" "$out" ||
  fail "the isolation rows were not written as the role itself"
if grep -qF "$password" "$out"; then fail "the password was printed"; fi
grep -qF "succeeded across tenants: as company 2: read 0/1, updated 0, deleted 0, wrote 0/2; references across companies 0/3" "$out" ||
  fail "the tables' owner was not kept to its company's rows of tickets (FORCE)"
sql "ALTER ROLE $role BYPASSRLS"
run_verify "$dir/entities.dsl" -o "$dir/generated" --database "$conninfo"
((status == 0)) || {
  cat "$out"
  fail "verify as a BYPASSRLS role exited $status"
}
grep -qF "note: row-level security not tried: the current role has BYPASSRLS and may not create a role without it" "$out" ||
  fail "a BYPASSRLS role's row-level security checks were not reported as not tried"

assert_scratch_gone "$(scratch_name "$out")" "$db"
[[ "$(sql "SELECT string_agg(nspname, ',' ORDER BY nspname) FROM pg_namespace" "$db")" == "$db_before" ]] ||
  fail "the schemas of $db changed"
[[ "$(sql "SELECT count(*) FROM app_data" "$db")" == 1 ]] || fail "the application's data changed"
[[ "$(server_state)" == "$before" ]] || fail "the server changed outside the scratch"
echo "$name: ok"
