#!/usr/bin/env bash
# Usage: tests/cli/examples_check.sh SCHEMAGEN REPO
# Every example's committed output passes `schemagen --check` (nothing stale, missing or
# extra), the way a project's CI gates a forgotten regeneration. An example with a history
# (examples/<name>/history/, scripts/lib/example-history.sh) is checked the way its last run
# was made, with --timestamp from history/current.timestamp: the check then also fails when
# entities.dsl changed without the migration being generated.
set -euo pipefail
schemagen=$1
repo=$2
# shellcheck source=scripts/lib/example-history.sh
source "$repo/scripts/lib/example-history.sh"
failed=0
count=0
for dsl in "$repo"/examples/*/entities.dsl; do
  dir=$(dirname "$dsl")
  count=$((count + 1))
  # The last run of a from-scratch generation is entities.dsl's: "FILE [TIMESTAMP]".
  if ! last=$(example_versions "$dir" | tail -n 1) || [[ -z "$last" ]]; then
    echo "examples.check: $(basename "$dir") has an invalid history (see above)"
    failed=$((failed + 1))
    continue
  fi
  ts=${last##* }
  stamp=()
  if [[ -n "$ts" ]]; then stamp=(--timestamp "$ts"); fi
  if ! "$schemagen" "$dsl" -o "$dir/generated" --check -q "${stamp[@]}"; then
    echo "examples.check: $(basename "$dir") is stale; run: bash scripts/regen-examples.sh"
    failed=$((failed + 1))
  fi
done
echo "$((count - failed)) passed, $failed failed"
((failed == 0))
