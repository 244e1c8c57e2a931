#!/usr/bin/env bash
# Rewrites every examples/<name>/generated tree with the current schemagen.
# Run it after an intended change to the generator's output, or to an example's
# entities.dsl, review the diff, and commit it: tests/cli/examples_fresh.sh
# (ctest examples.fresh) fails until the committed trees match.
#
# Each tree is generated from scratch. An example with a history
# (examples/<name>/history/<YYYYMMDDHHMMSS>.dsl and history/current.timestamp)
# is replayed: every earlier version in timestamp order, then entities.dsl, into
# the same directory, so the tree holds the create migration and every ALTER
# migration since (scripts/lib/example-history.sh). To evolve an example: copy
# entities.dsl to history/<T>.dsl, T being history/current.timestamp (the first
# time: the schema header's timestamp), write the new migration's timestamp to
# history/current.timestamp, edit entities.dsl, and run this script; the diff
# then shows only the new migrations (and the models and documents).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib/example-history.sh
source scripts/lib/example-history.sh

build_dir=${SCHEMAGEN_BUILD_DIR:-build}
# Always build (a no-op when up to date): a stale binary would commit stale output.
if [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
  cmake -S . -B "$build_dir"
fi
cmake --build "$build_dir" --target schemagen -j"$(nproc)"
schemagen=$build_dir/schemagen

shopt -s nullglob
dsls=(examples/*/entities.dsl)
if ((${#dsls[@]} == 0)); then
  echo "regen-examples: no examples/*/entities.dsl found" >&2
  exit 1
fi
fresh=
trap 'if [[ -n "$fresh" ]]; then rm -rf "$fresh"; fi' EXIT
for dsl in "${dsls[@]}"; do
  example_dir=$(dirname "$dsl")
  # Generate aside, then swap: a failing run keeps the old tree, and files the
  # generator no longer writes don't survive in the new one.
  fresh=$(mktemp -d "$example_dir/.generated.XXXXXX")
  if ! example_generate "$schemagen" "$example_dir" "$fresh"; then
    rm -rf "$fresh"
    echo "regen-examples: generating $example_dir failed; left $example_dir/generated as it was" >&2
    exit 1
  fi
  # mktemp makes 0700 dirs; give the tree the usual permissions.
  chmod 0755 "$fresh"
  rm -rf "$example_dir/generated"
  mv "$fresh" "$example_dir/generated"
  fresh=
  echo "regen-examples: wrote $example_dir/generated"
done
git status --short -- examples 2>/dev/null || true
