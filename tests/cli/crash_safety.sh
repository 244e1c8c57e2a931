#!/usr/bin/env bash
# Usage: tests/cli/crash_safety.sh SCHEMAGEN REPO [ROUNDS]
#
# No interruption leaves a partial file. ROUNDS (default 100) generation runs of an 80-entity
# schema (bench/gen_schema.py) are interrupted at a random point, with SIGKILL, SIGTERM and
# SIGINT in turn:
#   - even rounds write into an empty directory: every file the killed run left must be
#     byte-identical to that file of a complete run;
#   - odd rounds rewrite a complete tree (Portuguese documents) with English documents: every
#     file must be one of the two complete versions, never a mix or a truncated file.
# SIGTERM and SIGINT are held while files change (they end the run before the first write or
# after the last), so after them not even a temporary file may be left. After SIGKILL the
# temporaries beside the outputs (".NAME.XXXXXX") may remain; the next run must remove them.
# Each round then reruns to completion: the tree must be exactly the complete one, manifest
# included, with no temporary left. Prints how many rounds ended before, during and after
# the writes; at least one SIGKILL must land during them, or the test proves nothing.
set -euo pipefail

if (($# < 2 || $# > 3)); then
  echo "usage: $0 SCHEMAGEN REPO [ROUNDS]" >&2
  exit 2
fi
schemagen=$1
if [[ "$schemagen" == */* ]]; then
  schemagen=$(cd "$(dirname "$schemagen")" && pwd)/$(basename "$schemagen")
fi
repo=$(cd "$2" && pwd)
rounds=${3:-100}
name=cli.crash_safety

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "$name: FAIL: round $round ($signal): $*" >&2
  exit 1
}

python3 "$repo/bench/gen_schema.py" -n 80 -o "$work/schema" --only-dsl >/dev/null
dsl=$(find "$work/schema" -name '*.dsl' | head -n 1)
run() { "$schemagen" "$dsl" -q --timestamp 20260101000000 "$@"; }
round=reference signal=none
run -o "$work/ref-pt"
run -o "$work/ref-en" --doc-lang en
(cd "$work/ref-pt" && find . -type f | sort) >"$work/files"
# When a run starts writing, the manifest changes first (the transitional one, which accepts
# the old and new versions of every file); a run's writes last from then to its exit. Each
# round waits for that moment, then interrupts after a random part of the writing time.
changed_manifest() { # DIR STAMP: the manifest's mtime differs from STAMP
  [[ "$(stat -c %Y.%y "$1/.schemagen-manifest.json" 2>/dev/null)" != "$2" ]]
}
start=$(date +%s%N)
# Started directly, not through run(): a background function is a subshell, and the signal
# would stop the subshell while schemagen goes on.
"$schemagen" "$dsl" -q --timestamp 20260101000000 -o "$work/timing" &
pid=$!
while ! changed_manifest "$work/timing" "" && kill -0 "$pid" 2>/dev/null; do sleep 0.001; done
writing=$(date +%s%N)
wait "$pid"
duration_us=$((($(date +%s%N) - start) / 1000))
write_us=$((($(date +%s%N) - writing) / 1000 + 1))

# Under AddressSanitizer (scripts/test-sanitizers.sh), the runs this test interrupts skip
# LeakSanitizer's check at exit: a SIGKILL that lands while the check has the process stopped
# kills its main thread under the check, which then writes "Unable to get registers from thread
# N" to the sanitizer log: a report of the kill, not of schemagen. The runs to completion
# (the references and each round's rerun) are checked as usual.
interrupted_asan_options="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
signals=(KILL TERM INT)
before=0 during=0 after=0
for ((round = 1; round <= rounds; round++)); do
  signal=${signals[round % 3]}
  out=$work/out
  if ((round % 2 == 0)); then
    rm -rf "$out"
    lang=pt
  else
    rm -rf "$out" && cp -a "$work/ref-pt" "$out"
    lang=en
  fi
  stamp=$(stat -c %Y.%y "$out/.schemagen-manifest.json" 2>/dev/null || true)
  ASAN_OPTIONS=$interrupted_asan_options \
    "$schemagen" "$dsl" -q --timestamp 20260101000000 -o "$out" --doc-lang "$lang" >/dev/null 2>&1 &
  pid=$!
  # A third of the rounds interrupt at a random point of the whole run, the others while the
  # files are written.
  if ((round % 3 == 0)); then
    delay_us=$(((RANDOM * 32768 + RANDOM) % duration_us))
  else
    while ! changed_manifest "$out" "$stamp" && kill -0 "$pid" 2>/dev/null; do sleep 0.001; done
    delay_us=$(((RANDOM * 32768 + RANDOM) % write_us))
  fi
  sleep "$(printf '%d.%06d' $((delay_us / 1000000)) $((delay_us % 1000000)))"
  kill -s "$signal" "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true

  # Every file there is complete: the killed run's version or the one before it.
  changed=0 kept=0
  while IFS= read -r -d '' file; do
    rel=${file#"$out"/}
    base=$(basename "$rel")
    if [[ "$rel" == .schemagen-manifest.json ]]; then
      # The manifest is whole (it is written atomically too), though maybe the transitional one
      # that accepts both versions of the files being replaced.
      python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$file" 2>/dev/null ||
        fail "the manifest is not whole JSON"
      continue
    fi
    if [[ "$base" == .* ]]; then
      [[ "$signal" == KILL ]] || fail "a temporary file was left: $rel"
      [[ "$base" =~ ^\..+\.[A-Za-z0-9]{6}$ ]] || fail "an unexpected hidden file: $rel"
      continue
    fi
    if cmp -s "$file" "$work/ref-$lang/$rel"; then
      changed=$((changed + 1))
    elif [[ "$lang" == en ]] && cmp -s "$file" "$work/ref-pt/$rel"; then
      kept=$((kept + 1))
    else
      fail "$rel is neither complete version (a partial file)"
    fi
  done < <(find "$out" -type f -print0 2>/dev/null)
  total=$(wc -l <"$work/files")
  differing=$(diff -rq "$out" "$work/ref-$lang" 2>/dev/null | wc -l || true)
  if ((changed == 0)) || [[ "$lang" == en && "$kept" == "$total" ]]; then
    before=$((before + 1))
  elif ((differing == 0)); then
    after=$((after + 1))
  else
    during=$((during + 1))
  fi

  # A run to completion repairs the tree: exactly the complete one, no temporary left.
  run -o "$out" --doc-lang "$lang" >"$work/rerun.log" 2>&1 || {
    cat "$work/rerun.log" >&2
    fail "the run after the interruption failed"
  }
  diff -r "$out" "$work/ref-$lang" >"$work/diff" 2>&1 || {
    head -n 20 "$work/diff" >&2
    fail "the tree after a complete rerun is not the complete tree"
  }
done
echo "$name: $rounds rounds ($((duration_us / 1000)) ms a run, $((write_us / 1000)) ms of writes): interrupted before writing $before, while writing $during, after $after"
((during > 0)) || {
  echo "$name: FAIL: no interruption landed while files were written" >&2
  exit 1
}
echo "$name: ok"
