#!/usr/bin/env bash
# Finding 10: names that would break the generated models are errors at `check`, with the way
# to keep the database name: fields that hide a member of Sequelize's Model or Object
# (constructor, save, update, get, set...) are E0509, models and enums that shadow what the
# models import or a global type (Model, Column, Date, Object...) are E0508. Following the
# note (`column "save"`, `table "dates"`) gives a model with the same columns and table.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

for field in constructor save update get set destroy reload toJSON where sequelize dataValues; do
  printf 'schema s { tenant Company }\nentity Company global { name text }\nentity Ticket {\n  %s text?\n}\n' "$field" >"$tmp/f.dsl"
  run_schemagen "$tmp/f.log" check "$tmp/f.dsl"
  check "field $field: exit 1 (got $status)" test "$status" = 1
  check "field $field: E0509 at 4:3" grep -q "f.dsl:4:3: error\[E0509\]" "$tmp/f.log"
done
for entity in Model Column Table Date Object Promise Sequelize; do
  printf 'schema s { tenant Company }\nentity Company global { name text }\nentity %s { name text }\n' "$entity" >"$tmp/e.dsl"
  run_schemagen "$tmp/e.log" check "$tmp/e.dsl"
  check "entity $entity: exit 1 (got $status)" test "$status" = 1
  check "entity $entity: E0508 at 3:8" grep -q "e.dsl:3:8: error\[E0508\]" "$tmp/e.log"
done

# The notes, followed: the same columns and tables under names that work.
cat >"$tmp/ok.dsl" <<'DSL'
schema s { tenant Company  timestamp 20260101000000 }
entity Company global { name text }
entity DateRecord table "dates" {
  saveValue   boolean = false column "save"
  updateValue text? column "update"
}
DSL
run_schemagen "$tmp/ok.log" "$tmp/ok.dsl" -o "$tmp/out"
check "the renamed schema generates (exit $status)" test "$status" = 0
up=$(ls "$tmp/out/src/database/migrations/"*.up.sql)
check "its table is still dates" grep -q 'CREATE TABLE dates (' "$up"
check "its column is still save" grep -q '"save" boolean NOT NULL DEFAULT false\|save boolean NOT NULL DEFAULT false' "$up"
check "the model's property is saveValue" grep -q "saveValue" "$tmp/out/src/models/DateRecord.ts"
finish
