#!/usr/bin/env bash
# Usage: tests/cli/deterministic.sh SCHEMAGEN REPO
# Same input, byte-identical output: every example is generated twice, from two different
# working directories, naming the schema once by absolute and once by relative path, with
# SOURCE_DATE_EPOCH set differently (the header's timestamp must win), and the two trees must
# be identical byte for byte.
set -euo pipefail
schemagen=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
repo=$(cd "$2" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/schemagen-deterministic.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/a" "$work/b/nested/deeper"
passed=0
failed=0
for dsl in "$repo"/examples/*/entities.dsl; do
  name=$(basename "$(dirname "$dsl")")
  (cd "$work/a" && SOURCE_DATE_EPOCH=0 "$schemagen" -q "$dsl" -o "out-$name")
  relative=$(realpath --relative-to="$work/b/nested/deeper" "$dsl")
  (cd "$work/b/nested/deeper" && SOURCE_DATE_EPOCH=2000000000 "$schemagen" -q "$relative" \
    -o "$work/b/out-$name")
  if diff -r "$work/a/out-$name" "$work/b/out-$name" >"$work/diff.txt"; then
    passed=$((passed + 1))
  else
    echo "FAIL: $name differs between the two runs:"
    head -40 "$work/diff.txt"
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
((failed == 0))
