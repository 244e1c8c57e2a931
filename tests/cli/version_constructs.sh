#!/usr/bin/env bash
# Usage: tests/cli/version_constructs.sh SCHEMAGEN REPO
#
# Every example, golden case and golden evolution history, generated for PostgreSQL 12 (the
# oldest target) with `--postgres 12`, holds no SQL construct newer than 12: none of
# tests/postgres-versions/constructs.txt, and gen_random_uuid() (core from 13) only in a
# migrations directory whose migrations create pgcrypto first (docs/postgres-versions.md).
# Fails naming the file, the construct and the major it needs.
set -euo pipefail

if (($# != 2)); then
  echo "usage: $0 SCHEMAGEN REPO" >&2
  exit 2
fi
schemagen=$1
if [[ "$schemagen" == */* ]]; then schemagen=$(cd "$(dirname "$schemagen")" && pwd)/$(basename "$schemagen"); fi
repo=$(cd "$2" && pwd)
# shellcheck source=scripts/lib/example-history.sh
source "$repo/scripts/lib/example-history.sh"
name=cli.version_constructs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() {
  echo "$name: FAIL: $*" >&2
  exit 1
}

# The trees: examples (their histories replayed), golden cases, evolution histories.
trees=()
for dsl in "$repo"/examples/*/entities.dsl "$repo"/examples/cmake-consumer/schema/entities.dsl; do
  dir=$(dirname "$dsl")
  label=examples/${dir#"$repo"/examples/}
  out=$work/${label//\//_}
  example_generate "$schemagen" "$dir" "$out" --postgres 12 -q >"$out.log" 2>&1 ||
    fail "generating $label failed: $(cat "$out.log")"
  trees+=("$out")
done
for dsl in "$repo"/tests/golden/*/input.dsl; do
  case_dir=$(dirname "$dsl")
  label=golden_$(basename "$case_dir")
  args=()
  [[ -f "$case_dir/sequelize5" ]] && args+=(--sequelize 5)
  "$schemagen" "$dsl" -o "$work/$label" --postgres 12 -q "${args[@]}" >"$work/$label.log" 2>&1 ||
    fail "generating tests/golden/$(basename "$case_dir") failed: $(cat "$work/$label.log")"
  trees+=("$work/$label")
done
for case_dir in "$repo"/tests/golden/evolution/*/; do
  case_dir=${case_dir%/}
  grep -qs '^@' "$case_dir"/*.args && continue # git branches: tests/unit/evolution_test.cpp
  label=evolution_$(basename "$case_dir")
  for ((step = 1; ; step++)); do
    [[ -f "$case_dir/$step.dsl" ]] || break
    args=(--postgres 12 -q)
    if [[ -f "$case_dir/$step.args" ]]; then
      read -r -a more <<<"$(tr '\n' ' ' <"$case_dir/$step.args")"
      args+=("${more[@]}")
    fi
    ((step > 1)) && args+=(--timestamp "$(printf '202603%02d120000' "$step")")
    cp "$case_dir/$step.dsl" "$work/$label-$step.dsl"
    "$schemagen" "$work/$label-$step.dsl" -o "$work/$label" "${args[@]}" >/dev/null 2>&1 || true
  done
  trees+=("$work/$label")
done

checked=0 found=0
while IFS=$'\t' read -r major construct pattern; do
  [[ -z "$major" || "$major" == \#* ]] && continue
  while IFS= read -r hit; do
    # Comments (a statement's explanation may name the construct it avoids) don't run.
    content=${hit#*:*:}
    content=${content#"${content%%[![:space:]]*}"}
    [[ "$content" == --* || "$content" == //* || "$content" == \** ]] && continue
    echo "$name: ${hit#"$work"/}: $construct needs PostgreSQL $major" >&2
    found=$((found + 1))
  done < <(grep -rnE --include='*.sql' --include='*.ts' -- "$pattern" "${trees[@]}" || true)
done <"$repo/tests/postgres-versions/constructs.txt"
for tree in "${trees[@]}"; do
  while IFS= read -r dir; do
    checked=$((checked + $(find "$dir" -maxdepth 1 -name '*.up.sql' | wc -l)))
    if grep -qs 'gen_random_uuid()' "$dir"/*.up.sql && ! grep -qs 'CREATE EXTENSION pgcrypto' "$dir"/*.up.sql; then
      echo "$name: ${dir#"$work"/}: gen_random_uuid() without pgcrypto needs PostgreSQL 13" >&2
      found=$((found + 1))
    fi
  done < <(find "$tree" -name schemagen-state -type d -exec dirname {} \;)
done
((checked > 0)) || fail "no migration was generated"
((found == 0)) || fail "$found construct(s) newer than PostgreSQL 12 in output written for 12"
echo "$name: PASS: ${#trees[@]} trees, $checked migrations for PostgreSQL 12 hold no construct newer than 12"
