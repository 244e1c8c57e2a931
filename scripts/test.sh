#!/usr/bin/env bash
# README command 2, and what CI runs (.ci/run): every test, in three stages, each installing
# what it needs and running against its own throwaway PostgreSQL:
#
#   suite       build with warnings as errors and run the whole CTest suite (unit, golden,
#               diagnostics, CLI, examples, PostgreSQL round trips, Node.js end to end)
#   sanitizers  the same suite built with ASan + LSan + UBSan (scripts/test-sanitizers.sh)
#   fuzz        the libFuzzer targets built with clang, each fuzzing briefly, and every kept
#               regression input replayed (scripts/test-fuzz.sh)
#
# Every stage runs even when an earlier one failed, so one run reports everything; the exit
# status is non-zero when any failed. SCHEMAGEN_TEST_STAGES picks stages, e.g. "suite" for the
# quick loop (about 20 minutes on 2 cores; all three take about 56).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)

jobs=$(nproc)
build_dir=${SCHEMAGEN_BUILD_DIR:-build}
read -r -a stages <<<"${SCHEMAGEN_TEST_STAGES:-suite sanitizers fuzz}"

suite() {
  echo "== install dependencies"
  bash scripts/install-deps.sh

  echo "== configure and build ($build_dir)"
  cmake -S . -B "$build_dir" -DSCHEMAGEN_WERROR=ON
  cmake --build "$build_dir" -j"$jobs"

  echo "== test"
  # Without a server the pg-labelled tests would exit 77 (skipped); here that is a failure.
  export SCHEMAGEN_REQUIRE_PG=1
  # --no-tests=error: a suite that registers nothing must not look green.
  local log=$build_dir/ctest-output.log
  local rc
  set +e
  bash tests/pg/with-postgres.sh \
    ctest --test-dir "$build_dir" --output-on-failure --no-tests=error -j"$jobs" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  set -e
  # The server's shutdown chatter follows ctest's summary; repeat the summary last.
  local summary
  summary=$(grep -E '^[0-9]+% tests passed' "$log" | tail -n 1 || true)
  echo "== result"
  echo "${summary:-ctest printed no summary (exit status $rc)}"
  return "$rc"
}

run_stage() {
  case $1 in
    suite) (suite) ;;
    # The sanitizer build's end-to-end tests reuse the suite's npm installs.
    sanitizers) SCHEMAGEN_E2E_NODE_CACHE=$root/$build_dir/e2e-node bash scripts/test-sanitizers.sh ;;
    fuzz) bash scripts/test-fuzz.sh ;;
    *)
      echo "unknown stage '$1' (suite, sanitizers, fuzz)" >&2
      return 2
      ;;
  esac
}

mkdir -p "$build_dir"
declare -A results
failed=0 total=0 total_failed=0
for stage in "${stages[@]}"; do
  start=$SECONDS
  echo "==== stage $stage"
  stage_log=$build_dir/stage-$stage.log
  set +e
  run_stage "$stage" 2>&1 | tee "$stage_log"
  rc=${PIPESTATUS[0]}
  set -e
  # Each stage ends with ctest's "N% tests passed, F tests failed out of T".
  summary=$(grep -E '^[0-9]+% tests passed' "$stage_log" | tail -n 1 || true)
  if [[ $summary =~ ([0-9]+)\ tests\ failed\ out\ of\ ([0-9]+) ]]; then
    total_failed=$((total_failed + BASH_REMATCH[1]))
    total=$((total + BASH_REMATCH[2]))
  else
    summary="ctest printed no summary"
  fi
  results[$stage]="$( ((rc == 0)) && echo passed || echo "FAILED (exit $rc)") in $((SECONDS - start)) s: $summary"
  ((rc == 0)) || failed=1
done

echo "==== stages"
for stage in "${stages[@]}"; do
  echo "$stage: ${results[$stage]}"
done
echo "== result"
if ((total > 0)); then
  echo "$(((total - total_failed) * 100 / total))% tests passed, $total_failed tests failed out of $total (all stages)"
fi
exit "$failed"
