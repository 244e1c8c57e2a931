#!/usr/bin/env bash
# Usage: bash bench/run.sh
#
# The one command behind bench/RESULTS.md: builds schemagen (Release, build-bench/), generates
# the synthetic schemas, installs the peers (npm ci in bench/peers), runs the whole-process
# comparison, the micro-benchmarks, the verify comparison and a profile, and writes
# bench/RESULTS.md from what was measured. See bench/README.md.
#
# Knobs (environment): BENCH_SIZES (100,1000,10000), BENCH_RUNS (5: schemagen runs per size),
# BENCH_PEER_RUNS (3), BENCH_PEER_RUNS_LARGEST (3), BENCH_TIMEOUT (600 s per peer run),
# BENCH_VERIFY_SIZES (100,1000), BENCH_VERIFY_RUNS (3), BENCH_VERIFY_LOCKS (1024), BENCH_SKIP_PEERS=1, BENCH_SKIP_VERIFY=1,
# BENCH_SKIP_PROFILE=1, BENCH_BUILD_DIR (build-bench), BENCH_JOBS (2).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
build=${BENCH_BUILD_DIR:-$root/build-bench}
work=$build/bench-data
sizes=${BENCH_SIZES:-100,1000,10000}
runs=${BENCH_RUNS:-5}
largest=$(tr ',' '\n' <<<"$sizes" | sort -n | tail -n 1)
# The knobs set for this run belong to the command that reproduces it.
knobs=$(env | grep -E '^BENCH_[A-Z_]+=' | sort | tr '\n' ' ' || true)
command_line="${knobs}bash bench/run.sh"
started=$(date -u +%s)

step() { printf '\n== %s\n' "$*" >&2; }

# ------------------------------------------------------------------------------ tools
step "tools"
missing=()
[[ -x /usr/bin/time ]] || missing+=(time)
[[ -f /usr/include/benchmark/benchmark.h ]] || missing+=(libbenchmark-dev)
command -v python3 >/dev/null || missing+=(python3)
command -v node >/dev/null || missing+=(nodejs npm)
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# ------------------------------------------------------------------------------ build
step "build (Release, $build)"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DSCHEMAGEN_BUILD_BENCHMARKS=ON \
  -DSCHEMAGEN_BUILD_TESTS=OFF >/dev/null
# What is built is what is measured: note the commit now (others may commit during the run).
mkdir -p "$build"
{
  git -C "$root" rev-parse --short HEAD
  git -C "$root" status --porcelain --untracked-files=no -- . ':!bench/RESULTS.md' | wc -l
} >"$build/bench-build-info.txt"
cmake --build "$build" -j "${BENCH_JOBS:-2}" --target schemagen schemagen_phases_bench >&2
{
  git -C "$root" rev-parse --short HEAD
  git -C "$root" status --porcelain --untracked-files=no -- . ':!bench/RESULTS.md' | wc -l
} >>"$build/bench-build-info.txt"  # again: did the tree change while it was built?
schemagen=$build/schemagen

