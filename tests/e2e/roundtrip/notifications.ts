// Model round trip of examples/notifications through the generated sequelize-typescript
// models (tests/e2e/run.sh copies this file next to the generated src/).
// Tenant: Company. The only tenant-scoped unique on a paranoid entity is User.email.
// NotificationType is global and paranoid: its key is unique across companies among types
// that are not soft deleted. Notification and NotificationPreference have no soft delete;
// NotificationPreference's unique(user, type, channel) is checked as a plain unique.
import assert from "node:assert/strict";
import { ids, rejectsDuplicate, roundTrip } from "./lib/support";
import {
  Company,
  Notification,
  NotificationPreference,
  NotificationType,
  User,
  models,
} from "./src/models";

roundTrip(models, async () => {
  const acme = await Company.create({ name: "Acme" });
  const globex = await Company.create({ name: "Globex" });
  const assigned = await NotificationType.create({
    key: "ticket.assigned",
    label: "Ticket assigned to you",
  });
  assert.deepEqual(
    assigned.defaultChannels,
    ["in_app"],
    "defaultChannels defaults to [in_app]",
  );
  assert.equal(assigned.priority, "normal");
  await assert.rejects(
    async () => {
      await NotificationType.create({ key: "NoDots", label: "x" });
    },
    { name: "SequelizeValidationError" },
    "a key that isn't dotted lower case is rejected by the model",
  );

  // Rows of company Acme that reference each other.
  const ana = await User.create({
    companyId: acme.id,
    name: "Ana",
    email: "ana@acme.test",
  });
  assert.equal(ana.timeZone, "UTC");
  const note = await Notification.create({
    companyId: acme.id,
    userId: ana.id,
    typeId: assigned.id,
    title: "Ticket #42 is yours",
    link: "/tickets/42",
    data: { ticketId: 42 },
  });
  const unread = await Notification.create({
    companyId: acme.id,
    userId: ana.id,
    typeId: assigned.id,
    title: "Ticket #43 is yours",
  });
  assert.deepEqual(unread.data, {}, "Notification.data defaults to {}");
  await note.update({ readAt: new Date() });
  const pref = await NotificationPreference.create({
    companyId: acme.id,
    userId: ana.id,
    typeId: assigned.id,
    channel: "email",
    frequency: "daily",
    quietFrom: 22 * 60,
    quietTo: 7 * 60,
  });
  // The table's check: quiet hours need both ends.
  await assert.rejects(
    async () => {
      await NotificationPreference.create({
        companyId: acme.id,
        userId: ana.id,
        typeId: assigned.id,
        channel: "sms",
        quietFrom: 60,
      });
    },
    { name: "SequelizeDatabaseError" },
    "quiet hours with one end violate the check",
  );

  // Read back through the associations.
  const loaded = await User.findByPk(ana.id, {
    include: [Company, Notification, NotificationPreference],
  });
  assert.ok(loaded, "the user reads back");
  assert.equal(loaded.company?.name, "Acme");
  assert.deepEqual(ids(loaded.notifications ?? []), ids([note, unread]));
  assert.deepEqual(ids(loaded.preferences ?? []), [pref.id]);
  const unreadOnly = await Notification.findAll({
    where: { userId: ana.id, readAt: null },
    include: [NotificationType, User],
  });
  assert.deepEqual(ids(unreadOnly), [unread.id]);
  assert.equal(unreadOnly[0].type?.key, "ticket.assigned");
  assert.equal(unreadOnly[0].user?.email, "ana@acme.test");
  const loadedPref = await NotificationPreference.findByPk(pref.id, {
    include: [NotificationType],
  });
  assert.equal(loadedPref?.type?.label, "Ticket assigned to you");
  assert.equal(loadedPref?.quietFrom, 1320);

  await rejectsDuplicate("one user, type and channel twice", () =>
    NotificationPreference.create({
      companyId: acme.id,
      userId: ana.id,
      typeId: assigned.id,
      channel: "email",
    }),
  );

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

  // NotificationType.key is unique across companies among types that are not soft deleted.
  await rejectsDuplicate("a second type with one key", () =>
    NotificationType.create({ key: "ticket.assigned", label: "again" }),
  );
  await assigned.destroy();
  assert.equal(await NotificationType.count(), 0);
  assert.equal(await NotificationType.count({ paranoid: false }), 1);
  await NotificationType.create({
    key: "ticket.assigned",
    label: "Assigned (v2)",
  });

  return "ok: companies, users, notification_types, notifications, notification_preferences";
});
