#!/usr/bin/env bash
# Usage: tests/fuzz/make_corpus.sh SOURCE_DIR OUT_DIR
#
# Assembles the fuzz targets' seed corpora from the repository's own inputs into
# OUT_DIR/<target>/, one file per input named by its SHA-1 (libFuzzer's naming, so
# duplicates collapse):
#   parse, analyze, generate: every DSL the project ships or tests (examples, their histories,
#     golden inputs, evolution steps, bad inputs of the diagnostics corpus)
#   evolve: two DSLs joined by the separator line "#####": each evolution case's and each
#     example history's consecutive steps, and every example and golden input with itself
#   state: every recorded snapshot (schemagen-state/*.json) of the examples and golden cases
# Also takes every file of tests/fuzz/regressions/<target>/.
set -euo pipefail

if (($# != 2)); then
  echo "usage: $0 SOURCE_DIR OUT_DIR" >&2
  exit 2
fi
src=$(cd "$1" && pwd)
out=$2

rm -rf "$out"
for target in parse analyze generate evolve state; do
  mkdir -p "$out/$target"
done

# add TARGET FILE...: copies each file under its SHA-1.
add() {
  local target=$1
  shift
  local file sum
  for file in "$@"; do
    sum=$(sha1sum <"$file")
    cp "$file" "$out/$target/${sum%% *}"
  done
}

# add_pair A B: the evolve input "A\n#####\nB".
add_pair() {
  local tmp sum
  tmp=$(mktemp)
  { cat "$1"; printf '\n#####\n'; cat "$2"; } >"$tmp"
  sum=$(sha1sum <"$tmp")
  mv "$tmp" "$out/evolve/${sum%% *}"
}

shopt -s nullglob globstar
dsls=("$src"/examples/*/entities.dsl "$src"/examples/*/*/entities.dsl "$src"/examples/*/history/*.dsl
  "$src"/tests/golden/**/input.dsl "$src"/tests/golden/evolution/*/*.dsl "$src"/tests/diagnostics/*.dsl)
for target in parse analyze generate; do
  add "$target" "${dsls[@]}"
done

# Consecutive steps: 1.dsl -> 2.dsl -> ... of each evolution case, and each example history.
for dir in "$src"/tests/golden/evolution/*/ "$src"/examples/*/history/; do
  previous=
  while IFS= read -r file; do
    [[ -n "$previous" ]] && add_pair "$previous" "$file"
    previous=$file
  done < <(find "$dir" -maxdepth 1 -name '*.dsl' | sort -V)
done
for file in "$src"/examples/*/entities.dsl "$src"/tests/golden/*/input.dsl; do
  add_pair "$file" "$file"
done

add state "$src"/examples/**/schemagen-state/*.json "$src"/tests/golden/**/schemagen-state/*.json

for target in parse analyze generate evolve state; do
  add "$target" "$src"/tests/fuzz/regressions/"$target"/*
done

for target in parse analyze generate evolve state; do
  echo "make_corpus: $target: $(find "$out/$target" -type f | wc -l) inputs"
done
