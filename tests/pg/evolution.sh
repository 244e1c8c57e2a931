#!/usr/bin/env bash
# Usage: tests/pg/evolution.sh SCHEMAGEN CASE_DIR
#
# Replays an evolution case (tests/golden/evolution/<case>/N.dsl with N.args) through the
# command line, as a user would run it after each edit of the DSL (a refused step exits 1 and
# writes nothing, as its expected N.plan says), then runs `schemagen verify` on the last
# version: every migration of the history applies with rows present, the data survives each
# step that isn't an allowed hazard, each DOWN returns exactly to the previous catalog, each
# UP applies again, and the end state is the DSL's. Cases that simulate git branches (@from,
# @merge, @remove) are covered by tests/unit/evolution_test.cpp only.
# Exit codes: 0 pass, 1 fail, 2 usage, 77 no server (unless SCHEMAGEN_REQUIRE_PG=1).
set -euo pipefail

if (($# != 2)); then
  echo "usage: $0 SCHEMAGEN CASE_DIR" >&2
  exit 2
fi
schemagen=$1
case_dir=$2
name="pg.evolution.$(basename "$case_dir")${SCHEMAGEN_POSTGRES_TARGET:+.pg$SCHEMAGEN_POSTGRES_TARGET}"

# shellcheck source=tests/pg/require_server.sh
source "$(dirname "${BASH_SOURCE[0]}")/require_server.sh"
require_pg_server "$name"
if grep -qs '^@' "$case_dir"/*.args; then
  echo "$name: SKIP: simulates git branches; see tests/unit/evolution_test.cpp" >&2
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
last=
for ((step = 1; ; step++)); do
  dsl=$case_dir/$step.dsl
  [[ -f "$dsl" ]] || break
  args=()
  if [[ -f "$case_dir/$step.args" ]]; then
    read -r -a args <<<"$(tr '\n' ' ' <"$case_dir/$step.args")"
  fi
  if ((step > 1)); then args+=(--timestamp "$(printf '202603%02d120000' "$step")"); fi
  # The version matrix (tests/pg/matrix.sh) generates for its major.
  if [[ -n "${SCHEMAGEN_POSTGRES_TARGET:-}" ]]; then args+=(--postgres "$SCHEMAGEN_POSTGRES_TARGET"); fi
  cp "$dsl" "$work/$step.dsl"
  if "$schemagen" "$work/$step.dsl" -q -o "$work/out" "${args[@]}" >"$work/$step.log" 2>&1; then
    last=$step
  elif grep -q 'error\[' "$case_dir/expected/$step.plan"; then
    : # refused, as expected
  else
    echo "$name: FAIL: step $step was refused:" >&2
    cat "$work/$step.log" >&2
    exit 1
  fi
done
if [[ -z "$last" ]]; then
  echo "$name: FAIL: no step generated anything" >&2
  exit 1
fi
if ! "$schemagen" verify "$work/$last.dsl" -o "$work/out" >"$work/verify.log" 2>&1; then
  echo "$name: FAIL: verify of the history after step $last:" >&2
  cat "$work/verify.log" >&2
  exit 1
fi
cat "$work/verify.log"
echo "$name: PASS: $(find "$work/out/src/database/migrations" -maxdepth 1 -name "*.up.sql" | wc -l) migrations verified"
