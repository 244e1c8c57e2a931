#!/usr/bin/env bash
# Finding 16 (and the adoption issue's "never clobber"): a first run, with no manifest, onto a
# project that already has its own models must not overwrite them. It stops before writing
# anything, names each file and the way out; --force takes them over; a later run (with a
# manifest) still never touches a file schemagen did not write.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

example=$repo/examples/customer-service/entities.dsl
out=$tmp/project
mkdir -p "$out/src/models" "$out/src/database/migrations"
printf 'export class User { hashPassword(): void {} }\n' >"$out/src/models/User.ts"
printf '// a hand-written migration\n' >"$out/src/database/migrations/20190101000000-init.js"
before=$(snapshot "$out")

run_schemagen "$tmp/first.log" "$example" -o "$out"
check "a first run over a hand-written model exits 1 (got $status)" test "$status" = 1
check "the tree is untouched" test "$(snapshot "$out")" = "$before"
if grep -q "src/models/User.ts exists and schemagen did not write it" "$tmp/first.log" &&
  grep -q -- "--force" "$tmp/first.log"; then
  pass
else
  fail "the error names the file and the way out"
  show "$tmp/first.log"
fi

run_schemagen "$tmp/check.log" "$example" -o "$out" --check
check "--check reports it too (exit $status)" test "$status" = 1
check "--check writes nothing" test "$(snapshot "$out")" = "$before"

# Moved away, the run succeeds and keeps the hand-written migration.
mv "$out/src/models/User.ts" "$tmp/User.ts.mine"
run_schemagen "$tmp/second.log" "$example" -o "$out"
check "with the model moved away the run succeeds (exit $status)" test "$status" = 0
check "the team's own migration is kept" test -f "$out/src/database/migrations/20190101000000-init.js"

# With a manifest: a file dropped at an output path that schemagen does not record.
rm "$out/src/models/Ticket.ts"
cp "$tmp/User.ts.mine" "$out/src/models/Ticket.ts"
before=$(snapshot "$out")
run_schemagen "$tmp/third.log" "$example" -o "$out"
check "a later run refuses too (exit $status)" test "$status" = 1
check "and writes nothing" test "$(snapshot "$out")" = "$before"

run_schemagen "$tmp/forced.log" "$example" -o "$out" --force
check "--force takes the file over (exit $status)" test "$status" = 0
check "--force replaced it" grep -q "@Table" "$out/src/models/Ticket.ts"
finish
