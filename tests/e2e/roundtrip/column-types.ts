// Model round trip of examples/column-types: a row the database fills with its own defaults
// (a raw INSERT of the tenant column alone) and a row Sequelize fills with the models'
// defaults read back through the generated models as the same values, type by type.
import assert from "node:assert/strict";
import { roundTrip } from "./lib/support";
import { Company, Sample, models } from "./src/models";

roundTrip(models, async (sequelize) => {
  const acme = await Company.create({ name: "Acme" });
  const [inserted] = await sequelize.query(
    "INSERT INTO samples (company_id) VALUES (:company) RETURNING id",
    { replacements: { company: acme.id }, plain: false, raw: true },
  );
  const byDatabase = await Sample.findByPk(
    (inserted as Array<{ id: number }>)[0].id,
    { rejectOnEmpty: true },
  );
  const byModel = await Sample.findByPk(
    (await Sample.create({ companyId: acme.id })).id,
    { rejectOnEmpty: true },
  );
  const expected: Record<string, unknown> = {
    label: "plain",
    quoted: 'it\'s "quoted" \\ and\nsplit',
    emptyText: "",
    textNull: null,
    count: 0,
    negative: -42,
    big: "9007199254740993",
    bigNull: null,
    small: 32767,
    price: "19.90",
    wholeAmount: "7",
    anyNumber: "0.000001",
    ratio: 1.5,
    ratioZero: 0,
    score: 0,
    scoreFraction: -2.25,
    scoreNull: null,
    active: true,
    archived: false,
    bornOn: "2000-02-29",
    dateNull: null,
    fixedToken: "0f8fad5b-d9cb-469f-a165-70867728950e",
    metaObject: { tags: [], n: 1 },
    metaList: [],
    rawJson: { a: 1 },
    jsonNull: null,
    level: "medium",
    levelQuoted: "very-high",
    levelNull: null,
    sqlLabel: "",
    sqlCount: 3,
    sqlNull: null,
  };
  for (const [who, row] of [
    ["the database's defaults", byDatabase],
    ["the model's defaults", byModel],
  ] as const) {
    for (const [attribute, value] of Object.entries(expected)) {
      assert.deepEqual(
        row.get(attribute),
        value,
        `${attribute} from ${who}`,
      );
    }
    assert.equal(
      (row.fixedAt as Date).toISOString(),
      "2026-01-31T12:00:00.000Z",
      `fixedAt from ${who}`,
    );
    assert.match(row.token, /^[0-9a-f-]{36}$/, `token from ${who}`);
    assert.match(row.sqlToken, /^[0-9a-f-]{36}$/, `sqlToken from ${who}`);
    assert.ok(row.seenAt instanceof Date, `seenAt from ${who}`);
    assert.match(String(row.today), /^\d{4}-\d{2}-\d{2}$/, `today from ${who}`);
  }
  assert.notEqual(byDatabase.token, byModel.token, "uuid() is drawn per row");
  return "column-types: every default read back the same from the database and the models";
});
