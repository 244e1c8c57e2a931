#!/usr/bin/env bash
# Usage: tests/pg/verify_versions.sh SCHEMAGEN REPO
#
# Under tests/pg/matrix.sh 12 (SCHEMAGEN_PG_BINDIR: a PostgreSQL 12 server's bin/), what verify
# knows about the server (issue 19):
#   - it names the server's version and the target the migrations are written for;
#   - migrations written for PostgreSQL 15 are refused on 12 before anything runs (E0810),
#     and --postgres-bin with no server in it is an error naming the directory (E0804);
#   - the isolation check proves the pre-15 ON DELETE SET NULL (columns): with the trigger a
#     delete keeps the tenant column; with it removed from the UP, the delete fails and verify
#     says which key.
set -euo pipefail

if (($# != 2)); then
  echo "usage: $0 SCHEMAGEN REPO" >&2
  exit 2
fi
schemagen=$1
repo=$2
name=verify.versions
bindir=${SCHEMAGEN_PG_BINDIR:?run under tests/pg/matrix.sh 12}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "$name: FAIL: $*" >&2
  exit 1
}
expect() { # FILE REGEX
  grep -qE -- "$2" "$1" || {
    cat "$1" >&2
    fail "$(basename "$1") lacks /$2/"
  }
}

cp "$repo/examples/customer-service/history/20260115090000.dsl" "$work/e.dsl"

# Written for 15, verified on 12: refused, nothing run.
"$schemagen" "$work/e.dsl" -o "$work/v15" --postgres 15 -q
set +e
"$schemagen" verify "$work/e.dsl" -o "$work/v15" --postgres-bin "$bindir" >"$work/v15.out" 2>&1
status=$?
set -e
((status == 1)) || fail "verify of PostgreSQL 15 migrations on 12 exited $status, not 1"
expect "$work/v15.out" 'error\[E0810\]: the server is PostgreSQL 12\.[0-9]+, older than PostgreSQL 15'
if grep -q '^ok ' "$work/v15.out"; then fail "a migration ran on a server older than its target"; fi

set +e
"$schemagen" verify "$work/e.dsl" -o "$work/v15" --postgres-bin "$work/nowhere" >"$work/nobin.out" 2>&1
status=$?
set -e
((status == 1)) || fail "--postgres-bin without a server exited $status"
expect "$work/nobin.out" "error\[E0804\]: no PostgreSQL server in '.*nowhere'"

# Written for 12: verified clean on 12, the report naming both.
"$schemagen" "$work/e.dsl" -o "$work/v12" -q
"$schemagen" verify "$work/e.dsl" -o "$work/v12" --postgres-bin "$bindir" >"$work/v12.out" 2>&1 ||
  {
    cat "$work/v12.out" >&2
    fail "verify of the PostgreSQL 12 migrations on 12 failed"
  }
expect "$work/v12.out" 'written for PostgreSQL 12$'
expect "$work/v12.out" 'PostgreSQL 12\.[0-9]+, scratch database'
expect "$work/v12.out" '^ok    20260115090000-create-atendimento'
"$schemagen" verify "$work/e.dsl" -o "$work/v12" --postgres-bin "$bindir" --format json >"$work/v12.json"
python3 - "$work/v12.json" <<'PY' || fail "the JSON report lacks the server version or the target"
import json, sys
report = json.load(open(sys.argv[1]))
assert report["target"] == 12, report["target"]
assert report["server_version"].startswith("PostgreSQL 12."), report["server_version"]
PY

# The same migration without the trigger of messages' contact key: the delete fails.
up=$(ls "$work"/v12/src/database/migrations/*.up.sql)
python3 - "$up" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path).read()
text, n = re.subn(r"CREATE TRIGGER messages_company_id_contact_id_fkey_set_null[^;]*;", "", text)
assert n == 1, "no trigger to remove"
open(path, "w").write(text)
PY
"$schemagen" "$work/e.dsl" -o "$work/v12" -q --rehash
set +e
"$schemagen" verify "$work/e.dsl" -o "$work/v12" --postgres-bin "$bindir" >"$work/broken.out" 2>&1
status=$?
set -e
((status == 1)) || fail "verify without the SET NULL trigger exited $status, not 1"
expect "$work/broken.out" 'FAIL  messages: '
expect "$work/broken.out" 'ON DELETE SET NULL \(contact_id\) of messages_company_id_contact_id_fkey: deleting the contacts row it references failed: null value in column "company_id"'
echo "$name: PASS"
