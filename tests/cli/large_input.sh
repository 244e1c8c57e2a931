#!/usr/bin/env bash
# Usage: tests/cli/large_input.sh SCHEMAGEN
#
# Very large inputs, generated here (never committed): `SCHEMAGEN check` must finish with the
# right result under a time limit and an address-space limit, never crash.
#   1. 50 MB of comments around two entities and a 1 MB string default: ok, under 1 GiB.
#   2. 50 MB of entities (about 184,000 tables, each with a doc comment, a default, a check, a
#      reference and an index): ok, under 6 GiB (memory grows with the number of tables).
#   3. The same 50 MB with one unknown type in every entity: 184,000 errors, 50 printed.
#   4. 50 MB of one line (a string default): ok, and an error after it prints a short window.
# Prints one line per case and exits 1 on any failure.
set -euo pipefail

if (($# != 1)); then
  echo "usage: $0 SCHEMAGEN" >&2
  exit 2
fi
schemagen=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# run NAME LIMIT_KB EXPECTED_STATUS FILE: runs check with `ulimit -v LIMIT_KB`, prints the time.
run() {
  local name=$1 limit=$2 want=$3 file=$4 status=0 start end
  start=$(date +%s%N)
  (ulimit -v "$limit" && "$schemagen" check --color never "$file") >"$work/out" 2>"$work/err" ||
    status=$?
  end=$(date +%s%N)
  local ms=$(((end - start) / 1000000))
  if ((status != want)); then
    echo "FAIL $name: exit $status, expected $want (${ms} ms)"
    head -c 2000 "$work/err"
    failures=$((failures + 1))
    return 1
  fi
  echo "ok   $name: exit $status in ${ms} ms, $(stat -c %s "$file") bytes"
}

python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
mb = 50 * 1024 * 1024
head = 'schema big {\n  timestamp 20260101000000\n}\n\nentity Company global {\n  name string(255)\n}\n'
pad = '// ' + 'x' * 96 + '\n'
with open(f'{work}/comments.dsl', 'w') as f:
    f.write(head + pad * (mb // len(pad)))
    f.write('entity Ticket {\n  body text = "' + 'y' * (1024 * 1024) + '"\n}\n')

def entities(bad):
    parts, size, i = [head], 0, 0
    while size < mb:
        parent = f'  parent -> Thing{i - 1}?\n' if i > 0 else ''
        kind = 'nosuchtype' if bad else 'text?'
        e = (f'/// Entity number {i}, with a doc comment.\nentity Thing{i} {{\n'
             f'  title string(255)\n  body {kind} = "default text {i}"\n'
             f'  count integer = {i} check(0..)\n{parent}  index(title, count)\n}}\n\n')
        parts.append(e)
        size += len(e)
        i += 1
    return ''.join(parts)

with open(f'{work}/entities.dsl', 'w') as f:
    f.write(entities(False))
with open(f'{work}/errors.dsl', 'w') as f:
    f.write(entities(True))
line = 'entity Company global {\n  name text = "' + 'z' * mb + '"'
with open(f'{work}/line.dsl', 'w') as f:
    f.write(line + '\n}\n')
with open(f'{work}/line_error.dsl', 'w') as f:
    f.write(line + ' uniqe\n}\n')
PY

if run comments 1048576 0 "$work/comments.dsl"; then
  grep -q "ok (2 tables" "$work/out" || { echo "FAIL comments: $(cat "$work/out")"; failures=$((failures + 1)); }
fi
run entities 6291456 0 "$work/entities.dsl" || true
if run errors 6291456 1 "$work/errors.dsl"; then
  if ! grep -q "^note: .* more errors not shown" "$work/err" || (($(stat -c %s "$work/err") > 65536)); then
    echo "FAIL errors: the output is not capped ($(stat -c %s "$work/err") bytes)"
    failures=$((failures + 1))
  fi
fi
run line 1048576 0 "$work/line.dsl" || true
if run line_error 1048576 1 "$work/line_error.dsl"; then
  if ! grep -q "did you mean 'unique'" "$work/err" || (($(stat -c %s "$work/err") > 4096)); then
    echo "FAIL line_error: $(stat -c %s "$work/err") bytes of diagnostics"
    failures=$((failures + 1))
  fi
fi

((failures == 0)) || exit 1
