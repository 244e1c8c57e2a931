// Tenant isolation of examples/customer-service through the generated models and withTenant
// (tests/e2e/run.sh copies this file next to the generated src/ as isolation.ts and runs it in
// its "isolation" step). The example turns row_level_security on: every tenant table has
// ENABLE + FORCE ROW LEVEL SECURITY and a policy on the transaction-local setting
// app.current_company_id, and its foreign keys are same-tenant composite keys
// (company_id, x_id) -> x (company_id, id).
//
// The libpq environment's role (a superuser in the tests, which bypasses row-level security)
// creates two companies A and B with a contact and tickets each. Then a second connection, as
// the unprivileged role run.sh created (SCHEMAGEN_E2E_APP_USER / SCHEMAGEN_E2E_APP_PASSWORD:
// NOSUPERUSER NOBYPASSRLS, with table and sequence privileges only), checks that withTenant(A)
// shows, writes, updates and deletes A's rows only, that the composite key rejects a ticket of
// A on B's contact, and that outside withTenant nothing is visible. Every check prints one
// line; any failed check sets exit status 1, after all of them ran.
//
// Written against the API that sequelize-typescript 1.1 (Sequelize 5) and 2.x (Sequelize 6)
// have in common. The model classes belong to one Sequelize instance at a time: the
// superuser's is closed before the unprivileged one registers them again.
import assert from "node:assert/strict";
import * as os from "node:os";
import { QueryTypes } from "sequelize";
import { Sequelize } from "sequelize-typescript";
import { ids } from "./lib/support";
import { Company, Contact, Ticket, models } from "./src/models";
import { withTenant } from "./src/models/with-tenant";

const env = process.env;

function required(variable: string): string {
  const value = env[variable];
  if (!value) {
    console.error(`${variable} is not set; run this through tests/e2e/run.sh`);
    process.exit(2);
  }
  return value;
}

/** A connection to run.sh's migrated database with the generated models registered. */
function connect(username: string, password: string | undefined): Sequelize {
  return new Sequelize({
    dialect: "postgres",
    host: env.PGHOST || "localhost",
    port: Number(env.PGPORT || 5432),
    username,
    password,
    database: required("SCHEMAGEN_E2E_DATABASE"),
    logging: false,
    // One connection: the checks outside withTenant then run on the very connection whose
    // transactions set the tenant before, which must not carry it over.
    pool: { max: 1, min: 0 },
    models,
  });
}

let passed = 0;
let failed = 0;

/** Runs one check and prints one line for it; a failure is counted, not thrown. */
async function check(what: string, body: () => Promise<string>): Promise<void> {
  try {
    const detail = await body();
    passed++;
    console.log(`ok    ${what}: ${detail}`);
  } catch (err: unknown) {
    failed++;
    const message = err instanceof Error ? err.message : String(err);
    console.log(`FAIL  ${what}: ${message.replace(/\s*\n\s*/g, " ")}`);
  }
}

/** Thrown inside withTenant after a write that should have failed: rolls it back. */
class Accepted extends Error {}

/** Asserts that `body` fails with an error named `name` whose message matches `pattern`. */
async function rejects(
  body: () => Promise<unknown>,
  name: string,
  pattern: RegExp,
): Promise<string> {
  let error: Error | undefined;
  try {
    await body();
  } catch (err: unknown) {
    error = err instanceof Error ? err : new Error(String(err));
  }
  assert.ok(error, `accepted, expected ${name} (${pattern})`);
  assert.ok(
    !(error instanceof Accepted),
    `accepted (${error.message}; rolled back), expected ${name} (${pattern})`,
  );
  assert.ok(
    error.name === name && pattern.test(error.message),
    `expected ${name} (${pattern}), got ${error.name}: ${error.message}`,
  );
  return `rejected (${error.name}: ${error.message})`;
}

