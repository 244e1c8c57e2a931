#!/usr/bin/env bash
# Installs the Debian 12 packages schemagen needs to build and test.
# Idempotent: when everything is installed it only asks dpkg and exits, so
# scripts/test.sh and scripts/quickstart.sh can call it on every run.
set -euo pipefail

packages=(
  # toolchain
  cmake g++ make pkg-config
  # libraries the build links or includes
  tao-pegtl-dev libfmt-dev libcli11-dev nlohmann-json3-dev libkainjow-mustache-dev libpqxx-dev
  libssl-dev libmimalloc-dev libxxhash-dev libsimdjson-dev
  # tests and benchmarks; cmark-gfm renders the documents as GitHub does (docs.markdown)
  libgtest-dev libgmock-dev googletest libbenchmark-dev python3 cmark-gfm
  # the fuzz stage (scripts/test-fuzz.sh): clang and its libFuzzer/sanitizer runtimes
  clang libclang-rt-14-dev
  # database tests: a server to start (tests/pg/with-postgres.sh), psql/createdb, pg_virtualenv
  postgresql-15 postgresql-client-15 postgresql-common
)

missing=()
for pkg in "${packages[@]}"; do
  # ${db:Status-Status} is "installed" only for fully configured packages;
  # unknown packages make dpkg-query fail, which also means "missing".
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == installed ]] || missing+=("$pkg")
done

# Node.js runs the end-to-end tests (tsc, Prettier, sequelize-cli, Mermaid). Any node >= 18
# with npm will do; Debian's nodejs and npm packages are used only when there is none, so a
# machine with another Node.js package is left alone.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages and Node.js present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
as_root=()
if ((EUID != 0)); then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "install-deps: not root and no sudo; run as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
# sudo resets the environment, so pass the frontend setting as an argument.
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -q --no-install-recommends "${missing[@]}"
