# shellcheck shell=bash disable=SC2034,SC2154  # sourced by tests/verify/run.sh, which defines its variables
# Sourced by run.sh: no_database.sh
# With no database named (no --database, DATABASE_URL or PG* variables), verify starts a
# throwaway server of its own, and afterwards neither its directory nor a process is left.
# Needs the PostgreSQL server binaries, not a running server.
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && ! command -v initdb >/dev/null &&
  ! [[ -x "$(pg_config --bindir 2>/dev/null)/initdb" ]]; then
  [[ "${SCHEMAGEN_REQUIRE_PG:-0}" == 1 ]] && fail "no PostgreSQL server binaries installed"
  echo "$name: SKIP: no PostgreSQL server binaries (initdb, pg_ctl)" >&2
  exit 77
fi
dir=$repo/examples/webhooks
set +e
env -u PGHOST -u PGHOSTADDR -u PGPORT -u PGUSER -u PGDATABASE -u PGPASSWORD -u PGSERVICE \
  -u DATABASE_URL "$schemagen" verify "$dir/entities.dsl" -o "$dir/generated" >"$out" 2>&1
status=$?
set -e
cat "$out"
((status == 0)) || fail "verify exited $status"
server_dir=$(grep -oE '/tmp/schemagen-verify-[A-Za-z0-9]{6}' "$out" | head -n 1)
[[ -n "$server_dir" ]] || fail "the report names no throwaway server"
grep -qF "(throwaway server)" "$out" || fail "the report does not say the server was throwaway"
[[ ! -e "$server_dir" ]] || fail "$server_dir is left behind"
if pgrep -f -- "$server_dir" >/dev/null; then fail "a process of $server_dir still runs"; fi
echo "$name: ok"
