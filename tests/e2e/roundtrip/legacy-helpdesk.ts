// Model round trip of examples/legacy-helpdesk, the DSL twin of a database made by years of
// hand-written migrations: string keys the application gives, uuid keys the database computes,
// a join table keyed by its two references, timestamps without database defaults (Sequelize
// fills them), and constraints under hand-picked names.
import assert from "node:assert/strict";
import { rejectsDuplicate, roundTrip } from "./lib/support";
import {
  Company,
  Contact,
  Queue,
  Tag,
  Ticket,
  TicketTag,
  User,
  UserQueue,
  models,
} from "./src/models";

roundTrip(models, async () => {
  const acme = await Company.create({ name: "Acme" });
  const ana = await User.create({
    companyId: acme.id,
    id: "auth0|ana",
    name: "Ana",
    email: "ana@acme.test",
    login: "ana",
  });
  assert.equal(ana.profile, "agent", "User.profile defaults to agent");
  assert.ok(ana.createdAt instanceof Date, "Sequelize fills createdAt");
  await rejectsDuplicate("users_company_email_unique", () =>
    User.create({
      companyId: acme.id,
      id: "auth0|ana2",
      name: "Ana again",
      email: "ana@acme.test",
      login: "ana2",
    }),
  );
  const globex = await Company.create({ name: "Globex" });
  await rejectsDuplicate("Users_login_key, unique across companies", () =>
    User.create({
      companyId: globex.id,
      id: "auth0|other",
      name: "Other Ana",
      email: "ana@globex.test",
      login: "ana",
    }),
  );
  await rejectsDuplicate("Companies_name_key, a unique index", () =>
    Company.create({ name: "Acme" }),
  );

  const sales = await Queue.create({
    companyId: acme.id,
    name: "Sales",
    supervisorId: ana.id,
  });
  assert.match(sales.id, /^[0-9a-f-]{36}$/, "the database computes a queue's uuid");
  assert.equal(sales.color, "");
  await UserQueue.create({ companyId: acme.id, userId: ana.id, queueId: sales.id });
  await rejectsDuplicate("UserQueues_pkey", () =>
    UserQueue.create({ companyId: acme.id, userId: ana.id, queueId: sales.id }),
  );
  await ana.update({ defaultQueueId: sales.id });

  const withQueues = await User.findByPk(ana.id, {
    include: ["queues"],
    rejectOnEmpty: true,
  });
  assert.deepEqual(
    (withQueues.queues ?? []).map((q) => q.id),
    [sales.id],
    "User.queues through the id-less join table",
  );

  const bob = await Contact.create({
    companyId: acme.id,
    name: "Bob",
    number: "5511999990000",
  });
  await rejectsDuplicate("number_companyid_unique", () =>
    Contact.create({ companyId: acme.id, name: "Bob 2", number: "5511999990000" }),
  );
  const ticket = await Ticket.create({
    companyId: acme.id,
    contactId: bob.id,
    userId: ana.id,
    queueId: sales.id,
  });
  assert.equal(ticket.status, "pending");
  assert.equal(ticket.subject, "");
  assert.equal(ticket.unreadMessages, 0);
  const loaded = await Ticket.findByPk(ticket.id, {
    include: [Contact, User, Queue],
    rejectOnEmpty: true,
  });
  assert.equal(loaded.contact?.name, "Bob");
  assert.equal(loaded.user?.id, "auth0|ana");
  assert.equal(loaded.queue?.name, "Sales");

  const shared = await Tag.create({ name: "vip" });
  assert.equal(shared.companyId ?? null, null, "a Tag may have no company (legacy)");
  const own = await Tag.create({ name: "urgent", companyId: acme.id });
  assert.equal(own.companyId, acme.id);
  await TicketTag.create({ companyId: acme.id, ticketId: ticket.id, tagId: own.id });
  const tagged = await Ticket.findByPk(ticket.id, {
    include: ["tags"],
    rejectOnEmpty: true,
  });
  assert.deepEqual(
    (tagged.tags ?? []).map((t) => t.name),
    ["urgent"],
    "Ticket.tags through a join table without foreign keys",
  );
  await TicketTag.create({ companyId: acme.id, ticketId: 999999, tagId: own.id });

  await User.destroy({ where: { id: ana.id } });
  await ticket.reload();
  assert.equal(ticket.userId, null, "deleting a user sets Tickets.userId to NULL");
  assert.equal(await UserQueue.count(), 0, "and deletes its queue memberships");
  assert.equal(
    await TicketTag.count({ where: { ticketId: 999999 } }),
    1,
    "no foreign key: a TicketTag may point at no ticket (what W0605 says)",
  );
  return "legacy-helpdesk: string, uuid and composite keys, named constraints, Sequelize-filled timestamps";
});
