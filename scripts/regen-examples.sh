#!/usr/bin/env bash
# Rewrites every examples/<name>/generated tree with the current schemagen.
# Run it after an intended change to the generator's output, review the diff,
# and commit it: tests/cli/examples_fresh.sh (ctest examples.fresh) fails
# until the committed trees match.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

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
  if ! "$schemagen" "$dsl" -o "$fresh"; then
    rm -rf "$fresh"
    echo "regen-examples: schemagen failed on $dsl; left $example_dir/generated as it was" >&2
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
