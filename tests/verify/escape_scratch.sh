# shellcheck shell=bash disable=SC2034,SC2154  # sourced by tests/verify/run.sh, which defines its variables
# Sourced by run.sh: escape_scratch.sh (CTest: hostile.verify_stays_in_its_scratch)
# Finding 1 of the hostile suite: verify must be unable to change anything outside its scratch.
# Under a role without CREATEDB, verify works in a scratch schema of a database that holds real
# rows. Migrations edited to reach those rows (a search_path of their own, set_config, a
# schema-qualified name, dynamic SQL, a COMMIT to get past the check, a table planted in
# public, an online migration's statement) each fail verify, and the real rows, the public
# schema and the server's roles are exactly as before.
require_server
suffix=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
role=schemagen_t_escape_$suffix
db=schemagen_t_escape_app_$suffix
password=pw_$suffix
work=$(mktemp -d)
cleanup() {
  rm -rf "$work" "$out"
  sql "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  sql "DROP ROLE IF EXISTS $role" >/dev/null 2>&1 || true
}
trap cleanup EXIT
sql "CREATE ROLE $role LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '$password'"
sql "CREATE DATABASE $db OWNER $role"
sql "SET ROLE $role; CREATE TABLE public.app_data (id int PRIMARY KEY, v text);
     INSERT INTO public.app_data SELECT g, 'real ' || g FROM generate_series(1, 100) g;
     CREATE SEQUENCE public.app_seq" "$db"
conninfo="host=${PGHOST:-} port=${PGPORT:-5432} user=$role password=$password dbname=$db"
state_of_db() {
  sql "SELECT md5(string_agg(id || '=' || v, ',' ORDER BY id)) FROM public.app_data" "$db"
  sql "SELECT string_agg(n.nspname || '.' || c.relname || ':' || c.relfilenode, ',' ORDER BY 1)
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')" "$db"
  sql "SELECT string_agg(rolname, ',' ORDER BY rolname) FROM pg_roles WHERE rolname !~ '^schemagen_'"
}
db_before=$(state_of_db)

example=$repo/examples/customer-service
create=20260115090000-create-atendimento.up.sql
online=20260301120001-rename-queue-welcome-message-and-6-more-online.up.sql
# `attack NAME FILE SQL`: the example's tree with SQL appended to one migration, recorded as if
# schemagen had written it (--rehash), then verified.
attack() {
  local name=$1 file=$2 text=$3 dir=$work/$1
  cp -r "$example/generated" "$dir"
  printf '\n%s\n' "$text" >>"$dir/src/database/migrations/$file"
  "$schemagen" "$example/entities.dsl" -q -o "$dir" --rehash >"$dir.log" 2>&1 ||
    { cat "$dir.log" >&2; fail "$name: could not record the edited migration"; }
  run_verify "$example/entities.dsl" -o "$dir" --database "$conninfo" --no-isolation
  ((status == 1)) || { cat "$out" >&2; fail "$name: verify exited $status, not 1"; }
  grep -qE "$4" "$out" || { cat "$out" >&2; fail "$name: the report does not say: $4"; }
  [[ "$(state_of_db)" == "$db_before" ]] || { cat "$out" >&2; fail "$name: the database changed outside the scratch"; }
  assert_scratch_gone "$(scratch_name "$out")" "$db"
  echo "$name: refused"
}
outside="it changed what lies outside verify's scratch"
attack search_path "$create" "SET search_path = public; UPDATE app_data SET v = 'pwned';" "$outside: .*rows of public.app_data"
attack set_config "$create" "SELECT set_config('search_path', 'public', false); DELETE FROM app_data;" "$outside: rows of public.app_data"
attack qualified "$create" "UPDATE public.app_data SET v = 'pwned' WHERE id = 1;" "$outside: rows of public.app_data \\(inserted 0, updated 1, deleted 0\\)"
attack dynamic "$create" "DO \$\$BEGIN EXECUTE 'TRUNCATE public.app_data'; END\$\$;" "$outside: relation public.app_data changed"
attack planted "$create" "CREATE TABLE public.planted (id int);" "$outside: relation public.planted created"
attack sequence_reset "$create" "ALTER SEQUENCE public.app_seq RESTART WITH 1000;" "$outside: relation public.app_seq changed"
attack commit "$create" "COMMIT; UPDATE public.app_data SET v = 'pwned'; BEGIN;" "not run: line [0-9]+: verify does not run this statement: it controls the transaction"
attack online "$online" "UPDATE public.app_data SET v = 'pwned';" "$outside: rows of public.app_data"
attack role "$create" "DO \$\$BEGIN EXECUTE 'CREATE ROLE schemagen_t_planted_$suffix'; END\$\$;" "permission denied to create role|$outside: the server-wide catalog pg_authid"
# A file written for psql that holds its own BEGIN ... COMMIT still verifies (in verify's
# transaction): only transaction control in the middle of a file is refused.
dir=$work/wrapped
cp -r "$example/generated" "$dir"
up=$dir/src/database/migrations/$create
{ echo "BEGIN;"; cat "$up"; echo "COMMIT;"; } >"$up.new" && mv "$up.new" "$up"
"$schemagen" "$example/entities.dsl" -q -o "$dir" --rehash >"$dir.log" 2>&1 || fail "wrapped: could not record it"
run_verify "$example/entities.dsl" -o "$dir" --database "$conninfo" --no-isolation
((status == 0)) || { cat "$out" >&2; fail "wrapped: verify exited $status"; }
[[ "$(state_of_db)" == "$db_before" ]] || fail "wrapped: the database changed outside the scratch"
echo "$name: ok"
