#!/usr/bin/env bash
# Shared by the hostile suite's cases (tests/hostile/*.sh): each case is run as
#   bash tests/hostile/CASE.sh SCHEMAGEN REPO
# sources this file, calls `pass`/`fail` per check and ends with `finish`, which prints
# "N passed, M failed" and exits 1 on any failure. Every case works in its own temporary
# directory, removed at exit.
set -euo pipefail

if (($# != 2)); then
  echo "usage: $0 SCHEMAGEN REPO" >&2
  exit 2
fi
schemagen=$1
if [[ "$schemagen" == */* ]]; then
  schemagen=$(cd "$(dirname "$schemagen")" && pwd)/$(basename "$schemagen")
fi
repo=$(cd "$2" && pwd)
case_name=$(basename "$0" .sh)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The no-op stamp would let a rerun skip the very checks under test.
export SCHEMAGEN_CACHE_DIR=
export NO_COLOR=1

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() {
  failed=$((failed + 1))
  echo "$case_name: FAIL: $*" >&2
}
# `check DESCRIPTION COMMAND...`: passes when the command succeeds.
check() {
  local what=$1
  shift
  if "$@"; then pass; else fail "$what"; fi
}
# Shows a log under a failure, indented.
show() { sed 's/^/    | /' "$1" >&2; }

# Everything that could change in a tree, one line per entry, sorted: paths, types, modes,
# sizes, mtimes and SHA-256 of every file.
snapshot() {
  (
    cd "$1"
    find . -printf '%p %y %m %s %T@\n' | LC_ALL=C sort
    find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum
  )
}

# `run_schemagen LOG ARGS...`: runs schemagen, output in LOG; sets $status.
run_schemagen() {
  local log=$1
  shift
  set +e
  "$schemagen" "$@" >"$log" 2>&1
  status=$?
  set -e
}

finish() {
  echo "$case_name: $passed passed, $failed failed"
  ((failed == 0))
}
