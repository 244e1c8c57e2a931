#!/usr/bin/env bash
# Finding 5: a lost history (schemagen-state/ deleted, or ignored by git in a fresh clone) must
# not make the next run rewrite the committed create migration and delete the later ones: the
# run stops (E0937), says how to recover, and writes nothing; restoring the history works.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

example=$repo/examples/customer-service
out=$tmp/out
# The example's committed tree, history and all: several runs' migrations.
cp -r "$example/generated" "$out"
migrations=$out/src/database/migrations
runs=$(find "$migrations" -maxdepth 1 -name '*.up.sql' | wc -l)
check "the example has several runs ($runs)" test "$runs" -gt 1

mv "$migrations/schemagen-state" "$tmp/state.saved"
before=$(snapshot "$out")
run_schemagen "$tmp/lost.log" "$example/entities.dsl" -o "$out"
check "a run without its history exits 1 (got $status)" test "$status" = 1
check "nothing is rewritten or removed" test "$(snapshot "$out")" = "$before"
if grep -q "error\[E0937\]" "$tmp/lost.log" && grep -q "restore .*schemagen-state/ from version control" "$tmp/lost.log"; then
  pass
else
  fail "E0937 names the lost history and how to restore it"
  show "$tmp/lost.log"
fi
run_schemagen "$tmp/forced.log" "$example/entities.dsl" -o "$out" --force --rehash
check "--force --rehash do not get past it either (exit $status)" test "$status" = 1
check "still nothing rewritten" test "$(snapshot "$out")" = "$before"

# The manifest lost too (a fresh clone that ignores both): still refused, by schemagen.sum.
rm "$out/.schemagen-manifest.json"
before=$(snapshot "$out")
run_schemagen "$tmp/both.log" "$example/entities.dsl" -o "$out"
check "without history and manifest: exit 1 (got $status)" test "$status" = 1
check "without history and manifest: nothing written" test "$(snapshot "$out")" = "$before"

# The advice followed: the history restored, the run is the no-op it should be.
mv "$tmp/state.saved" "$migrations/schemagen-state"
run_schemagen "$tmp/restored.log" "$example/entities.dsl" -o "$out" --force
check "with the history restored the run succeeds (exit $status)" test "$status" = 0
if grep -q "^schemagen: 0 written" "$tmp/restored.log"; then pass; else
  fail "the restored tree is up to date"
  show "$tmp/restored.log"
fi
finish
