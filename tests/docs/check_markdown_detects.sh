#!/usr/bin/env bash
# Usage: tests/docs/check_markdown_detects.sh PYTHON3 CMARK_GFM REPO
# The Markdown check must fail when an escape is missing: each case undoes one escape of the
# hostile-text golden's documents (a backtick, a backslash, an HTML tag, a pipe in a code
# span outside a table, a block marker) and expects check_markdown.py to report it.
set -euo pipefail
python3=$1
cmark=$2
repo=$3
golden=$repo/tests/golden/hostile-text/expected
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The sed scripts are literal: no expansion is wanted.
# shellcheck disable=SC2016
cases=(
  's/\\`ticks\\`/`ticks`/'
  's/backslashes \\\\ \\\\\\\\,/backslashes \\ \\\\,/'
  's/\\<b>html\\<\/b>/<b>html<\/b>/'
  "/^- CHECK/ s/'a|b'/'a\\\\|b'/"
  's/^\\# not a heading/# not a heading/'
)
failures=0
for i in "${!cases[@]}"; do
  rm -rf "$work/tree"
  cp -r "$golden" "$work/tree"
  doc=$work/tree/docs/db/schema-changes-hostile-text-x.md
  sed -i -e "${cases[$i]}" "$doc"
  if cmp -s "$doc" "$golden/docs/db/schema-changes-hostile-text-x.md"; then
    echo "case $i (${cases[$i]}) changed nothing: the golden no longer has that escape" >&2
    failures=$((failures + 1))
  elif "$python3" "$repo/tests/docs/check_markdown.py" --cmark "$cmark" "$work/tree" >"$work/out"; then
    echo "case $i (${cases[$i]}) was not detected" >&2
    failures=$((failures + 1))
  else
    echo "case $i detected: $(grep -m1 FAIL "$work/out" | cut -c1-160)"
  fi
done
exit $((failures > 0))
