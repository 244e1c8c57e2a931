// Shared by the round-trip scripts of tests/e2e/roundtrip/: a connection through the generated
// models, and the checks every script makes. Written against the API that sequelize-typescript
// 1.1 (Sequelize 5) and 2.x (Sequelize 6) have in common, so that one script serves both.
import assert from "node:assert/strict";
import * as os from "node:os";
import { Sequelize, SequelizeOptions } from "sequelize-typescript";

/**
 * Connects to the database run.sh migrated (SCHEMAGEN_E2E_DATABASE) through the libpq
 * environment, as its sequelize-cli configuration does, registers `models`, runs `body` and
 * closes the connection. Prints body's summary; any failure sets exit status 1.
 */
export function roundTrip(
  models: SequelizeOptions["models"],
  body: (sequelize: Sequelize) => Promise<string>,
): void {
  const env = process.env;
  const database = env.SCHEMAGEN_E2E_DATABASE;
  if (!database) {
    console.error(
      "SCHEMAGEN_E2E_DATABASE is not set; run this through tests/e2e/run.sh",
    );
    process.exit(2);
  }
  const sequelize = new Sequelize({
    dialect: "postgres",
    host: env.PGHOST || "localhost",
    port: Number(env.PGPORT || 5432),
    username: env.PGUSER || os.userInfo().username,
    password: env.PGPASSWORD,
    database,
    logging: false,
    models,
  });
  const run = async (): Promise<void> => {
    try {
      console.log(await body(sequelize));
    } finally {
      await sequelize.close();
    }
  };
  run().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}

/** Asserts that `create` fails on a unique index or constraint, and on nothing else. */
export async function rejectsDuplicate(
  what: string,
  create: () => PromiseLike<unknown>,
): Promise<void> {
  await assert.rejects(
    async () => {
      await create();
    },
    (err: Error) => {
      assert.equal(
        err.name,
        "SequelizeUniqueConstraintError",
        `${what}: expected a unique violation, got ${err.name}: ${err.message}`,
      );
      return true;
    },
    `${what}: the duplicate was accepted`,
  );
}

/** The ids of `rows`, sorted, for order-independent comparisons. */
export function ids(rows: ReadonlyArray<{ id: number }>): number[] {
  return rows.map((row) => row.id).sort((a, b) => a - b);
}
