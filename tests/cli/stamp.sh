#!/usr/bin/env bash
# Usage: tests/cli/stamp.sh SCHEMAGEN REPO
#
# The no-op fast path (include/schemagen/stamp.hpp): a rerun with nothing changed is skipped,
# and anything that could change the output makes the next run generate again. Each case
# changes one thing and expects a full run (no "nothing changed" note), or expects the skip.
set -euo pipefail

if (($# != 2)); then
  echo "usage: $0 SCHEMAGEN REPO" >&2
  exit 2
fi
schemagen=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
repo=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export SCHEMAGEN_CACHE_DIR=$work/cache
unset SOURCE_DATE_EPOCH

fail() {
  echo "cli.stamp: FAIL: $*" >&2
  exit 1
}
skip_note="(nothing changed since the last run)"
# run EXPECT ARGS...: EXPECT is "skip" or "full"; the run must succeed.
run() {
  local expect=$1 output
  shift
  output=$("$schemagen" "$@" 2>&1) || fail "schemagen $* failed: $output"
  case $expect in
    skip) [[ $output == *"$skip_note"* ]] || fail "expected a skipped run for '$*', got: $output" ;;
    full) [[ $output != *"$skip_note"* ]] || fail "expected a generating run for '$*', got: $output" ;;
    any) ;;
  esac
  echo "$expect: $(tail -n 1 <<<"$output")"
}
# Wait out the clock tick of the last write, so the stamp can hold (a change in the same tick
# as the stamp is distrusted by design).
tick() { sleep 0.05; }
# After a generating run: the next run may generate once more (its files were written in the
# stamp's tick), and from then on runs are skipped.
settle() {
  tick
  run any "$@"
  tick
  run skip "$@"
}

mkdir schema
cp "$repo/examples/audit-log/entities.dsl" schema/main.dsl
dsl=schema/main.dsl

echo "== a first run generates, the next ones are skipped"
run full "$dsl" -o out
settle "$dsl" -o out
run skip "$dsl" -o out
ls "$SCHEMAGEN_CACHE_DIR"/stamps/* >/dev/null || fail "no stamp was written"

echo "== a generated file touched, edited, removed; a file added among them"
touch out/src/models/User.ts
run full "$dsl" -o out
settle "$dsl" -o out
cp out/src/models/User.ts user.ts
sed -i 's/User/Usar/' out/src/models/User.ts # same size, new inode
if "$schemagen" "$dsl" -o out >edited.log 2>&1; then
  fail "an edited file was not reported: $(cat edited.log)"
fi
grep -q "edited by hand" edited.log || fail "unexpected: $(cat edited.log)"
echo "full: the edit is reported"
cp user.ts out/src/models/User.ts
run full "$dsl" -o out
settle "$dsl" -o out
rm out/src/models/enums.ts
run full "$dsl" -o out
[[ -f out/src/models/enums.ts ]] || fail "the removed file was not restored"
settle "$dsl" -o out
touch out/src/models/Extra.ts # a new file in a generated directory
run full "$dsl" -o out
rm out/src/models/Extra.ts
run full "$dsl" -o out
settle "$dsl" -o out

echo "== the schema, an option, the environment, the working directory, the binary"
run skip "$dsl" -o out
echo "// a comment" >>"$dsl"
run full "$dsl" -o out
settle "$dsl" -o out
touch "$dsl"
run skip "$dsl" -o out # the schema is compared by content
run full "$dsl" -o out --doc-lang en
settle "$dsl" -o out --doc-lang en
run full "$dsl" -o out
settle "$dsl" -o out
SOURCE_DATE_EPOCH=1700000000 run full "$dsl" -o out
(cd out && run full "../$dsl" -o .)
cp "$schemagen" "$work/schemagen-copy"
copied=$("$work/schemagen-copy" "$dsl" -o out)
[[ $copied != *"$skip_note"* ]] || fail "another binary was skipped"
echo "full: another binary generates"

echo "== an imported file and a template override are inputs"
cat >schema/imported.dsl <<'EOF'
/// Tags a company's rows.
entity Tag { label string(40) }
EOF
sed -i '0,/^schema /s//import "imported.dsl"\n\nschema /' "$dsl"
run full "$dsl" -o out
settle "$dsl" -o out
echo "/// A tag, as a note." >>schema/imported.dsl
echo "entity Note { text string(40) }" >>schema/imported.dsl
run full "$dsl" -o out
[[ -f out/src/models/Note.ts ]] || fail "the imported file's change was not generated"
mkdir templates
cp "$repo/templates/enums.ts.mustache" templates/
tick
run full "$dsl" -o out --templates templates
settle "$dsl" -o out --templates templates
sed -i '1i // custom' templates/enums.ts.mustache
run full "$dsl" -o out --templates templates
grep -q "^// custom" out/src/models/enums.ts || fail "the template change was not generated"

echo "== never skipped: --check, --force, warnings; nothing stamped with an empty cache dir"
settle "$dsl" -o out --templates templates
checked=$("$schemagen" "$dsl" -o out --templates templates --check)
[[ $checked != *"$skip_note"* ]] || fail "--check was skipped"
run full "$dsl" -o out --templates templates --force
cat >warn.dsl <<'EOF'
schema warned { tenant Company  feature "warned"  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Ticket { contactId -> Company? }
EOF
warned=$("$schemagen" check warn.dsl 2>&1)
[[ $warned == *"warning[W0603]"* ]] || fail "warn.dsl does not warn: $warned"
for _ in 1 2 3; do
  run full warn.dsl -o warned
  tick
done
SCHEMAGEN_CACHE_DIR='' run full "$dsl" -o plain
tick
SCHEMAGEN_CACHE_DIR='' run full "$dsl" -o plain
echo "cli.stamp: ok"
