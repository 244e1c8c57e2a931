#!/usr/bin/env bash
# Usage: scripts/test-fuzz.sh [CTEST_ARGS...]
#
# The fuzz stage of scripts/test.sh: builds the libFuzzer targets (clang, -DSCHEMAGEN_FUZZ=ON,
# with AddressSanitizer and UndefinedBehaviorSanitizer) and runs `ctest -L fuzz`: each target
# fuzzes its seed corpus for SCHEMAGEN_FUZZ_SECONDS (default 20) and fails on any crash, leak,
# timeout or sanitizer report, and every saved regression input is replayed. Longer runs:
# scripts/fuzz.sh; what a finding means and how to keep it: tests/fuzz/README.md.
#
# Environment:
#   SCHEMAGEN_BUILD_DIR     build directory (default: build-fuzz)
#   SCHEMAGEN_FUZZ_SECONDS  seconds each target fuzzes (default: 20)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build_dir=${SCHEMAGEN_BUILD_DIR:-build-fuzz}
seconds=${SCHEMAGEN_FUZZ_SECONDS:-20}
start=$SECONDS

echo "== install dependencies"
bash scripts/install-deps.sh

echo "== configure and build ($build_dir, clang, libFuzzer)"
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSCHEMAGEN_FUZZ=ON \
  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang -DSCHEMAGEN_WERROR=ON \
  -DSCHEMAGEN_FUZZ_SECONDS="$seconds"
cmake --build "$build_dir" -j"$(nproc)" --target fuzz_corpus fuzz_parse fuzz_analyze \
  fuzz_generate fuzz_evolve fuzz_state
echo "== built in $((SECONDS - start)) s"

echo "== fuzz ($seconds s a target) and replay the regressions"
export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
log=$build_dir/ctest-output.log
set +e
# One target at a time: each libFuzzer process is single-threaded but a second one would
# halve the executions of both.
ctest --test-dir "$build_dir" -L fuzz --output-on-failure --no-tests=error "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
summary=$(grep -E '^[0-9]+% tests passed' "$log" | tail -n 1 || true)
echo "== result ($((SECONDS - start)) s in all)"
echo "${summary:-ctest printed no summary (exit status $rc)}"
exit "$rc"
