#!/usr/bin/env bash
# Usage: tests/cli/examples_fresh.sh SCHEMAGEN REPO
#
# Fails when a committed examples/<name>/generated tree differs from what
# SCHEMAGEN writes for examples/<name>/entities.dsl today, so the examples
# never drift from the generator. Missing and extra files count as differences.
# An example with a history (examples/<name>/history/) is generated the way
# scripts/regen-examples.sh does it: its earlier versions replayed in timestamp
# order, then entities.dsl, into one directory (scripts/lib/example-history.sh).
set -euo pipefail

if (($# != 2)); then
  echo "usage: $0 SCHEMAGEN REPO" >&2
  exit 2
fi
# Absolute paths: the diff below runs from inside the repository.
schemagen=$1
if [[ "$schemagen" == */* ]]; then schemagen=$(cd "$(dirname "$schemagen")" && pwd)/$(basename "$schemagen"); fi
repo=$(cd "$2" && pwd)
# shellcheck source=scripts/lib/example-history.sh
source "$repo/scripts/lib/example-history.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mapfile -t dsls < <(find "$repo/examples" -mindepth 2 -maxdepth 2 -name entities.dsl 2>/dev/null | LC_ALL=C sort)
if ((${#dsls[@]} == 0)); then
  # An empty set passing silently would hide a broken glob or a moved folder.
  echo "examples.fresh: FAIL: no examples/*/entities.dsl under $repo" >&2
  exit 1
fi

stale=0
for dsl in "${dsls[@]}"; do
  example_dir=$(dirname "$dsl")
  example=$(basename "$example_dir")
  # Created up front: a run that writes nothing compares as an empty tree.
  mkdir -p "$tmp/$example"
  if ! example_generate "$schemagen" "$example_dir" "$tmp/$example" >"$tmp/$example.log" 2>&1; then
    echo "examples.fresh: FAIL: generating examples/$example failed:" >&2
    cat "$tmp/$example.log" >&2
    stale=1
    continue
  fi
  if [[ ! -d "$example_dir/generated" ]]; then
    echo "examples.fresh: FAIL: examples/$example/generated is missing" >&2
    stale=1
    continue
  fi
  # From the repository root, so the committed side reads examples/<name>/...
  if ! (cd "$repo" && diff -ru "examples/$example/generated" "$tmp/$example") >"$tmp/$example.diff" 2>&1; then
    echo "examples.fresh: FAIL: examples/$example/generated is out of date:" >&2
    cat "$tmp/$example.diff" >&2
    stale=1
  else
    echo "examples.fresh: examples/$example/generated is up to date"
  fi
done

if ((stale)); then
  echo >&2
  echo "If the new output is intended, regenerate and commit it: bash scripts/regen-examples.sh" >&2
  exit 1
fi
