#!/usr/bin/env bash
# Finding 9: verify never waits forever on a server that stops answering. With a statement
# running, the server is frozen (SIGSTOP, postmaster and backends: no answer, not even to a
# cancel request). verify drops the connection a few seconds past --statement-timeout and
# exits 1 naming why; Ctrl-C ends it within seconds too (130), saying what it could not
# remove. The test starts a server of its own (tests/pg/with-postgres.sh) to freeze.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ -z "${SCHEMAGEN_HANG_INNER:-}" ]]; then
  if ! command -v pg_ctl >/dev/null && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    [[ -n "${SCHEMAGEN_REQUIRE_PG:-}" ]] && { echo "$case_name: FAIL: no PostgreSQL server binaries" >&2; exit 1; }
    echo "$case_name: SKIP: no PostgreSQL server binaries" >&2
    exit 77
  fi
  rm -rf "$tmp"
  trap - EXIT
  exec env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE SCHEMAGEN_HANG_INNER=1 \
    bash "$repo/tests/pg/with-postgres.sh" bash "${BASH_SOURCE[0]}" "$schemagen" "$repo"
fi

postmaster=$(head -n 1 "$PGHOST/data/postmaster.pid")
frozen=0
freeze() {
  kill -STOP "$postmaster"
  pkill -STOP -P "$postmaster" || true
  frozen=1
}
thaw() {
  if ((frozen)); then
    pkill -CONT -P "$postmaster" || true
    kill -CONT "$postmaster" || true
    frozen=0
  fi
}
trap 'thaw; rm -rf "$tmp"' EXIT

marker="schemagen_hang_$$"
mkdir -p "$tmp/migrations"
printf 'CREATE TABLE t (id int);\nSELECT pg_sleep(60), %s;\n' "'$marker'" >"$tmp/migrations/1-slow.up.sql"
printf 'DROP TABLE t;\n' >"$tmp/migrations/1-slow.down.sql"

# `start_verify LOG ARGS...`: verify in the background ($pid), once its slow statement runs.
start_verify() {
  local log=$1
  shift
  "$schemagen" verify --migrations "$tmp/migrations" --database "host=$PGHOST port=$PGPORT user=postgres dbname=postgres" "$@" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 200); do
    if psql -X -At -c "SELECT 1 FROM pg_stat_activity WHERE query LIKE '%$marker%' AND pid <> pg_backend_pid()" | grep -q 1; then
      return 0
    fi
    sleep 0.05
  done
  kill -KILL "$pid"
  fail "the slow statement never started"
  show "$log"
  finish
}
# `ended_within SECONDS`: waits for $pid; sets $status and $took.
ended_within() {
  local start=$SECONDS
  for _ in $(seq $(($1 * 10))); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  took=$((SECONDS - start))
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid"
    status=hung
  else
    set +e
    wait "$pid"
    status=$?
    set -e
  fi
}

start_verify "$tmp/timeout.log" --statement-timeout 3
freeze
ended_within 60
thaw
check "a frozen server: verify ends by itself (exit $status after $took s)" test "$status" = 1
if grep -q "did not answer within 3 s" "$tmp/timeout.log"; then pass; else
  fail "the report says the server did not answer"
  show "$tmp/timeout.log"
fi

start_verify "$tmp/sigint.log"
freeze
kill -INT "$pid"
ended_within 40
thaw
check "Ctrl-C with a frozen server: verify ends (exit $status after $took s)" test "$status" = 130
check "...within 30 seconds ($took s)" test "$took" -le 30
if grep -q "interrupted by SIGINT" "$tmp/sigint.log"; then pass; else
  fail "the report says it was interrupted"
  show "$tmp/sigint.log"
fi
finish
