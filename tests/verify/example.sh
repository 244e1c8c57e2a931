# shellcheck shell=bash disable=SC2034,SC2154  # sourced by tests/verify/run.sh, which defines its variables
# Sourced by run.sh: example.sh LABEL DSL OUTPUT_DIR
# A schema and its committed output verify clean: every migration applies, reverts and applies
# again, the result is the DSL's schema, tenant isolation holds (no table failed or skipped);
# the scratch is gone afterwards and nothing else on the server changed.
require_server
before=$(server_state)
run_verify "$repo/$2" -o "$repo/$3"
cat "$out"
((status == 0)) || fail "verify exited $status"
grep -q '^verify: ok: ' "$out" || fail "no 'verify: ok' summary"
grep -q '^schema: the migrations produce the DSL' "$out" || fail "the schema was not compared"
grep -qE '^tenant isolation \([0-9]+ tenant tables?' "$out" || fail "tenant isolation did not run"
if grep -qE '^  (FAIL|skip) ' "$out"; then fail "a tenant table failed or was skipped"; fi
assert_scratch_gone "$(scratch_name "$out")"
[[ "$(server_state)" == "$before" ]] || fail "the server changed outside the scratch"
echo "$name: ok"
