#!/usr/bin/env bash
# Finding 12: output directories that are one, or that nest in the migrations directory, are an
# error (E0218) at the header setting before anything is generated: nothing is written, no
# half tree. (A file another output would need as its directory is refused by CommitToDisk:
# tests/unit/output_test.cpp.)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

n=0
for settings in 'migrations "src/db"  models "src/db/models"' 'models "out"  docs "out"' \
  'migrations "src"  docs "src/docs"' 'models "src/database/migrations"'; do
  n=$((n + 1))
  {
    echo "schema s {"
    echo "  tenant Company  feature \"x\"  timestamp 20260101000000"
    echo "  $settings"
    echo "}"
    sed -n '/^}/,$p' "$repo/examples/customer-service/history/20260115090000.dsl" | sed '1d'
  } >"$tmp/case$n.dsl"
  mkdir -p "$tmp/out$n"
  printf 'kept\n' >"$tmp/out$n/keep.txt"
  before=$(snapshot "$tmp/out$n")
  run_schemagen "$tmp/case$n.log" "$tmp/case$n.dsl" -o "$tmp/out$n"
  check "$settings: exit 1 (got $status)" test "$status" = 1
  if grep -q "error\[E0218\]" "$tmp/case$n.log"; then pass; else fail "$settings: E0218"; show "$tmp/case$n.log"; fi
  check "$settings: nothing written" test "$(snapshot "$tmp/out$n")" = "$before"
done
finish
