# shellcheck shell=bash disable=SC2034,SC2154  # sourced by tests/verify/run.sh, which defines its variables
# Sourced by run.sh: history_broken.sh
# The history of history.sh with two hand edits: step 2's UP also empties queues.greeting (the
# schema is still right, the data is not), and its online migration builds an index on a column
# that does not exist. verify exits 1, names the table whose values changed and the rows, names
# the statement of the file run outside a transaction that failed, and removes its scratch.
require_server
work=$(mktemp -d)
trap 'rm -rf "$work" "$out"' EXIT
build_history "$work"
migrations=$work/out/src/database/migrations
up=$(ls "$migrations"/20260302120000-*.up.sql)
online=$(ls "$migrations"/20260302120001-*-online.up.sql)
grep -qxF 'ALTER TABLE queues ADD COLUMN weight integer;' "$up" || fail "$up adds no queues.weight"
sed -i 's/^ALTER TABLE queues ADD COLUMN weight integer;$/&\nUPDATE queues SET greeting = NULL;/' "$up"
grep -qxF 'CREATE INDEX CONCURRENTLY queues_weight_idx ON queues (weight);' "$online" ||
  fail "$online builds no queues_weight_idx"
sed -i 's/^CREATE INDEX CONCURRENTLY queues_weight_idx ON queues (weight);$/CREATE INDEX CONCURRENTLY queues_weight_idx ON queues (weight, no_such_column);/' "$online"
line=$(grep -n 'no_such_column' "$online" | cut -d: -f1)

before=$(server_state)
run_verify "$work/e.dsl" -o "$work/out"
cat "$out"
((status == 1)) || fail "verify exited $status, expected 1"
expect() {
  grep -qF -- "$1" "$out" || fail "the report lacks: $1"
}
expect ".up.sql: rows of queues changed or lost by the UP (2 of 2): id 1: greeting 'v5' -> NULL; id 2: greeting 'v6' -> NULL"
expect "-online.up.sql: the statement at line $line failed: CREATE INDEX CONCURRENTLY queues_weight_idx ON queues (weight, no_such_column): column \"no_such_column\" does not exist; the file runs without a transaction, so the"
expect "skip  20260303120000-"
grep -qE '^FAIL  20260302120000-' "$out" || fail "step 2's migration did not fail"
assert_scratch_gone "$(scratch_name "$out")"
[[ "$(server_state)" == "$before" ]] || fail "the server changed outside the scratch"
echo "$name: ok"
