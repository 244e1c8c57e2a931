#!/usr/bin/env bash
# Usage: tests/cli/examples_check.sh SCHEMAGEN REPO
# Every example's committed output passes `schemagen --check` (nothing stale, missing or
# extra), the way a project's CI gates a forgotten regeneration.
set -euo pipefail
schemagen=$1
repo=$2
failed=0
count=0
for dsl in "$repo"/examples/*/entities.dsl; do
  dir=$(dirname "$dsl")
  count=$((count + 1))
  if ! "$schemagen" "$dsl" -o "$dir/generated" --check -q; then
    echo "examples.check: $(basename "$dir") is stale; run: bash scripts/regen-examples.sh"
    failed=$((failed + 1))
  fi
done
echo "$((count - failed)) passed, $failed failed"
((failed == 0))
