#!/usr/bin/env bash
# Finding 4: CR, CRLF and LF all end a line. A schema saved with CR-only line endings must
# generate exactly what its LF twin generates (before, its first `//` comment swallowed the
# rest of the file and the run exited 0 with entities missing); positions count CR lines.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

mkdir -p "$tmp/lf" "$tmp/cr" "$tmp/crlf"
for example in customer-service webhooks; do
  dsl=$repo/examples/$example/entities.dsl
  cp "$dsl" "$tmp/lf/entities.dsl"
  tr '\n' '\r' <"$dsl" >"$tmp/cr/entities.dsl"
  sed 's/$/\r/' "$dsl" >"$tmp/crlf/entities.dsl"
  for kind in lf cr crlf; do
    rm -rf "$tmp/$kind/out"
    (cd "$tmp/$kind" && SOURCE_DATE_EPOCH=0 "$schemagen" entities.dsl -o out -q) >"$tmp/$kind.log" 2>&1 ||
      { fail "$example/$kind: generation failed"; show "$tmp/$kind.log"; }
  done
  check "$example: CR-only output equals LF output" diff -r "$tmp/lf/out" "$tmp/cr/out"
  check "$example: CRLF output equals LF output" diff -r "$tmp/lf/out" "$tmp/crlf/out"
done

# A diagnostic on a CR-only file points at the right line and column.
printf 'schema s { tenant Company }\r// a comment\rentity Company global {\r  name txet\r}\r' >"$tmp/bad.dsl"
run_schemagen "$tmp/bad.log" check "$tmp/bad.dsl"
check "a typo in a CR-only file is an error (exit $status)" test "$status" = 1
if grep -q "bad.dsl:4:8: error" "$tmp/bad.log"; then pass; else
  fail "the error is at 4:8"
  show "$tmp/bad.log"
fi
finish
