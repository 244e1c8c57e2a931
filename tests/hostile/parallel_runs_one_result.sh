#!/usr/bin/env bash
# Finding 8: runs on the same output directory take turns (a lock on the directory, held from
# before the history is read until the files are committed). 24 runs at once, on a directory
# that does not exist yet and then on a change of the schema, all succeed and leave exactly
# what one run leaves: one create migration, one evolution migration, no mixed files.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

example=$repo/examples/customer-service
runs=24
cp "$example/history/20260115090000.dsl" "$tmp/v1.dsl"
# The change: a new field on tickets.
python3 - "$tmp/v1.dsl" "$tmp/v2.dsl" <<'PY'
import sys
text = open(sys.argv[1]).read()
at = text.index("entity Ticket {") + len("entity Ticket {")
open(sys.argv[2], "w").write(text[:at] + "\n  sla integer = 24" + text[at:])
PY

# `together DSL OUT`: $runs runs of schemagen on DSL (copied to schema.dsl) at once into OUT;
# fails unless all exit 0.
together() {
  local pids=() i bad=0
  cp "$1" "$tmp/schema.dsl"
  for ((i = 0; i < runs; i++)); do
    "$schemagen" "$tmp/schema.dsl" -o "$2" -q --timestamp 20260301120000 >"$tmp/run$i.log" 2>&1 &
    pids+=($!)
  done
  for i in "${!pids[@]}"; do
    if ! wait "${pids[$i]}"; then
      bad=$((bad + 1))
      show "$tmp/run$i.log"
    fi
  done
  check "$runs runs at once on $(basename "$2"): all succeed ($bad failed)" test "$bad" = 0
}
# `single DSL OUT`: one run, the reference.
single() {
  cp "$1" "$tmp/schema.dsl"
  "$schemagen" "$tmp/schema.dsl" -o "$2" -q --timestamp 20260301120000 >"$tmp/single.log" 2>&1 ||
    { fail "one run on $(basename "$2")"; show "$tmp/single.log"; }
}
same_tree() { diff -r "$1" "$2" >"$tmp/diff.log" 2>&1; }

single "$tmp/v1.dsl" "$tmp/single"
together "$tmp/v1.dsl" "$tmp/out"
if same_tree "$tmp/single" "$tmp/out"; then pass; else fail "the first round differs from one run"; show "$tmp/diff.log"; fi
check "one create migration" test "$(ls "$tmp/out/src/database/migrations/" | grep -c 'create.*\.up\.sql$')" = 1

cp -r "$tmp/single" "$tmp/single-v2"
single "$tmp/v2.dsl" "$tmp/single-v2"
together "$tmp/v2.dsl" "$tmp/out"
if same_tree "$tmp/single-v2" "$tmp/out"; then pass; else fail "the second round differs from one run"; show "$tmp/diff.log"; fi
check "exactly one evolution migration" test "$(ls "$tmp/out/src/database/migrations/" | grep -c 'add-ticket-sla\.up\.sql$')" = 1
finish
