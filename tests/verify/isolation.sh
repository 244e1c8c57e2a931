# shellcheck shell=bash disable=SC2034,SC2154  # sourced by tests/verify/run.sh, which defines its variables
# Sourced by run.sh: isolation.sh
# Issue 10's proof. customer-service (same-tenant keys, row-level security on) verifies with,
# for every tenant table, no cross-tenant read, update, delete, write or reference succeeding,
# no row without a company accepted (the JSON report's counts), and deleting a company deleting
# its rows and only its rows. Then its create migration, hand-edited five ways (tickets' policy
# not forced, messages' row-level security not enabled, settings without its policy,
# tickets.contact_id a plain key, ticket_notes' company key ON DELETE RESTRICT), verified from
# the migrations alone: each table fails with its own message, and the leaks show in the
# counts. The RESTRICT key makes the one DELETE of a company for all tables fail, so each table
# is tried alone: only ticket_notes fails it.
require_server
example=$repo/examples/customer-service
work=$(mktemp -d)
trap 'rm -rf "$work" "$out"' EXIT

set +e
"$schemagen" verify "$example/entities.dsl" -o "$example/generated" --format json >"$out" 2>&1
status=$?
set -e
((status == 0)) || {
  cat "$out"
  fail "verify of customer-service exited $status"
}
python3 - "$out" <<'PY' || fail "the isolation counts are wrong (report above)"
import json, sys
report = json.load(open(sys.argv[1]))
iso = report["isolation"]
assert iso["checked"], iso
assert iso["row_level_security_setting"] == "app.current_company_id", iso
tables = {t["table"]: t for t in iso["tables"]}
expected = {"users", "queues", "user_queues", "contacts", "tickets", "messages", "ticket_notes", "settings"}
assert set(tables) == expected, sorted(tables)
references = {"user_queues": 2, "tickets": 3, "messages": 2, "ticket_notes": 2}
for name, t in sorted(tables.items()):
    c = t["counts"]
    line = (f"{name}: read {c['visible_across']}/{c['company_rows']}, updated {c['updated_across']}, "
            f"deleted {c['deleted_across']}, wrote {c['writes_across'] - c['writes_across_rejected']}/"
            f"{c['writes_across']}, references {c['references_across'] - c['references_across_rejected']}/"
            f"{c['references_across']}, no company read {c['visible_without_company']}, rows without "
            f"a company {c['without_company'] - c['without_company_rejected']}/{c['without_company']}")
    print(line)
    assert t["status"] == "ok" and not t["problems"] and not t["notes"], t
    assert c["company_rows"] == 1 and c["visible_across"] == 0, line
    assert c["updated_across"] == 0 and c["deleted_across"] == 0, line
    assert c["visible_without_company"] == 0, line
    assert c["writes_across"] == 2 and c["writes_across_rejected"] == 2, line
    assert c["references_across"] == references.get(name, 0), line
    assert c["references_across_rejected"] == c["references_across"], line
    assert c["without_company"] == 1 and c["without_company_rejected"] == 1, line
    assert "deleting a company deleted its rows, and only its rows" in t["passed"], t
PY

# The same schema generated afresh (one create migration), then broken by hand.
"$schemagen" "$example/entities.dsl" -q -o "$work/gen" --timestamp 20260101000000
mkdir "$work/migrations"
cp "$work/gen/src/database/migrations/"*.sql "$work/migrations/"
up=$(ls "$work/migrations/"*.up.sql)
edit() {
  grep -qF -- "$1" "$up" || fail "$up lacks: $1"
  python3 - "$up" "$1" "$2" <<'PY'
import sys
path, old, new = sys.argv[1:]
text = open(path).read()
open(path, "w").write(text.replace(old, new, 1))
PY
}
edit 'ALTER TABLE tickets FORCE ROW LEVEL SECURITY;' ''
edit 'ALTER TABLE messages ENABLE ROW LEVEL SECURITY;' ''
edit 'ALTER TABLE messages FORCE ROW LEVEL SECURITY;' ''
policy=$(grep -A2 '^CREATE POLICY settings_tenant_isolation' "$up")
edit "$policy" ''
edit 'CONSTRAINT ticket_notes_company_id_fkey FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE CASCADE' \
  'CONSTRAINT ticket_notes_company_id_fkey FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE RESTRICT'
edit 'CONSTRAINT tickets_company_id_contact_id_fkey FOREIGN KEY (company_id, contact_id) REFERENCES contacts (company_id, id)' \
  'CONSTRAINT tickets_contact_id_fkey FOREIGN KEY (contact_id) REFERENCES contacts (id)'
run_verify --migrations "$work/migrations" --format json
((status == 1)) || {
  cat "$out"
  fail "verify of the broken migration exited $status, expected 1"
}
python3 - "$out" <<'PY' || fail "the broken tables are not reported as expected (report above)"
import json, sys
report = json.load(open(sys.argv[1]))
tables = {t["table"]: t for t in report["isolation"]["tables"]}
def has(table, text):
    problems = tables[table]["problems"]
    assert tables[table]["status"] == "failed", (table, tables[table])
    assert any(text in p for p in problems), (table, text, problems)
    print(f"{table}: {text}")
has("tickets", "row-level security is not forced: the table's owner (migrations, jobs) bypasses it")
has("tickets", "foreign key tickets_contact_id_fkey (contact_id) REFERENCES contacts does not include company_id")
has("tickets", "a row of company 2 could point at company 1's row through contact_id -> contacts")
assert tables["tickets"]["counts"]["references_across_rejected"] == 2, tables["tickets"]["counts"]
has("messages", "row-level security is not enabled: every company's rows are visible to every company")
has("messages", "acting as company 2, 1 of company 1's 1 rows are visible")
has("settings", "row-level security has no policy: no company sees any row")
has("ticket_notes", "foreign key ticket_notes_company_id_fkey is ON DELETE RESTRICT, not CASCADE")
has("ticket_notes", "deleting a company failed: ")
# Each table's checks saw only their own row of company 1, though the parent rows made for the
# tables checked before it stay (the catalog's order here, children before parents).
# (settings has no policy here, so its row-level security checks did not run.)
for name, t in tables.items():
    assert t["counts"]["company_rows"] in (1, None), (name, t["counts"])
for ok in ("users", "queues", "user_queues", "contacts"):
    assert tables[ok]["status"] == "ok", (ok, tables[ok])
    assert "deleting a company deleted its rows, and only its rows" in tables[ok]["passed"], tables[ok]
PY
echo "$name: ok"
