#!/usr/bin/env bash
# Usage: tests/pg/evolve_examples.sh SCHEMAGEN EXAMPLE_DIR
#
# "Editing any example's DSL and rerunning schemagen yields a correct, reversible, verified
# migration": starts from the example's committed output (its history), edits its DSL the way
# a team does on day two (on the first tenant entity: a nullable field, a field with a default
# and an index, a NOT NULL field with a backfill; a new entity referencing it), runs schemagen,
# checks that no existing migration file changed, and runs `schemagen verify`, which replays
# the whole history with rows present.
# Exit codes: 0 pass, 1 fail, 2 usage, 77 no server (unless SCHEMAGEN_REQUIRE_PG=1).
set -euo pipefail

if (($# != 2)); then
  echo "usage: $0 SCHEMAGEN EXAMPLE_DIR" >&2
  exit 2
fi
schemagen=$1
example_dir=$2
name="pg.evolve.$(basename "$example_dir")"
# shellcheck source=tests/pg/require_server.sh
source "$(dirname "${BASH_SOURCE[0]}")/require_server.sh"
require_pg_server "$name"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$example_dir/generated" "$work/out"
python3 - "$example_dir/entities.dsl" "$work/entities.dsl" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
lines = text.split("\n")
target = None
for i, line in enumerate(lines):
    m = re.match(r"entity (\w+)((?: \w+(?: \"[^\"]*\")?)*) \{\s*$", line)
    if m and "global" not in m.group(2).split():
        target = (i, m.group(1))
        break
if target is None:
    sys.exit("no tenant entity with its body on the next lines")
i, model = target
lines[i + 1:i + 1] = [
    "  evolvedNote   text?",
    "  evolvedScore  integer = 0 index",
    "  evolvedCode   string(30) backfill \"legacy\"",
]
lines.append(f"entity EvolvedFollowUp {{\n  body  text\n  subject  -> {model} on delete cascade\n}}\n")
open(sys.argv[2], "w").write("\n".join(lines))
PY
before=$(cd "$work/out" && find . -path '*migrations*' -type f ! -name schemagen.sum -exec sha256sum {} + | sort)
if ! "$schemagen" "$work/entities.dsl" -q -o "$work/out" --timestamp 20270101120000 >"$work/gen.log" 2>&1; then
  echo "$name: FAIL: schemagen refused the edit:" >&2
  cat "$work/gen.log" >&2
  exit 1
fi
after=$(cd "$work/out" && find . -path '*migrations*' -type f ! -name schemagen.sum -exec sha256sum {} + | sort)
if [[ -n "$(comm -23 <(echo "$before") <(echo "$after"))" ]]; then
  echo "$name: FAIL: existing migration files changed:" >&2
  comm -23 <(echo "$before") <(echo "$after") >&2
  exit 1
fi
added=$(comm -13 <(echo "$before") <(echo "$after") | grep -c '\.up\.sql' || true)
if ((added == 0)); then
  echo "$name: FAIL: no migration was written for the edit" >&2
  exit 1
fi
if ! "$schemagen" verify "$work/entities.dsl" -o "$work/out" >"$work/verify.log" 2>&1; then
  echo "$name: FAIL: verify:" >&2
  cat "$work/verify.log" >&2
  exit 1
fi
cat "$work/verify.log"
echo "$name: PASS: $added new migrations, history verified"
