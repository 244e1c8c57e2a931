#!/usr/bin/env bash
# shellcheck disable=SC2034  # repo and status are read by the case scripts this sources
# Usage: tests/verify/run.sh SCHEMAGEN REPO CASE.sh [ARGS...]
#
# Runs one `schemagen verify` test script (tests/verify/CASE.sh) with the helpers below.
# Server: whatever the libpq environment (PGHOST, PGPORT, PGUSER, PGPASSWORD) points at, as for
# tests/pg/roundtrip.sh; tests/pg/with-postgres.sh provides one. Exit codes: 0 pass, 1 fail,
# 77 no server reachable (CTest's SKIP_RETURN_CODE) unless SCHEMAGEN_REQUIRE_PG=1.
set -euo pipefail

if (($# < 3)); then
  echo "usage: $0 SCHEMAGEN REPO CASE.sh [ARGS...]" >&2
  exit 2
fi
schemagen=$1
repo=$2
script=$3
shift 3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
name="verify.${script%.sh}${1:+.$1}"
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"

fail() {
  echo "$name: FAIL: $*" >&2
  exit 1
}

# Skips (77) without a server, unless SCHEMAGEN_REQUIRE_PG=1 makes that a failure.
require_server() {
  if pg_isready -q -t 5 >/dev/null 2>&1; then return 0; fi
  if [[ "${SCHEMAGEN_REQUIRE_PG:-0}" == 1 ]]; then
    fail "no PostgreSQL server reachable and SCHEMAGEN_REQUIRE_PG=1; run under tests/pg/with-postgres.sh"
  fi
  echo "$name: SKIP: no PostgreSQL server reachable; run under tests/pg/with-postgres.sh" >&2
  exit 77
}

# psql on the server's maintenance database (or $1 when given): one value per line.
sql() {
  local db=${2:-${PGDATABASE:-postgres}}
  psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" -c "$1"
}

# What verify must leave as it found it: every database and role, and the maintenance
# database's schemas and the objects in its public schema. Other tests run in parallel and
# make their own schemagen_* databases, roles and schemas; those are left out here, and each
# test checks its own scratch by name (assert_scratch_gone).
server_state() {
  sql "SELECT 'database ' || datname FROM pg_database WHERE datname !~ '^schemagen_'
       UNION ALL SELECT 'role ' || rolname FROM pg_roles WHERE rolname !~ '^schemagen_'
       UNION ALL SELECT 'schema ' || nspname FROM pg_namespace WHERE nspname !~ '^schemagen_'
       UNION ALL SELECT 'public ' || c.relkind::text || ' ' || c.relname FROM pg_class c
                 JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
       ORDER BY 1"
}

# The scratch verify named in its report ("scratch database schemagen_verify_..." or
# "scratch schema ..."), from the output file $1.
scratch_name() {
  grep -oE 'scratch (database|schema) schemagen_verify_[0-9a-f]{12}' "$1" | head -n 1 | awk '{print $3}'
}

# No database, schema or role of that scratch is left anywhere on the server ($2: the
# database a schema scratch lived in).
assert_scratch_gone() {
  local scratch=$1 db=${2:-${PGDATABASE:-postgres}}
  [[ -n "$scratch" ]] || fail "verify's report names no scratch"
  local left
  left=$(sql "SELECT datname FROM pg_database WHERE datname LIKE '$scratch%'
              UNION ALL SELECT rolname FROM pg_roles WHERE rolname LIKE '$scratch%'")
  left+=$(sql "SELECT nspname FROM pg_namespace WHERE nspname LIKE '$scratch%'" "$db")
  [[ -z "$left" ]] || fail "verify left behind: $left"
}

# Runs verify with the arguments given; its stdout+stderr land in $out, its status in $status.
out=$(mktemp)
trap 'rm -f "$out"' EXIT
run_verify() {
  set +e
  "$schemagen" verify "$@" >"$out" 2>&1
  status=$?
  set -e
}

# Every line of file $1 must appear in the output as is.
assert_output_has() {
  local line
  while IFS= read -r line; do
    [[ -z "$line" ]] && continue
    grep -qF -- "$line" "$out" || {
      cat "$out" >&2
      fail "the output lacks: $line"
    }
  done <"$1"
}

# Builds an evolution history in directory $1 as a user would: tests/verify/history/N.dsl, each
# copied to $1/e.dsl in turn and generated into $1/out (with N.args when present; step N > 1
# stamped 202603N...). $1/e.dsl ends as the last version.
build_history() {
  local dir=$1 step dsl args
  for ((step = 1; ; step++)); do
    dsl=$here/history/$step.dsl
    [[ -f "$dsl" ]] || break
    args=()
    if [[ -f "$here/history/$step.args" ]]; then read -r -a args <"$here/history/$step.args"; fi
    if ((step > 1)); then args+=(--timestamp "$(printf '202603%02d120000' "$step")"); fi
    cp "$dsl" "$dir/e.dsl"
    "$schemagen" "$dir/e.dsl" -q -o "$dir/out" "${args[@]}" >"$dir/generate-$step.log" 2>&1 || {
      cat "$dir/generate-$step.log" >&2
      fail "schemagen refused step $step of the history"
    }
  done
}

# shellcheck source=/dev/null
source "$here/$script" "$@"
