#!/usr/bin/env bash
# Finding 15: every diagnostic's advice, followed literally, gets past it. Two branches each
# generate a migration from the same state and git merges them, conflicting in schemagen.sum.
# Each step below does exactly what the previous error said, and the last run plans the
# deleted branch's change again on top of the kept one. (Before: E0932 named only part of a
# run's files, and E0954/E0955 sent the user round in circles.)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$tmp"

cat >v1.dsl <<'DSL'
schema s { tenant Company  timestamp 20260101000000 }
entity Company global { name text }
entity Ticket { title text }
DSL
sed 's/title text/title text\n  a integer?/' v1.dsl >a.dsl
sed 's/title text/title text\n  b integer? index/' v1.dsl >b.dsl
sed 's/title text/title text\n  a integer?\n  b integer? index/' v1.dsl >merged.dsl
gen() { cp "$1" e.dsl; shift; "$schemagen" e.dsl -q "$@" >gen.log 2>&1 || { show gen.log; exit 1; }; }
gen v1.dsl -o main
cp -r main a
cp -r main b
gen a.dsl -o a --timestamp 20260201000000
gen b.dsl -o b --timestamp 20260202000000 # b's run has an -online migration too
# git's merge: every file of both branches, and a conflict in schemagen.sum.
cp -r a out
m=out/src/database/migrations
cp -n b/src/database/migrations/*.* "$m/"
cp -n b/src/database/migrations/schemagen-state/* "$m/schemagen-state/"
python3 - a/src/database/migrations/schemagen.sum b/src/database/migrations/schemagen.sum >"$m/schemagen.sum" <<'PY'
import sys
ours, theirs = (open(p).read().splitlines() for p in sys.argv[1:])
head = [l for l in ours if l.startswith("#")]
print("\n".join(head))
print("<<<<<<< HEAD")
print("\n".join(l for l in ours if not l.startswith("#")))
print("=======")
print("\n".join(l for l in theirs if not l.startswith("#")))
print(">>>>>>> b")
PY
cp merged.dsl e.dsl

step() {  # `step CODE`: a run fails with CODE; its log is $tmp/step.log
  run_schemagen step.log e.dsl -o out
  check "fails with $1 (exit $status)" test "$status" = 1
  if grep -q "error\[$1\]" step.log; then pass; else fail "expected $1"; show step.log; fi
}
step E0932
# The advice: delete every file of the run main does not have (here b's), as listed.
files=$(grep -o "20260202000000-add-ticket-b: [^;]*" step.log | sed 's/^[^:]*: //; s/, /\n/g')
check "E0932 lists the -online migration too" grep -q "add-ticket-b-online.up.sql" <<<"$files"
[[ -n "$files" ]] || { fail "E0932 names no file of the run to delete"; finish; }
while IFS= read -r f; do rm -f "$m/$f"; done <<<"$files"

step E0954
# The advice: keep both sides' entries, delete the markers and the total lines, rerun.
grep -v '^<<<<<<<\|^=======\|^>>>>>>>\|^total ' "$m/schemagen.sum" | awk '!seen[$0]++' >sum.new
mv sum.new "$m/schemagen.sum"

run_schemagen step.log e.dsl -o out --timestamp 20260301000000
if ((status == 1)) && grep -q "schemagen.sum was edited by hand.*--force" step.log; then
  # The manifest knows the sum was edited; its advice: --force.
  run_schemagen step.log e.dsl -o out --timestamp 20260301000000 --force
fi
check "the advice leads to a run that succeeds (exit $status)" test "$status" = 0
check "b's change is planned again on top of a's" test -f "$m/20260301000000-add-ticket-b.up.sql"
run_schemagen again.log e.dsl -o out
check "and the next run is clean (exit $status)" test "$status" = 0
finish
