#!/usr/bin/env bash
# Finding 3: user text in comments (doc comments with U+2028, U+2029 or U+0085; a file name
# with a newline or CR; a feature with \r) must stay inside the comment in every output. With a
# server (PGHOST, as tests/pg/with-postgres.sh sets), psql runs the generated UP SQL and the
# canary table the injected text would drop survives. (tests/unit/comment_safety_test.cpp is
# the property test over random text; this is the end-to-end check.)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ls_=$'\xe2\x80\xa8'
ps_=$'\xe2\x80\xa9'
nel=$'\xc2\x85'
dir=$tmp/$'evil\rDROP TABLE canary; --\ndir'
mkdir -p "$dir"
cat >"$dir/entities.dsl" <<DSL
schema s { tenant Company  feature "x\\rDROP TABLE canary; -- "  timestamp 20260101000000 }

/// Tenant${ls_}DROP TABLE canary; export const pwned = 1; ${ps_} */ const b = 2; ${nel} -->
entity Company global {
  /// n${ls_}DROP TABLE canary;
  name string(255)
}
DSL
run_schemagen "$tmp/gen.log" "$dir/entities.dsl" -o "$tmp/out"
check "generation succeeds (exit $status)" test "$status" = 0
# Every line holding the injected text, split at every terminator, is a comment line.
python3 - "$tmp/out" <<'PY' >"$tmp/lines.log" 2>&1 && pass || { fail "injected text outside a comment"; show "$tmp/lines.log"; }
import pathlib, re, sys
# String literals removed first (text inside one is data, not code); then every line, as the
# file's language splits lines, that holds injected text must be a comment line.
SQL_STRING = re.compile(r"'(?:[^']|'')*'")
TS_STRING = re.compile(r'"(?:[^"\\\r\n]|\\.)*"|\'(?:[^\'\\\r\n]|\\.)*\'')
bad = 0
for path in pathlib.Path(sys.argv[1]).rglob("*"):
    if path.suffix not in (".sql", ".ts") or not path.is_file():
        continue
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".sql":
        lines = re.split("\r\n|\r|\n", SQL_STRING.sub("''", text))
    else:
        lines = re.split("\r\n|\r|\n|\u2028|\u2029", TS_STRING.sub('""', text))
    for line in lines:
        if "DROP TABLE canary" not in line and "pwned" not in line:
            continue
        stripped = line.lstrip()
        ok = stripped.startswith("--") if path.suffix == ".sql" else (
            stripped.startswith("//") or stripped.startswith("* ") or stripped.startswith("/** "))
        if path.suffix == ".ts" and "*/" in stripped[:-2]:
            ok = False
        if not ok:
            print(f"{path}: {line!r}")
            bad += 1
sys.exit(1 if bad else 0)
PY

if [[ -n "${PGHOST:-}" ]] && command -v psql >/dev/null && pg_isready -q -t 3 >/dev/null 2>&1; then
  db=schemagen_t_hostile_comments_$$
  createdb "$db"
  psql -q -X -d "$db" -v ON_ERROR_STOP=1 -c 'CREATE TABLE canary (id int)' >/dev/null
  up=$(ls "$tmp/out/src/database/migrations/"*-create-*.up.sql)
  if psql -q -X -d "$db" -v ON_ERROR_STOP=1 -f "$up" >"$tmp/psql.log" 2>&1; then pass; else
    fail "the UP SQL applies"
    show "$tmp/psql.log"
  fi
  check "the canary table survives psql" test "$(psql -X -A -t -d "$db" -c "SELECT count(*) FROM pg_class WHERE relname = 'canary'")" = 1
  dropdb "$db"
elif [[ -n "${SCHEMAGEN_REQUIRE_PG:-}" ]]; then
  fail "no PostgreSQL server (SCHEMAGEN_REQUIRE_PG is set)"
fi
finish
