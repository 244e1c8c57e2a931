#!/usr/bin/env bash
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Builds the libFuzzer targets (clang, -DSCHEMAGEN_FUZZ=ON) and runs each for SECONDS
# (default 60), one after the other, over its seed corpus (tests/fuzz/make_corpus.sh) with
# the DSL dictionary. Exits non-zero at the first target that finds a crash, a leak, a
# timeout or a sanitizer report; the input is then in $build_dir/fuzz/artifacts/ (add it to
# tests/fuzz/regressions/<target>/ once fixed). Targets: parse analyze generate evolve state
# (default: all).
#
# Environment:
#   SCHEMAGEN_BUILD_DIR  build directory (default: build-fuzz)
#   FUZZ_JOBS            parallel fuzzing processes per target (default: 1)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)

seconds=${1:-60}
shift || true
targets=("$@")
if ((${#targets[@]} == 0)); then
  targets=(parse analyze generate evolve state)
fi
build_dir=${SCHEMAGEN_BUILD_DIR:-build-fuzz}
fuzz_jobs=${FUZZ_JOBS:-1}

echo "== configure and build ($build_dir)"
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSCHEMAGEN_FUZZ=ON \
  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang -DSCHEMAGEN_BUILD_TESTS=ON
build_targets=(fuzz_corpus)
for target in "${targets[@]}"; do
  build_targets+=("fuzz_$target")
done
cmake --build "$build_dir" -j"$(nproc)" --target "${build_targets[@]}"
build_dir=$(cd "$build_dir" && pwd)

export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for target in "${targets[@]}"; do
  echo "== fuzz_$target for $seconds s"
  work=$build_dir/fuzz/work/$target
  mkdir -p "$work" "$build_dir/fuzz/artifacts"
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1
    -dict="$root/tests/fuzz/schemagen.dict"
    -artifact_prefix="$build_dir/fuzz/artifacts/$target-")
  if ((fuzz_jobs > 1)); then
    args+=(-jobs="$fuzz_jobs" -workers="$fuzz_jobs")
  fi
  "$build_dir/tests/fuzz/fuzz_$target" "${args[@]}" "$work" "$build_dir/fuzz/seeds/$target"
done
echo "== no findings"
