// Model round trip of examples/audit-log through the generated sequelize-typescript models
// (tests/e2e/run.sh copies this file next to the generated src/).
// Tenant: Company. The only tenant-scoped unique on a paranoid entity is User.email.
// AuditEntry and RetentionPolicy have no soft delete; RetentionPolicy.entityType is unique
// across all companies (the entity is global).
import assert from "node:assert/strict";
import { ids, rejectsDuplicate, roundTrip } from "./lib/support";
import {
  AuditEntry,
  Company,
  RetentionPolicy,
  User,
  models,
} from "./src/models";

roundTrip(models, async () => {
  const acme = await Company.create({ name: "Acme", auditRetentionDays: 90 });
  const globex = await Company.create({ name: "Globex" });
  await assert.rejects(
    async () => {
      await Company.create({ name: "Short", auditRetentionDays: 10 });
    },
    { name: "SequelizeValidationError" },
    "auditRetentionDays below 30 is rejected by the model",
  );

  // Rows of company Acme that reference each other.
  const ana = await User.create({
    companyId: acme.id,
    name: "Ana",
    email: "ana@acme.test",
  });
  const login = await AuditEntry.create({
    companyId: acme.id,
    actorId: ana.id,
    actorLabel: "Ana <ana@acme.test>",
    action: "login",
    entityType: "Session",
    ip: "2001:db8::1",
    requestId: "9f2c4a1e-7d3b-4c5a-8e6f-0a1b2c3d4e5f",
  });
  assert.equal(
    login.actorKind,
    "user",
    "AuditEntry.actorKind defaults to user",
  );
  const update = await AuditEntry.create({
    companyId: acme.id,
    actorId: ana.id,
    actorLabel: "Ana <ana@acme.test>",
    action: "update",
    entityType: "Ticket",
    entityId: 42,
    before: { status: "open" },
    after: { status: "closed" },
  });
  await AuditEntry.create({
    companyId: acme.id,
    actorKind: "system",
    actorLabel: "retention job",
    action: "delete",
    entityType: "Ticket",
    entityId: 7,
  });
  // The table's check: only a user actor points at a user.
  await assert.rejects(
    async () => {
      await AuditEntry.create({
        companyId: acme.id,
        actorKind: "api_key",
        actorId: ana.id,
        actorLabel: "key",
        action: "export",
        entityType: "Ticket",
      });
    },
    { name: "SequelizeDatabaseError" },
    "an api_key entry with an actor violates the check",
  );

  // Read back through the associations.
  const withEntries = await User.findByPk(ana.id, {
    include: [Company, AuditEntry],
  });
  assert.ok(withEntries, "the user reads back");
  assert.equal(withEntries.company?.name, "Acme");
  assert.deepEqual(ids(withEntries.auditEntries ?? []), ids([login, update]));
  const entry = await AuditEntry.findByPk(update.id, {
    include: [User, Company],
  });
  assert.ok(entry, "the entry reads back");
  assert.equal(entry.actor?.email, "ana@acme.test");
  assert.equal(entry.company?.id, acme.id);
  assert.deepEqual(entry.before, { status: "open" });
  assert.deepEqual(entry.after, { status: "closed" });

  // User.email is unique per company among users that are not soft deleted.
  const sameEmail = { name: "Ana B", email: "ana@acme.test" };
  const atGlobex = await User.create({ companyId: globex.id, ...sameEmail });
  await rejectsDuplicate("the same email twice in one company", () =>
    User.create({ companyId: acme.id, ...sameEmail }),
  );
  await ana.destroy();
  assert.deepEqual(
    ids(await User.findAll({ where: { companyId: acme.id } })),
    [],
  );
  const all = await User.findAll({
    where: { companyId: acme.id },
    paranoid: false,
  });
  assert.deepEqual(
    ids(all),
    [ana.id],
    "paranoid: false shows the soft-deleted user",
  );
  assert.ok(all[0].deletedAt instanceof Date);
  const again = await User.create({ companyId: acme.id, ...sameEmail });
  assert.deepEqual(
    ids(await User.findAll({ where: { email: sameEmail.email } })),
    ids([atGlobex, again]),
  );
  // Soft delete leaves the entries (and their actorId) alone.
  assert.equal((await AuditEntry.findByPk(login.id))?.actorId, ana.id);

  // RetentionPolicy is global: entityType is unique across companies.
  const policy = await RetentionPolicy.create({
    entityType: "*",
    retentionDays: 365,
  });
  assert.equal(
    policy.archive,
    false,
    "RetentionPolicy.archive defaults to false",
  );
  await RetentionPolicy.create({
    entityType: "Ticket",
    retentionDays: 730,
    archive: true,
  });
  await rejectsDuplicate("a second policy for one entity type", () =>
    RetentionPolicy.create({ entityType: "Ticket", retentionDays: 30 }),
  );

  return "ok: companies, users, audit_entries, retention_policies";
});
