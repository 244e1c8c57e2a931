#!/usr/bin/env bash
# Usage: tests/pg/verify_example.sh SCHEMAGEN EXAMPLE_DIR
#
# Generates the example from scratch, its history replayed (scripts/lib/example-history.sh),
# for the target SCHEMAGEN_POSTGRES_TARGET names (the version matrix, tests/pg/matrix.sh; else
# the schema's own), and runs `schemagen verify` on it against the server of the libpq
# environment: every migration's round trip with rows, each recorded state, the DSL's schema,
# and tenant isolation (with the ON DELETE SET NULL (columns) check).
# Exit codes: 0 pass, 1 fail, 2 usage, 77 no server (unless SCHEMAGEN_REQUIRE_PG=1).
set -euo pipefail

if (($# != 2)); then
  echo "usage: $0 SCHEMAGEN EXAMPLE_DIR" >&2
  exit 2
fi
schemagen=$1
example_dir=$2
name="verify.$(basename "$example_dir")${SCHEMAGEN_POSTGRES_TARGET:+.pg$SCHEMAGEN_POSTGRES_TARGET}"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/pg/require_server.sh
source "$here/require_server.sh"
require_pg_server "$name"
# shellcheck source=scripts/lib/example-history.sh
source "$here/../../scripts/lib/example-history.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target=()
[[ -n "${SCHEMAGEN_POSTGRES_TARGET:-}" ]] && target=(--postgres "$SCHEMAGEN_POSTGRES_TARGET")
if ! example_generate "$schemagen" "$example_dir" "$work/out" "${target[@]}" -q >"$work/generate.log" 2>&1; then
  echo "$name: FAIL: generating the example failed:" >&2
  cat "$work/generate.log" >&2
  exit 1
fi
cp "$example_dir"/*.dsl "$work/"
if ! "$schemagen" verify "$work/entities.dsl" -o "$work/out" >"$work/verify.log" 2>&1; then
  echo "$name: FAIL: verify:" >&2
  cat "$work/verify.log" >&2
  exit 1
fi
cat "$work/verify.log"
echo "$name: PASS"
