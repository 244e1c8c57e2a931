#!/usr/bin/env bash
# Finding 2: the manifest is in the untrusted output tree. Entries that lead outside it (../x,
# an absolute path, a symbolic link to elsewhere) must never make a run read, write or delete
# there: the run stops with an error and writes nothing.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

example=$repo/examples/audit-log/entities.dsl
victims=$tmp/victims
mkdir -p "$victims"

fresh_output() {
  rm -rf "$tmp/out"
  "$schemagen" "$example" -o "$tmp/out" -q >"$tmp/gen.log" 2>&1 || { show "$tmp/gen.log"; exit 1; }
}

# `with_manifest_entry PATH`: the manifest lists PATH, with the hash its content has, as if
# schemagen had written it.
with_manifest_entry() {
  python3 - "$tmp/out/.schemagen-manifest.json" "$1" <<'PY'
import json, sys
path, entry = sys.argv[1], sys.argv[2]
manifest = json.load(open(path))
manifest["files"][entry] = next(iter(manifest["files"].values()))
json.dump(manifest, open(path, "w"), indent=2)
PY
}

n=0
for entry in "../victims/relative.txt" "$victims/absolute.txt" "src/../../victims/dotdot.txt"; do
  n=$((n + 1))
  fresh_output
  target=$(basename "$entry")
  printf 'precious\n' >"$victims/$target"
  with_manifest_entry "$entry"
  before=$(snapshot "$tmp/out")
  run_schemagen "$tmp/run$n.log" "$example" -o "$tmp/out"
  check "'$entry': exit 1 (got $status)" test "$status" = 1
  check "'$entry': the file outside is intact" grep -qx precious "$victims/$target"
  check "'$entry': nothing written" test "$(snapshot "$tmp/out")" = "$before"
  if ! grep -q "lists '.*', which .*; schemagen reads, writes and removes files only inside its output directory" "$tmp/run$n.log"; then
    fail "'$entry': the error says why"
    show "$tmp/run$n.log"
  else
    pass
  fi
done

# A generated directory replaced by a symbolic link to somewhere else.
fresh_output
mkdir -p "$victims/models"
printf 'precious\n' >"$victims/models/AuditEntry.ts"
rm -rf "$tmp/out/src/models"
ln -s "$victims/models" "$tmp/out/src/models"
run_schemagen "$tmp/link.log" "$example" -o "$tmp/out" --force
check "a symlinked output directory: exit 1 (got $status)" test "$status" = 1
check "nothing written through the link" grep -qx precious "$victims/models/AuditEntry.ts"
check "only the precious file is there" test "$(ls "$victims/models")" = AuditEntry.ts
# The history read through a link: schemagen-state/ made a link to a directory outside holding
# a snapshot. Nothing of it is read, and nothing is written.
fresh_output
mkdir -p "$victims/state"
cp "$tmp/out/src/database/migrations/schemagen-state/"*.json "$victims/state/"
rm -rf "$tmp/out/src/database/migrations/schemagen-state"
ln -s "$victims/state" "$tmp/out/src/database/migrations/schemagen-state"
before=$(snapshot "$tmp/out")
run_schemagen "$tmp/state.log" "$example" -o "$tmp/out"
check "a history reached through a link: exit 1 (got $status)" test "$status" = 1
check "it says the link leads outside" grep -q "leads outside the output directory" "$tmp/state.log"
check "nothing written" test "$(snapshot "$tmp/out")" = "$before"
finish
