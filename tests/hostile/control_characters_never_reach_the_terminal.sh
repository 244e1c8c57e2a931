#!/usr/bin/env bash
# Finding 13: what a message quotes (a file name from schemagen.sum or the migrations
# directory, a manifest entry, a path on the command line) reaches the terminal with its
# control characters escaped, never as a raw escape sequence; a path setting with one is an
# error (tests/diagnostics/header_path_with_a_newline).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

esc=$'\x1b'
example=$repo/examples/audit-log
cp -r "$example/generated" "$tmp/out"
sum=$tmp/out/src/database/migrations/schemagen.sum
# A sum that records a file whose name holds a terminal escape sequence (the file is there).
name="20260207120000-x${esc}[2J${esc}]0;pwned${esc}\\.up.sql"
printf 'hand\n' >"$tmp/out/src/database/migrations/$name"
printf '%s  %s\n' "$(printf 'hand\n' | sha256sum | cut -d' ' -f1)" "$name" >>"$sum"
run_schemagen "$tmp/sum.log" "$example/entities.dsl" -o "$tmp/out"
check "a tampered sum is refused (exit $status)" test "$status" = 1
if grep -q "$esc" "$tmp/sum.log"; then fail "a raw escape reached the terminal"; show "$tmp/sum.log"; else pass; fi
check "the name is shown escaped" grep -qF '\x1b[2J' "$tmp/sum.log"

# verify names migration files from the directory in its report and progress.
mkdir -p "$tmp/migrations"
printf 'SELECT 1;\n' >"$tmp/migrations/1-a${esc}[31m.up.sql"
printf 'SELECT 1;\n' >"$tmp/migrations/1-a${esc}[31m.down.sql"
set +e
"$schemagen" verify --migrations "$tmp/migrations" --database "host=127.0.0.1 port=1" >"$tmp/verify.log" 2>&1
set -e
if grep -q "$esc" "$tmp/verify.log"; then fail "verify printed a raw escape"; show "$tmp/verify.log"; else pass; fi

# A schema path on the command line.
run_schemagen "$tmp/path.log" check "$tmp/no${esc}[2Jsuch.dsl"
check "a missing schema: exit 1 (got $status)" test "$status" = 1
if grep -q "$esc" "$tmp/path.log"; then fail "the path was printed raw"; show "$tmp/path.log"; else pass; fi
finish
