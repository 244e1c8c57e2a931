# shellcheck shell=bash disable=SC2034,SC2154  # sourced by tests/verify/run.sh, which defines its variables
# Sourced by run.sh: interrupt.sh SIGNAL
# Ctrl-C (SIGINT) or SIGTERM in the middle of a migration: verify cancels the statement,
# removes its scratch and exits 128 + the signal; nothing else on the server changed.
require_server
signal=$1
work=$(mktemp -d)
trap 'rm -rf "$work" "$out"' EXIT
marker="schemagen_interrupt_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
printf 'CREATE TABLE t (id int);\nSELECT pg_sleep(60), %s;\n' "'$marker'" >"$work/1-slow.up.sql"
printf 'DROP TABLE t;\n' >"$work/1-slow.down.sql"
before=$(server_state)
"$schemagen" verify --migrations "$work" >"$out" 2>&1 &
pid=$!
scratch=
for _ in $(seq 100); do
  scratch=$(sql "SELECT datname FROM pg_stat_activity WHERE query LIKE '%$marker%'
                 AND pid <> pg_backend_pid()" | head -n 1)
  [[ -n "$scratch" ]] && break
  sleep 0.1
done
[[ -n "$scratch" ]] || { kill -KILL "$pid"; fail "the slow migration never started"; }
kill "-$signal" "$pid"
set +e
wait "$pid"
status=$?
set -e
cat "$out"
expected=$((128 + $(kill -l "$signal")))
((status == expected)) || fail "verify exited $status, expected $expected"
grep -qF "interrupted by SIG$signal; everything verify created was removed" "$out" ||
  fail "no interruption message"
assert_scratch_gone "$scratch"
[[ "$(server_state)" == "$before" ]] || fail "the server changed outside the scratch"
echo "$name: ok"
