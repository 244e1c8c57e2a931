#!/usr/bin/env bash
# README command 2, and what CI runs (.ci/run): install deps, build with
# warnings as errors, and run the whole CTest suite against a throwaway
# PostgreSQL, so the database tests run rather than skip.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

jobs=$(nproc)
build_dir=${SCHEMAGEN_BUILD_DIR:-build}

echo "== install dependencies"
bash scripts/install-deps.sh

echo "== configure and build ($build_dir)"
cmake -S . -B "$build_dir" -DSCHEMAGEN_WERROR=ON
cmake --build "$build_dir" -j"$jobs"

echo "== test"
# Without a server the pg-labelled tests would exit 77 (skipped); here that is a failure.
export SCHEMAGEN_REQUIRE_PG=1
# --no-tests=error: a suite that registers nothing must not look green.
log=$build_dir/ctest-output.log
set +e
bash tests/pg/with-postgres.sh \
  ctest --test-dir "$build_dir" --output-on-failure --no-tests=error -j"$jobs" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e

# The server's shutdown chatter follows ctest's summary; repeat the summary
# last so it is the closing line a reader (or CI) sees.
summary=$(grep -E '^[0-9]+% tests passed' "$log" | tail -n 1 || true)
echo "== result"
echo "${summary:-ctest printed no summary (exit status $rc)}"
exit "$rc"