# ------------------------------------------------------------------------------ schemas
step "schemas ($sizes entities)"
rm -rf "$work"
mkdir -p "$work/schemas"
size_args=()
for n in ${sizes//,/ }; do size_args+=(--entities "$n"); done
python3 "$here/gen_schema.py" "${size_args[@]}" --changed --out "$work/schemas"
for n in ${sizes//,/ }; do "$schemagen" check -q "$work/schemas/entities-$n.dsl"; done

# ------------------------------------------------------------------------------ peers
if [[ -z "${BENCH_SKIP_PEERS:-}" ]]; then
  step "peers (npm ci in bench/peers)"
  stamp=$here/peers/node_modules/.schemagen-bench-lock
  if [[ -f "$stamp" ]] && cmp -s "$stamp" "$here/peers/package-lock.json"; then
    echo "bench/peers/node_modules matches package-lock.json; npm ci skipped" >&2
  else
    (cd "$here/peers" && npm ci --no-audit --no-fund --loglevel=error >&2)
    cp "$here/peers/package-lock.json" "$stamp"
  fi
fi

# ------------------------------------------------------------------------------ compare
step "whole-process comparison"
peer_flags=()
[[ -n "${BENCH_SKIP_PEERS:-}" ]] && peer_flags+=(--no-peers)
python3 "$here/compare.py" --schemagen "$schemagen" --schemas "$work/schemas" \
  --peers "$here/peers" --json "$work/compare.json" --sizes "$sizes" --runs "$runs" \
  --peer-runs "${BENCH_PEER_RUNS:-3}" --peer-runs-largest "${BENCH_PEER_RUNS_LARGEST:-3}" \
  --timeout "${BENCH_TIMEOUT:-600}" "${peer_flags[@]}"

# ------------------------------------------------------------------------------ phases
step "micro-benchmarks (Google Benchmark)"
"$build/bench/schemagen_phases_bench" --schema_dir="$work/schemas" --sizes="$sizes" \
  --benchmark_out="$work/phases.json" --benchmark_out_format=json >&2

# ------------------------------------------------------------------------------ verify
verify_json=
if [[ -z "${BENCH_SKIP_VERIFY:-}" ]] && "$schemagen" verify --help >/dev/null 2>&1; then
  step "verify against sequelize-cli (throwaway PostgreSQL)"
  if bash "$root/tests/pg/with-postgres.sh" python3 "$here/verify_bench.py" \
    --schemagen "$schemagen" --schemas "$work/schemas" --peers "$here/peers" \
    --json "$work/verify.json" --sizes "${BENCH_VERIFY_SIZES:-100,1000}" \
    --runs "${BENCH_VERIFY_RUNS:-3}" --raise-locks "${BENCH_VERIFY_LOCKS:-1024}"; then
    verify_json=$work/verify.json
  else
    echo "verify benchmark failed; RESULTS.md says so" >&2
  fi
fi

# ------------------------------------------------------------------------------ profile
profile_txt=
if [[ -z "${BENCH_SKIP_PROFILE:-}" ]] && command -v perf >/dev/null; then
  step "profile (perf, full generation of $largest entities)"
  rm -rf "$work/profile-out"
  if perf record -q -F 199 --call-graph dwarf,16384 -o "$work/perf.data" \
    "$schemagen" -q "$work/schemas/entities-$largest.dsl" -o "$work/profile-out" >/dev/null 2>&1; then
    {
      echo "## inclusive"
      perf report -i "$work/perf.data" --children --sort symbol --stdio -g none 2>/dev/null
      echo "## self"
      perf report -i "$work/perf.data" --no-children --sort symbol --stdio -g none 2>/dev/null
    } >"$work/profile.txt"
    profile_txt=$work/profile.txt
  else
    echo "perf record failed (perf_event_paranoid?); no profile in RESULTS.md" >&2
  fi
  rm -rf "$work/profile-out" "$work/perf.data"
fi

# ------------------------------------------------------------------------------ I/O
io_txt=
if [[ -z "${BENCH_SKIP_PROFILE:-}" ]] && command -v strace >/dev/null; then
  io_n=$(tr ',' '\n' <<<"$sizes" | grep -qx 1000 && echo 1000 || echo "$largest")
  step "I/O (strace -T, full generation of $io_n entities)"
  rm -rf "$work/io-out"
  strace -f -T -e trace=fsync,openat,rename,write,read,unlink -o "$work/io.strace" \
    "$schemagen" -q "$work/schemas/entities-$io_n.dsl" -o "$work/io-out" >/dev/null
  python3 - "$work/io.strace" "$io_n" >"$work/io.txt" <<'PY'
import collections, re, sys
calls, secs = collections.Counter(), collections.Counter()
for line in open(sys.argv[1]):
    m = re.match(r"(?:\d+\s+)?(\w+)\(.*<([\d.]+)>$", line.strip())
    if m:
        calls[m.group(1)] += 1
        secs[m.group(1)] += float(m.group(2))
print(f"entities {sys.argv[2]}")
for name, total in secs.most_common():
    print(f"{name} {calls[name]} {total:.6f}")
PY
  io_txt=$work/io.txt
  rm -rf "$work/io-out" "$work/io.strace"
fi

# ------------------------------------------------------------------------------ report
step "bench/RESULTS.md"
python3 "$here/report.py" --root "$root" --build "$build" --peers "$here/peers" \
  --compare "$work/compare.json" --phases "$work/phases.json" \
  ${verify_json:+--verify "$verify_json"} ${profile_txt:+--profile "$profile_txt"} ${io_txt:+--io "$io_txt"} \
  --findings "$here/FINDINGS.md" --command "$command_line" \
  --elapsed "$(($(date -u +%s) - started))" --out "$here/RESULTS.md"
echo "wrote $here/RESULTS.md" >&2