async function main(): Promise<string> {
  const appUser = required("SCHEMAGEN_E2E_APP_USER");
  const appPassword = env.SCHEMAGEN_E2E_APP_PASSWORD || undefined;

  // ------------------------------------------------ the superuser's rows of A and B
  const admin = connect(env.PGUSER || os.userInfo().username, env.PGPASSWORD);
  const seeded = await (async () => {
    try {
      const a = await Company.create({ name: "Isolation A" });
      const b = await Company.create({ name: "Isolation B" });
      const contactA = await Contact.create({
        companyId: a.id,
        name: "Contact of A",
        number: "+5500000000001",
      });
      const contactB = await Contact.create({
        companyId: b.id,
        name: "Contact of B",
        number: "+5500000000002",
      });
      for (const subject of ["A's first ticket", "A's second ticket"]) {
        await Ticket.create({
          companyId: a.id,
          subject,
          contactId: contactA.id,
        });
      }
      await Ticket.create({
        companyId: b.id,
        subject: "B's ticket",
        contactId: contactB.id,
      });
      // What each company has, as the superuser (no row-level security) sees it.
      const of = async (companyId: number) => ({
        tickets: await Ticket.findAll({ where: { companyId } }),
        contacts: ids(await Contact.findAll({ where: { companyId } })),
      });
      return {
        a,
        b,
        contactA,
        contactB,
        ofA: await of(a.id),
        ofB: await of(b.id),
      };
    } finally {
      await admin.close();
    }
  })();
  const { a, b, contactA, contactB, ofA, ofB } = seeded;
  const ticketsOfA = ids(ofA.tickets);
  const ticketsOfB = ids(ofB.tickets);
  console.log(
    `seeded as the superuser: company A ${a.id} (tickets ${ticketsOfA}, contacts ${ofA.contacts}), ` +
      `company B ${b.id} (tickets ${ticketsOfB}, contacts ${ofB.contacts})`,
  );

  // ------------------------------------------------ the unprivileged role
  const app = connect(appUser, appPassword);
  try {
    await check("the connection's role", async () => {
      const [role] = await app.query<{
        name: string;
        superuser: boolean;
        bypassrls: boolean;
      }>(
        `SELECT rolname AS name, rolsuper AS superuser, rolbypassrls AS bypassrls
           FROM pg_roles WHERE rolname = current_user`,
        { type: QueryTypes.SELECT },
      );
      assert.ok(role, "current_user is not in pg_roles");
      assert.equal(role.name, appUser, "connected as another role");
      assert.equal(role.superuser, false, `${role.name} is a superuser`);
      assert.equal(role.bypassrls, false, `${role.name} has BYPASSRLS`);
      return `${role.name}, NOSUPERUSER NOBYPASSRLS`;
    });

    await check("outside withTenant, before any tenant was set", async () => {
      const tickets = await Ticket.findAll();
      const contacts = await Contact.findAll();
      assert.deepEqual(ids(tickets), [], "Ticket.findAll() returned rows");
      assert.deepEqual(ids(contacts), [], "Contact.findAll() returned rows");
      return "Ticket.findAll() and Contact.findAll() return no rows";
    });

    await check("withTenant(A) Ticket.findAll()", async () => {
      const tickets = await withTenant(app, a.id, (transaction) =>
        Ticket.findAll({ transaction }),
      );
      const others = tickets.filter((t) => t.companyId !== a.id);
      assert.deepEqual(
        others.map((t) => `${t.id} of company ${t.companyId}`),
        [],
        "rows of other companies came back",
      );
      assert.deepEqual(ids(tickets), ticketsOfA, "not A's tickets");
      return `A's ${tickets.length} tickets only (${ids(tickets)})`;
    });

    await check("withTenant(A) Contact.findAll()", async () => {
      const contacts = await withTenant(app, a.id, (transaction) =>
        Contact.findAll({ transaction }),
      );
      const others = contacts.filter((c) => c.companyId !== a.id);
      assert.deepEqual(
        others.map((c) => `${c.id} of company ${c.companyId}`),
        [],
        "rows of other companies came back",
      );
      assert.deepEqual(ids(contacts), ofA.contacts, "not A's contacts");
      return `A's ${contacts.length} contact(s) only (${ids(contacts)})`;
    });

    await check("withTenant(A) Ticket.findByPk(B's ticket)", async () => {
      const found = await withTenant(app, a.id, (transaction) =>
        Ticket.findByPk(ticketsOfB[0], { transaction }),
      );
      assert.ok(
        found === null,
        `ticket ${found?.id} of company ${found?.companyId} came back`,
      );
      return "null";
    });

    await check("withTenant(B) Ticket.findAll()", async () => {
      const tickets = await withTenant(app, b.id, (transaction) =>
        Ticket.findAll({ transaction }),
      );
      assert.deepEqual(ids(tickets), ticketsOfB, "not B's tickets");
      return `B's ${tickets.length} ticket(s) only (${ids(tickets)})`;
    });

    await check("outside withTenant, after tenants were set", async () => {
      const tickets = await Ticket.findAll();
      assert.deepEqual(ids(tickets), [], "Ticket.findAll() returned rows");
      return "Ticket.findAll() returns no rows (the setting ended with the transaction)";
    });

    await check("withTenant(A) Ticket.create() for A", async () => {
      const created = await withTenant(app, a.id, (transaction) =>
        Ticket.create(
          { companyId: a.id, subject: "A's own", contactId: contactA.id },
          { transaction },
        ),
      );
      assert.equal(created.companyId, a.id);
      return `created ticket ${created.id}`;
    });

    await check("withTenant(A) Ticket.create({ companyId: B })", () =>
      rejects(
        () =>
          withTenant(app, a.id, async (transaction) => {
            const row = await Ticket.create(
              { companyId: b.id, subject: "Into B", contactId: contactB.id },
              { transaction },
            );
            throw new Accepted(`ticket ${row.id} of company ${row.companyId}`);
          }),
        "SequelizeDatabaseError",
        /new row violates row-level security policy for table "tickets"/,
      ),
    );

    await check("withTenant(A) Ticket.create() for A on B's contact", () =>
      rejects(
        () =>
          withTenant(app, a.id, async (transaction) => {
            const row = await Ticket.create(
              {
                companyId: a.id,
                subject: "On B's contact",
                contactId: contactB.id,
              },
              { transaction },
            );
            throw new Accepted(
              `ticket ${row.id} of company ${row.companyId} on contact ${row.contactId}`,
            );
          }),
        "SequelizeForeignKeyConstraintError",
        /violates foreign key constraint "[^"]*contact_id[^"]*"/,
      ),
    );

    await check(
      "withTenant(A) Ticket.update({ where: { companyId: B } })",
      async () => {
        const counts = await withTenant(app, a.id, async (transaction) => {
          const [ofB] = await Ticket.update(
            { subject: "Taken over by A" },
            { where: { companyId: b.id }, transaction },
          );
          // The same update of A's own rows, which it must reach.
          const [ofA] = await Ticket.update(
            { priority: 1 },
            { where: { companyId: a.id }, transaction },
          );
          const hasA = await Ticket.count({
            where: { companyId: a.id },
            transaction,
          });
          return { ofB, ofA, hasA };
        });
        assert.equal(counts.ofB, 0, `${counts.ofB} of B's rows updated`);
        assert.equal(counts.ofA, counts.hasA, "the same update of A's rows");
        return `0 rows updated (the same update of A's: ${counts.ofA} of ${counts.hasA})`;
      },
    );

    await check(
      "withTenant(A) Ticket.destroy({ where: { companyId: B }, force: true })",
      async () => {
        const destroyed = await withTenant(app, a.id, (transaction) =>
          Ticket.destroy({
            where: { companyId: b.id },
            force: true,
            transaction,
          }),
        );
        assert.equal(destroyed, 0, `${destroyed} of B's rows deleted`);
        return "0 rows deleted";
      },
    );

    await check("withTenant(B) B's tickets afterwards", async () => {
      const tickets = await withTenant(app, b.id, (transaction) =>
        Ticket.findAll({ transaction, paranoid: false }),
      );
      assert.deepEqual(ids(tickets), ticketsOfB, "B's tickets changed");
      for (const ticket of tickets) {
        const before = ofB.tickets.find((t) => t.id === ticket.id);
        assert.equal(
          ticket.subject,
          before?.subject,
          `ticket ${ticket.id}'s subject`,
        );
        assert.equal(
          ticket.deletedAt,
          null,
          `ticket ${ticket.id} was soft deleted`,
        );
      }
      return "unchanged";
    });
  } finally {
    await app.close();
  }

  if (failed > 0) {
    process.exitCode = 1;
    return `${failed} of ${passed + failed} isolation checks failed`;
  }
  return `${passed} checks as ${appUser}: reads, creates, composite key, updates, deletes`;
}

main().then(
  (summary) => console.log(summary),
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
