#!/usr/bin/env bash
# ok and bad always succeed, so `cond && ok ... || bad ...` is a plain if/else here.
# shellcheck disable=SC2015
# Usage: tests/cmake/consumer_test.sh BUILD_DIR REPO
# Installs schemagen from BUILD_DIR into a temporary prefix, builds examples/cmake-consumer
# against it with find_package(schemagen), and checks the build behaves like a code
# generation step should:
#   1. the first build generates every output;
#   2. a no-change rebuild runs schemagen zero times (the stamp and every output keep their
#      mtime);
#   3. editing a file the schema imports reruns schemagen, and only the outputs whose content
#      changed are rewritten;
#   4. editing a template override reruns it and rewrites only the file of that template;
#   5. the depfile lists every input (schema, import, template).
set -euo pipefail
if (($# != 2)); then
  echo "usage: $0 BUILD_DIR REPO" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
repo=$(cd "$2" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/schemagen-consumer.XXXXXX")
trap '[[ -n "${SCHEMAGEN_KEEP:-}" ]] || rm -rf "$work"' EXIT
passed=0
failed=0
ok() { echo "PASS: $1"; passed=$((passed + 1)); }
bad() { echo "FAIL: $1"; failed=$((failed + 1)); }

cmake --install "$build" --prefix "$work/prefix" >"$work/install.log"
cp -r "$repo/examples/cmake-consumer" "$work/src"
cmake -S "$work/src" -B "$work/build" -DCMAKE_PREFIX_PATH="$work/prefix" >"$work/configure.log"
cmake --build "$work/build" >"$work/build1.log"
gen=$work/build/generated
stamp=$work/build/db_codegen.schemagen.stamp
expected=(docs/backend/MODELS.md docs/db/schema-changes-helpdesk.md
  src/database/migrations/20260301090000-create-helpdesk.up.sql
  src/models/Company.ts src/models/Invoice.ts src/models/Ticket.ts src/models/index.ts)
missing=0
for f in "${expected[@]}"; do [[ -f "$gen/$f" ]] || { echo "  missing $f"; missing=1; }; done
((missing == 0)) && ok "first build generates every output" || bad "first build generates every output"

# mtimes of every generated file and the stamp, as "path mtime" lines
# (the manifest is rewritten whenever any output changes; it is not an output of its own)
snapshot() {
  (cd "$gen" && find . -type f ! -name .schemagen-manifest.json -printf '%p %T@\n' | sort)
  stat -c "stamp %Y.%y" "$stamp"
}
changed() { { diff <(echo "$1") <(echo "$2") || true; } | sed -n 's/^> \.\/\([^ ]*\) .*/\1/p' | sort; }

sleep 1.1  # mtime resolution of some file systems
before=$(snapshot)
cmake --build "$work/build" >"$work/build2.log"
after=$(snapshot)
[[ "$before" == "$after" ]] && ok "a no-change rebuild runs schemagen zero times" ||
  bad "a no-change rebuild runs schemagen zero times"

deps=$(cat "$stamp.d")
all_listed=1
for input in schema/entities.dsl schema/billing.dsl schema/templates/index.ts.mustache; do
  grep -qF "$work/src/$input" <<<"$deps" || { echo "  depfile lacks $input"; all_listed=0; }
done
((all_listed == 1)) && ok "the depfile lists the schema, its import and the template" ||
  bad "the depfile lists the schema, its import and the template"

sleep 1.1
before=$(snapshot)
printf '  /// When it was paid.\n  paidAt datetime?\n' >"$work/patch"
sed -i "/total   decimal/r $work/patch" "$work/src/schema/billing.dsl"
cmake --build "$work/build" >"$work/build3.log"
after=$(snapshot)
# The create migration is never rewritten: the change becomes a new migration (named after the
# clock), its snapshot, and a new schemagen.sum.
got=$(changed "$before" "$after" | tr '\n' ' ' | sed -E 's/[0-9]{14}-add-invoice-paid-at/TS-add-invoice-paid-at/g')
m=src/database/migrations
want="docs/backend/MODELS.md docs/db/schema-changes-helpdesk.md $m/TS-add-invoice-paid-at.down.sql $m/TS-add-invoice-paid-at.ts $m/TS-add-invoice-paid-at.up.sql $m/schemagen-state/TS-add-invoice-paid-at.json $m/schemagen.sum src/models/Invoice.ts "
[[ "$got" == "$want" ]] &&
  ok "editing an imported file writes a new migration and rewrites only what changed ($got)" ||
  bad "editing an imported file writes a new migration and rewrites only what changed: got '$got', want '$want'"

sleep 1.1
before=$(snapshot)
sed -i 's|// House style:|// House style (edited):|' "$work/src/schema/templates/index.ts.mustache"
cmake --build "$work/build" >"$work/build4.log"
after=$(snapshot)
got=$(changed "$before" "$after" | tr '\n' ' ')
[[ "$got" == "src/models/index.ts " ]] && ok "editing a template rewrites only its file" ||
  bad "editing a template rewrites only its file: got '$got'"

sleep 1.1
before=$(snapshot)
cmake --build "$work/build" >"$work/build5.log"
after=$(snapshot)
[[ "$before" == "$after" ]] && ok "and the next rebuild is a no-op again" ||
  bad "and the next rebuild is a no-op again"

echo "$passed passed, $failed failed"
((failed == 0))
