#!/usr/bin/env bash
# Usage: scripts/test-sanitizers.sh [CTEST_ARGS...]
#
# The whole CTest suite built with AddressSanitizer (+ LeakSanitizer) and
# UndefinedBehaviorSanitizer (-DSCHEMAGEN_SANITIZE=address;undefined, findings
# fatal), run against a throwaway PostgreSQL like scripts/test.sh. Exits
# non-zero when a test fails or when any sanitizer wrote a report, also one a
# shell test expecting schemagen to fail would otherwise have taken for the
# expected failure: every report goes to $build_dir/sanitizer-logs/.
#
# Environment:
#   SCHEMAGEN_BUILD_DIR   build directory (default: build-asan)
#   SCHEMAGEN_SANITIZE    sanitizers (default: address;undefined)
#   SCHEMAGEN_BUILD_TYPE  CMake build type (default: RelWithDebInfo)
#   SCHEMAGEN_E2E_NODE_CACHE  the end-to-end tests' npm installs (default: in the build
#                         directory; scripts/test.sh passes build/'s to install only once)
#   SCHEMAGEN_EXCLUDE_LABELS  ctest -LE regex (default: large|matrix). cli.large_input (label large)
#                         bounds schemagen with `ulimit -v`, which leaves no room for ASan's
#                         shadow memory (it reserves terabytes of address space); the version
#                         matrix (label matrix: PostgreSQL 12 and 18) runs the same code as the
#                         suite's PostgreSQL 15 tests, so only the suite stage runs it; 'large|e2e'
#                         also leaves out the Node.js tests.
# Extra arguments go to ctest, e.g. `-R pg` for the database tests only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)

jobs=$(nproc)
build_dir=${SCHEMAGEN_BUILD_DIR:-build-asan}
sanitizers=${SCHEMAGEN_SANITIZE:-address;undefined}
build_type=${SCHEMAGEN_BUILD_TYPE:-RelWithDebInfo}
start=$SECONDS

echo "== install dependencies"
bash scripts/install-deps.sh

echo "== configure and build ($build_dir, $sanitizers, $build_type)"
node_cache=()
if [[ -n "${SCHEMAGEN_E2E_NODE_CACHE:-}" ]]; then
  node_cache=(-DSCHEMAGEN_E2E_NODE_CACHE="$SCHEMAGEN_E2E_NODE_CACHE")
fi
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="$build_type" -DSCHEMAGEN_SANITIZE="$sanitizers" \
  -DSCHEMAGEN_WERROR=ON "${node_cache[@]}"
cmake --build "$build_dir" -j"$jobs"
build_dir=$(cd "$build_dir" && pwd)
echo "== built in $((SECONDS - start)) s"

logs=$build_dir/sanitizer-logs
rm -rf "$logs"
mkdir -p "$logs"
# The reports go to files (log_path) as well as failing the process: a test that expects a
# non-zero exit must not hide a finding. Third-party findings are suppressed narrowly in
# tests/sanitizers/*.supp, each with its reason.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=1:strict_init_order=1:check_initialization_order=1:log_path=$logs/asan"
export LSAN_OPTIONS="suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$root/tests/sanitizers/ubsan.supp:log_path=$logs/ubsan"
# The database tests must run, not skip (see scripts/test.sh).
export SCHEMAGEN_REQUIRE_PG=1

echo "== test"
log=$build_dir/ctest-output.log
set +e
bash tests/pg/with-postgres.sh \
  ctest --test-dir "$build_dir" --output-on-failure --no-tests=error -j"$jobs" \
  -LE "${SCHEMAGEN_EXCLUDE_LABELS:-large|matrix}" "$@" 2>&1 |
  tee "$log"
rc=${PIPESTATUS[0]}
set -e

reports=$(find "$logs" -type f -size +0 | sort)
if [[ -n "$reports" ]]; then
  echo "== sanitizer reports"
  while IFS= read -r report; do
    echo "--- $report"
    cat "$report"
  done <<<"$reports"
  rc=1
fi

summary=$(grep -E '^[0-9]+% tests passed' "$log" | tail -n 1 || true)
echo "== result ($((SECONDS - start)) s in all)"
echo "${summary:-ctest printed no summary (exit status $rc)}"
if [[ -n "$reports" ]]; then
  echo "sanitizer reports: $(wc -l <<<"$reports") (above)"
fi
exit "$rc"
