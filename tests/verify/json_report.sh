# shellcheck shell=bash disable=SC2034,SC2154  # sourced by tests/verify/run.sh, which defines its variables
# Sourced by run.sh: json_report.sh
# --format json prints one JSON document with each migration's status and problems.
require_server
case_dir=$here/broken/down_forgets_index
set +e
"$schemagen" verify "$case_dir/entities.dsl" --migrations "$case_dir/migrations" \
  --format json >"$out"
status=$?
set -e
cat "$out"
((status == 1)) || fail "verify exited $status, expected 1"
for expected in '"ok": false' '"status": "failed"' '"step": "down"' \
  '"file": "20260102000000-index-ticket-status.down.sql"' \
  'table tickets: unexpected index tickets_status_idx btree (status)'; do
  grep -qF -- "$expected" "$out" || fail "the JSON lacks $expected"
done
[[ "$(head -c 1 "$out")" == "{" && "$(tail -c 2 "$out")" == "}" ]] || fail "not one JSON document"
echo "$name: ok"
