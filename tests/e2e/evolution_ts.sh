#!/usr/bin/env bash
# Usage: tests/e2e/evolution_ts.sh TARGET BUILD_DIR
#
# Every ALTER migration of the golden evolution cases (tests/golden/evolution/*/expected/N/*.ts:
# renames, type changes with USING, dropped and recreated tables, online migrations...) as a
# project would check it: `prettier --check` with default options reports no change, and
# `tsc --strict` accepts it against Sequelize TARGET's types (tests/e2e/sequelizeTARGET).
# The whole TypeScript trees of the other golden cases (models, with-tenant.ts, the create
# migration) are checked the same way: hostile-text's quotes, backslashes, `*/`, `${` and
# backticks must come out as valid, unchanged TypeScript. Cases named *sequelize5* are
# generated for Sequelize 5 and checked with TARGET 5 only; the others with TARGET 6 only.
# Needs node and npm (`npm ci` once per lockfile, cached like tests/e2e/run.sh's).
set -euo pipefail

if (($# != 2)) || [[ "$1" != 5 && "$1" != 6 ]]; then
  echo "usage: $0 TARGET(5|6) BUILD_DIR" >&2
  exit 2
fi
target=$1
build_dir=$2
name="e2e.evolution_ts.sequelize$target"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=tests/e2e/node_modules.sh
source "$here/node_modules.sh"
modules=$(ensure_node_modules "$target" "$build_dir" "$name")
bin=$modules/node_modules/.bin

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src"
count=0
for file in "$root"/tests/golden/evolution/*/expected/*/*.ts; do
  case_name=$(basename "$(dirname "$(dirname "$(dirname "$file")")")")
  step=$(basename "$(dirname "$file")")
  mkdir -p "$work/src/$case_name/$step"
  cp "$file" "$work/src/$case_name/$step/"
  count=$((count + 1))
done
if ((count == 0)); then
  echo "$name: FAIL: no ALTER migrations under tests/golden/evolution" >&2
  exit 1
fi
trees=0
for tree in "$root"/tests/golden/*/expected/src; do
  case_name=$(basename "$(dirname "$(dirname "$tree")")")
  [[ "$case_name" == evolution ]] && continue
  if [[ "$case_name" == *sequelize5* ]]; then ((target == 5)) || continue; else ((target == 6)) || continue; fi
  mkdir -p "$work/src/golden-$case_name"
  cp -R "$tree/." "$work/src/golden-$case_name/"
  trees=$((trees + 1))
  count=$((count + $(find "$tree" -name '*.ts' | wc -l)))
done
ln -s "$modules/node_modules" "$work/node_modules"
sed 's/"include": \[.*\]/"include": ["src\/**\/*.ts"]/' "$here/sequelize$target/tsconfig.json" >"$work/tsconfig.json"

status=0
if (cd "$work" && "$bin/prettier" --check --no-config --no-editorconfig "src/**/*.ts") >"$work/prettier.log" 2>&1; then
  echo "$name: PASS: prettier --check, $count files ($trees golden trees)"
else
  echo "$name: FAIL: prettier --check would reformat generated migrations:" >&2
  sed -n '1,40s/^/    /p' "$work/prettier.log" >&2
  status=1
fi
if (cd "$work" && "$bin/tsc" -p tsconfig.json) >"$work/tsc.log" 2>&1; then
  echo "$name: PASS: tsc --strict, $count files ($trees golden trees)"
else
  echo "$name: FAIL: tsc --strict:" >&2
  sed -n '1,60s/^/    /p' "$work/tsc.log" >&2
  status=1
fi
exit "$status"
