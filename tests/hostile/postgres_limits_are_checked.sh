#!/usr/bin/env bash
# Finding 11: PostgreSQL's limits are `check` errors, not surprises at migration time: a table
# of 1,600 columns passes and one more is E0510; an index or a unique of 33 columns is E0511.
# A table of 100,000 fields is checked (and refused) without the quadratic scan that made it
# take 21 s (time it with: bash tests/hostile/postgres_limits_are_checked.sh SCHEMAGEN REPO).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# `wide N`: a tenant entity with N declared fields; it gains id, companyId, createdAt,
# updatedAt and deletedAt.
wide() {
  echo 'schema s { tenant Company }'
  echo 'entity Company global { name text }'
  echo 'entity Wide {'
  for ((i = 0; i < $1; i++)); do echo "  f$i integer?"; done
  echo '}'
}
wide 1595 >"$tmp/max.dsl"
run_schemagen "$tmp/max.log" check "$tmp/max.dsl"
check "1,600 columns pass (exit $status)" test "$status" = 0
wide 1596 >"$tmp/over.dsl"
run_schemagen "$tmp/over.log" check "$tmp/over.dsl"
check "1,601 columns: exit 1 (got $status)" test "$status" = 1
check "1,601 columns: E0510 at the entity" grep -q "over.dsl:3:8: error\[E0510\]: 'Wide' has 1601 columns" "$tmp/over.log"

{
  echo 'schema s { tenant Company }'
  echo 'entity Company global { name text }'
  echo 'entity Wide {'
  for ((i = 0; i < 33; i++)); do echo "  f$i integer?"; done
  printf '  index(%s)\n' "$(seq -s ', ' -f 'f%g' 0 32)"
  echo '}'
} >"$tmp/index.dsl"
run_schemagen "$tmp/index.log" check "$tmp/index.dsl"
check "a 33-column index: exit 1 (got $status)" test "$status" = 1
check "a 33-column index: E0511" grep -q "error\[E0511\]: an index on 'Wide' has 33 columns" "$tmp/index.log"

python3 -c "
print('schema s { tenant Company }')
print('entity Company global { name text }')
print('entity Wide {')
for i in range(100000): print(f'  f{i} integer?')
print('}')" >"$tmp/huge.dsl"
start=$(date +%s%N)
run_schemagen "$tmp/huge.log" check "$tmp/huge.dsl"
ms=$((($(date +%s%N) - start) / 1000000))
check "100,000 fields: refused with E0510 (exit $status)" grep -q "error\[E0510\]: 'Wide' has 100005 columns" "$tmp/huge.log"
echo "$case_name: check of 100,000 fields took $ms ms"
finish
