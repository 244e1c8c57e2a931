#!/usr/bin/env bash
# README command 1: install what's needed, build schemagen, and run it on the
# customer-service example so you can see what it writes.
# Usage: scripts/quickstart.sh [OUTPUT_DIR]   (default: a new temp dir, kept)
set -euo pipefail
# A relative OUTPUT_DIR means relative to where you ran this, so resolve it first.
out=${1:-$(mktemp -d "${TMPDIR:-/tmp}/schemagen-quickstart.XXXXXX")}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install-deps.sh

build_dir=${SCHEMAGEN_BUILD_DIR:-build}
cmake -S . -B "$build_dir"
# Only the tool: the test suite is scripts/test.sh's job.
cmake --build "$build_dir" --target schemagen -j"$(nproc)"

example=examples/customer-service/entities.dsl
echo
echo "\$ $build_dir/schemagen $example -o $out"
"$build_dir/schemagen" "$example" -o "$out"

echo
echo "== files written under $out"
(cd "$out" && find . -type f | LC_ALL=C sort | sed 's|^\./||')

mapfile -t ups < <(find "$out" -type f -name '*.up.sql' | LC_ALL=C sort)
for up in "${ups[@]}"; do
  echo
  echo "== ${up#"$out"/}"
  cat "$up"
done
echo
echo "Output kept in $out. Next: bash scripts/test.sh runs every test, including a real PostgreSQL."
