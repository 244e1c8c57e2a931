#!/usr/bin/env bash
# Usage: tests/cli/bad_inputs_write_nothing.sh SCHEMAGEN REPO
#
# A schema with errors must leave the output directory exactly as it was: no new, removed or
# modified files, no leftover temporary files, not even a touched mtime. For every
# tests/diagnostics/<case>.dsl this copies a known tree (a hand-written
# src/database/migrations/keep.sql plus the tree generated from a valid example) into a fresh
# output directory, runs `SCHEMAGEN <case>.dsl -o DIR`, and compares the tree before and after:
# paths, types, modes, sizes, mtimes (to the nanosecond) and SHA-256 of every file.
#
# Also checked: `SCHEMAGEN check <case>.dsl` exits 1; an output directory that does not exist
# is not created; `SCHEMAGEN check` of a valid example exits 0; an unknown flag exits 2.
# Prints one line per failure and a final "N passed, M failed"; exits 1 on any failure.
set -euo pipefail

if (($# != 2)); then
  echo "usage: $0 SCHEMAGEN REPO" >&2
  exit 2
fi
schemagen=$1
if [[ "$schemagen" == */* ]]; then
  schemagen=$(cd "$(dirname "$schemagen")" && pwd)/$(basename "$schemagen")
fi
repo=$(cd "$2" && pwd)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() {
  failed=$((failed + 1))
  echo "bad_inputs_write_nothing: FAIL: $*" >&2
}
# Shows a log under a failure, indented.
show() { sed 's/^/    | /' "$1" >&2; }

# Everything that could change when a tool writes into DIR, one line per entry, sorted.
snapshot() {
  (
    cd "$1"
    find . -printf '%p %y %m %s %T@\n' | LC_ALL=C sort
    find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum
  )
}

mapfile -t examples < <(find "$repo/examples" -mindepth 2 -maxdepth 2 -name entities.dsl 2>/dev/null | LC_ALL=C sort)
mapfile -t cases < <(find "$repo/tests/diagnostics" -maxdepth 1 -name '*.dsl' 2>/dev/null | LC_ALL=C sort)
if ((${#examples[@]} == 0)); then
  echo "bad_inputs_write_nothing: FAIL: no examples/*/entities.dsl under $repo" >&2
  exit 1
fi
if ((${#cases[@]} == 0)); then
  # An empty corpus passing silently would hide a moved folder or a broken glob.
  echo "bad_inputs_write_nothing: FAIL: no tests/diagnostics/*.dsl under $repo" >&2
  exit 1
fi
# The canonical example when present, else the first one.
valid=${examples[0]}
if [[ -f "$repo/examples/customer-service/entities.dsl" ]]; then
  valid=$repo/examples/customer-service/entities.dsl
fi

# ---- the seed tree: a file the user keeps, and a previous generation from a valid schema ----
seed=$tmp/seed
mkdir -p "$seed/src/database/migrations"
printf -- '-- hand-written, must survive\nSELECT 1;\n' >"$seed/src/database/migrations/keep.sql"
if ! "$schemagen" "$valid" -o "$seed" --timestamp 20200101000000 -q >"$tmp/seed.log" 2>&1; then
  echo "bad_inputs_write_nothing: FAIL: can't generate the seed tree from ${valid#"$repo"/}:" >&2
  show "$tmp/seed.log"
  exit 1
fi
# Old, distinct mtimes, so that a rewrite within the same second still shows.
find "$seed" -exec touch -h -d '2001-02-03 04:05:06.123456789' {} +
seed_files=$(find "$seed" -type f | wc -l)
if ((seed_files < 2)); then
  echo "bad_inputs_write_nothing: FAIL: the seed tree has only $seed_files file(s)" >&2
  exit 1
fi

# A working directory of its own: a tool that writes to '.' by mistake shows up here.
work=$tmp/cwd
mkdir -p "$work"
snapshot "$seed" >"$tmp/seed.snapshot"

for dsl in "${cases[@]}"; do
  name=$(basename "$dsl" .dsl)
  out=$tmp/out
  rm -rf "$out"
  cp -a "$seed" "$out"

  # Generation into an existing tree.
  status=0
  (cd "$work" && "$schemagen" "$dsl" -o "$out") >"$tmp/run.log" 2>&1 || status=$?
  if ((status == 1)); then
    pass
  else
    fail "$name: 'schemagen $name.dsl -o DIR' exited $status, expected 1"
    show "$tmp/run.log"
  fi
  snapshot "$out" >"$tmp/after.snapshot"
  if diff -u "$tmp/seed.snapshot" "$tmp/after.snapshot" >"$tmp/tree.diff"; then
    pass
  else
    fail "$name: the output directory changed (- before, + after):"
    show "$tmp/tree.diff"
  fi

  # Generation into a directory that does not exist yet.
  status=0
  (cd "$work" && "$schemagen" "$dsl" -o "$tmp/fresh") >"$tmp/run.log" 2>&1 || status=$?
  if ((status == 1)) && [[ ! -e "$tmp/fresh" ]]; then
    pass
  else
    fail "$name: 'schemagen $name.dsl -o NEW_DIR' exited $status or created NEW_DIR"
    show "$tmp/run.log"
    rm -rf "$tmp/fresh"
  fi

  # check
  status=0
  (cd "$work" && "$schemagen" check "$dsl") >"$tmp/run.log" 2>&1 || status=$?
  if ((status == 1)); then
    pass
  else
    fail "$name: 'schemagen check $name.dsl' exited $status, expected 1"
    show "$tmp/run.log"
  fi
done

leftovers=$(find "$work" -mindepth 1 -printf '%P ')
if [[ -z "$leftovers" ]]; then
  pass
else
  fail "files appeared in the working directory: $leftovers"
fi

# A valid schema passes check.
status=0
"$schemagen" check "$valid" >"$tmp/run.log" 2>&1 || status=$?
if ((status == 0)); then
  pass
else
  fail "'schemagen check ${valid#"$repo"/}' exited $status, expected 0"
  show "$tmp/run.log"
fi

# Usage errors exit 2, before reading any file.
for args in "--no-such-flag $valid" "check --no-such-flag $valid" "check"; do
  status=0
  # shellcheck disable=SC2086 # the arguments are meant to split
  "$schemagen" $args >"$tmp/run.log" 2>&1 || status=$?
  if ((status == 2)); then
    pass
  else
    fail "'schemagen $args' exited $status, expected 2 (usage error)"
    show "$tmp/run.log"
  fi
done

echo "bad_inputs_write_nothing: ${#cases[@]} bad inputs"
echo "$passed passed, $failed failed"
((failed == 0))
