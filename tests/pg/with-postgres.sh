#!/usr/bin/env bash
# Usage: tests/pg/with-postgres.sh CMD [ARGS...]
#
# Runs CMD with a PostgreSQL server reachable through the libpq environment
# (PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD) and exits with CMD's status.
# - If PGHOST is set and that server answers pg_isready, CMD uses it as is
#   (for example the one from docker-compose.test.yml).
# - Otherwise a throwaway server is created, CMD runs, and the server is
#   stopped and deleted, also when CMD fails or on Ctrl-C.
# SCHEMAGEN_PG_MODE picks how the throwaway server is made:
#   initdb (default): initdb + pg_ctl in a private temp dir, Unix socket only.
#     No TCP port, so parallel runs on one machine never collide; ~1 s.
#   virtualenv: pg_virtualenv from postgresql-common, on a random free TCP
#     port of 127.0.0.1 (its default port choice races between parallel runs); ~3 s.
# SCHEMAGEN_PG_BINDIR overrides where initdb/pg_ctl are taken from.
set -euo pipefail

if (($# == 0)); then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

if [[ -n "${PGHOST:-}" ]] && pg_isready -q -t 5 >/dev/null 2>&1; then
  exec "$@"
fi
if [[ -n "${PGHOST:-}" ]]; then
  echo "with-postgres: PGHOST=$PGHOST is not ready; starting a throwaway server instead" >&2
fi
# Leftovers from the outer environment would point the new server or CMD elsewhere.
unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGPASSWORD PGSERVICE PGSERVICEFILE PGSYSCONFDIR

# The Debian server binaries; PATH may hold others (e.g. /usr/local/bin symlinks).
bindir=${SCHEMAGEN_PG_BINDIR:-}
if [[ -z "$bindir" ]]; then
  if [[ -x /usr/lib/postgresql/15/bin/pg_ctl ]]; then
    bindir=/usr/lib/postgresql/15/bin
  else
    # Newest installed major version, else whatever PATH has.
    latest=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/pg_ctl' 2>/dev/null | sort -V | tail -n 1)
    if [[ -n "$latest" ]]; then
      bindir=$(dirname "$latest")
    elif command -v pg_ctl >/dev/null 2>&1; then
      bindir=$(dirname "$(command -v pg_ctl)")
    else
      echo "with-postgres: no PostgreSQL server found; run scripts/install-deps.sh (installs postgresql-15)" >&2
      exit 1
    fi
  fi
fi

mode=${SCHEMAGEN_PG_MODE:-initdb}

# C collation with UTF-8: byte-order sorting on every machine, any text accepted.
locale_opts=(--locale=C --encoding=UTF8)

case "$mode" in
  virtualenv)
    if [[ "$bindir" != /usr/lib/postgresql/*/bin ]] || ! command -v pg_virtualenv >/dev/null 2>&1; then
      echo "with-postgres: pg_virtualenv needs postgresql-common and a server in /usr/lib/postgresql/<version>/bin" >&2
      exit 1
    fi
    version=${bindir#/usr/lib/postgresql/}
    version=${version%/bin}
    # A random port nobody answers on; pg_virtualenv takes it from PGPORT.
    for _ in $(seq 50); do
      port=$((20000 + RANDOM % 30000))
      if [[ ! -e "/var/run/postgresql/.s.PGSQL.$port" ]] && ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        export PGPORT=$port
        break
      fi
    done
    # -t keeps the cluster in a temp dir even as root, so nothing is written to
    # /etc/postgresql and parallel runs don't collide on the "regress" cluster.
    # pg_virtualenv traps signals, drops the cluster and returns CMD's status.
    exec pg_virtualenv -t -v "$version" -c "${locale_opts[*]}" "$@"
    ;;
  initdb) ;;
  *)
    echo "with-postgres: SCHEMAGEN_PG_MODE must be virtualenv or initdb, not '$mode'" >&2
    exit 2
    ;;
esac

# initdb fallback: data directory and Unix socket in one private temp dir, no TCP,
# so it never clashes with another server. Under /tmp, not $TMPDIR: the socket
# path must stay short (about 100 bytes) and reachable by the postgres user.
workdir=$(mktemp -d /tmp/schemagen-pg.XXXXXX)
as_server=()
if ((EUID == 0)); then
  # The server refuses to run as root; run it as the postgres user.
  if ! id postgres >/dev/null 2>&1; then
    echo "with-postgres: running as root but there is no 'postgres' user to run the server" >&2
    rm -rf "$workdir"
    exit 1
  fi
  chown postgres: "$workdir"
  chmod 0755 "$workdir"
  as_server=(runuser -u postgres --)
fi
datadir=$workdir/data
logfile=$workdir/server.log

# shellcheck disable=SC2317  # called through trap, which shellcheck can't see
cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  if [[ -f "$datadir/postmaster.pid" ]]; then
    "${as_server[@]}" "$bindir/pg_ctl" -D "$datadir" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$workdir"
  exit "$rc"
}
trap cleanup EXIT
# Signals go through exit so that cleanup runs once with a meaningful status.
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# trust auth is fine: the only way in is a socket inside a directory we own.
"${as_server[@]}" "$bindir/initdb" -D "$datadir" -U postgres --auth=trust \
  --no-sync "${locale_opts[@]}" >"$workdir/initdb.log" 2>&1 || {
  cat "$workdir/initdb.log" >&2
  exit 1
}
# Throwaway data: durability is not wanted, speed is.
"${as_server[@]}" tee -a "$datadir/postgresql.conf" >/dev/null <<CONF
listen_addresses = ''
unix_socket_directories = '$workdir'
port = 5432
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
if ! "${as_server[@]}" "$bindir/pg_ctl" -D "$datadir" -l "$logfile" -w -t 60 start >/dev/null; then
  echo "with-postgres: server failed to start; its log:" >&2
  cat "$logfile" >&2 || true
  exit 1
fi

export PGHOST=$workdir PGPORT=5432 PGUSER=postgres PGDATABASE=postgres
set +e
"$@"
rc=$?
set -e
if ((rc != 0)) && [[ -s "$logfile" ]]; then
  echo "with-postgres: command exited $rc; last lines of the server log:" >&2
  tail -n 50 "$logfile" >&2
fi
exit "$rc"
