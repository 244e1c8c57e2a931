# shellcheck shell=bash disable=SC2034,SC2154  # sourced by tests/verify/run.sh, which defines its variables
# Sourced by run.sh: broken.sh CASE
# tests/verify/broken/CASE/ holds migrations/ (and entities.dsl when the case has a schema);
# verify must exit 1 and print every line of expected.txt, remove its scratch, and leave the
# rest of the server exactly as it was, also when a migration fails half way.
require_server
case_dir=$here/broken/$1
args=(--migrations "$case_dir/migrations")
[[ -f "$case_dir/entities.dsl" ]] && args=("$case_dir/entities.dsl" "${args[@]}")
before=$(server_state)
run_verify "${args[@]}"
cat "$out"
((status == 1)) || fail "verify exited $status, expected 1"
assert_output_has "$case_dir/expected.txt"
assert_scratch_gone "$(scratch_name "$out")"
[[ "$(server_state)" == "$before" ]] || fail "the server changed outside the scratch"
echo "$name: ok"
