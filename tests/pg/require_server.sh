# shellcheck shell=bash
# Sourced by the database tests: require_pg_server NAME returns when the libpq environment
# (PGHOST, PGPORT, PGUSER, PGPASSWORD) reaches a server; otherwise it exits 77 (CTest's
# SKIP_RETURN_CODE), or 1 under SCHEMAGEN_REQUIRE_PG=1, where a missing server is a failure.
require_pg_server() {
  local name=$1 where
  pg_isready -q -t 5 >/dev/null 2>&1 && return 0
  where="host=${PGHOST:-<default socket>} port=${PGPORT:-5432}"
  if [[ "${SCHEMAGEN_REQUIRE_PG:-0}" == 1 ]]; then
    echo "$name: FAIL: no PostgreSQL server reachable ($where) and SCHEMAGEN_REQUIRE_PG=1." >&2
    echo "  Run the tests under a throwaway server: tests/pg/with-postgres.sh ctest --test-dir build -L pg" >&2
    echo "  or point PGHOST/PGPORT/PGUSER/PGPASSWORD at a server (see docker-compose.test.yml)." >&2
    exit 1
  fi
  echo "$name: SKIP: no PostgreSQL server reachable ($where); run under tests/pg/with-postgres.sh" >&2
  exit 77
}
