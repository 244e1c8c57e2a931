#!/usr/bin/env bash
# Usage: tests/diagnostics/regen.sh [SCHEMAGEN]
#
# Rewrites every tests/diagnostics/<case>.expected with what
#   cd tests/diagnostics && SCHEMAGEN check --color never <case>.dsl
# prints on stderr (the file named by its bare name, so no directory shows up in the text).
# SCHEMAGEN defaults to build/schemagen. Read `git diff tests/diagnostics` before committing:
# the point of the corpus is that a person has looked at every message.
#
# Fails when a case does not exit 1 (every case is a bad input) or when a case's output lacks
# one of the codes its first line promises (`// expect: E0201 E0405`).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
schemagen=${1:-$here/../../build/schemagen}
if [[ "$schemagen" == */* ]]; then
  schemagen=$(cd "$(dirname "$schemagen")" && pwd)/$(basename "$schemagen")
fi
if [[ ! -x "$schemagen" ]]; then
  echo "regen.sh: no schemagen at '$schemagen'; build it or pass its path" >&2
  exit 2
fi

cd "$here"
shopt -s nullglob
cases=(*.dsl)
if ((${#cases[@]} == 0)); then
  echo "regen.sh: no .dsl cases in $here" >&2
  exit 1
fi

failed=0
for dsl in "${cases[@]}"; do
  name=${dsl%.dsl}
  status=0
  # No colour, whatever the environment says; stdout (the "ok" line) is not part of the text.
  NO_COLOR=1 "$schemagen" check --color never "$dsl" 2>"$name.expected" >/dev/null || status=$?
  if ((status != 1)); then
    echo "regen.sh: $dsl: exit status $status, expected 1" >&2
    failed=1
  fi
  read -r first_line <"$dsl" || true
  if [[ "$first_line" == "// expect:"* ]]; then
    while read -r code; do
      if ! grep -q "\[$code\]" "$name.expected"; then
        echo "regen.sh: $dsl: expects $code, which its output lacks" >&2
        failed=1
      fi
    done < <(grep -oE '[EW]0[0-9]{3}' <<<"$first_line")
  else
    echo "regen.sh: $dsl: the first line should be '// expect: CODE...'" >&2
    failed=1
  fi
done

echo "regen.sh: wrote ${#cases[@]} .expected files"
exit "$failed"
