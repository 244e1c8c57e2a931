// Model round trip of examples/customer-service through the generated sequelize-typescript
// models (tests/e2e/run.sh copies this file next to the generated src/).
// Tenant: Company. Tenant-scoped uniques on paranoid entities: Contact.number (used here),
// User.email, Queue.name, Setting.key. The models are those of the example's second version,
// migrated by the create migration plus the ALTER migrations of history/ -> entities.dsl:
// Ticket.subject (added NOT NULL with a backfill), Ticket.sla (default 24, check >= 1),
// TicketStatus "snoozed", Queue.welcomeMessage (renamed from greeting), User.lastSeenAt
// (indexed), Message.mediaUrl (widened to 4096) and the new TicketNote.
import assert from "node:assert/strict";
import { ids, rejectsDuplicate, roundTrip } from "./lib/support";
import {
  Company,
  Contact,
  Message,
  Queue,
  Ticket,
  TicketNote,
  User,
  UserQueue,
  models,
} from "./src/models";

roundTrip(models, async () => {
  const acme = await Company.create({
    name: "Acme",
    document: "12345678000190",
  });
  const globex = await Company.create({ name: "Globex" });
  assert.equal(acme.active, true, "Company.active defaults to true");

  // Rows of company Acme that reference each other.
  const agent = await User.create({
    companyId: acme.id,
    name: "Ana",
    email: "ana@acme.test",
    passwordHash: "x",
  });
  assert.equal(agent.profile, "agent", "User.profile defaults to agent");
  const support = await Queue.create({
    companyId: acme.id,
    name: "Support",
    welcomeMessage: "Hi! An agent will be with you shortly.",
  });
  await UserQueue.create({
    companyId: acme.id,
    userId: agent.id,
    queueId: support.id,
  });
  const contact = await Contact.create({
    companyId: acme.id,
    name: "Bruno",
    number: "+5511999990001",
  });
  const ticket = await Ticket.create({
    companyId: acme.id,
    subject: "Order #1234 never arrived",
    contactId: contact.id,
    userId: agent.id,
    queueId: support.id,
    metadata: { channel: "whatsapp" },
  });
  assert.equal(ticket.status, "open", "Ticket.status defaults to open");
  assert.equal(ticket.sla, 24, "Ticket.sla defaults to 24");
  // A URL longer than the 2048 characters of the first version fits since the widening.
  const mediaUrl = "https://media.example.test/" + "a".repeat(3000);
  await Message.create({
    companyId: acme.id,
    ticketId: ticket.id,
    contactId: contact.id,
    body: "Hello",
    direction: "inbound",
    mediaUrl,
  });
  await TicketNote.create({
    companyId: acme.id,
    ticketId: ticket.id,
    authorId: agent.id,
    body: "Carrier says it was delivered; asked the contact to check.",
  });

  // The second version's changes, as the database enforces them.
  await ticket.update({ status: "snoozed" });
  await Ticket.update({ sla: 8 }, { where: { id: ticket.id } });
  // validate: false skips the models' own checks, so that the database's constraints answer.
  await assert.rejects(
    async () => {
      await Ticket.update(
        { sla: 0 },
        { where: { id: ticket.id }, validate: false },
      );
    },
    /tickets_sla_check/,
    "the database's CHECK (sla >= 1) rejects 0",
  );
  await assert.rejects(
    async () => {
      await Ticket.update(
        { subject: null as unknown as string },
        { where: { id: ticket.id }, validate: false },
      );
    },
    /null value in column "subject"/,
    "tickets.subject is NOT NULL",
  );
  const lastSeenAt = new Date("2026-03-01T12:00:00Z");
  await agent.update({ lastSeenAt });

  // Read back through the associations.
  const loaded = await Ticket.findByPk(ticket.id, {
    include: [Company, Contact, User, Queue, Message, TicketNote],
  });
  assert.ok(loaded, "the ticket reads back");
  assert.equal(loaded.subject, "Order #1234 never arrived");
  assert.equal(loaded.status, "snoozed");
  assert.equal(loaded.sla, 8);
  assert.equal(
    loaded.queue?.welcomeMessage,
    "Hi! An agent will be with you shortly.",
  );
  assert.equal(loaded.messages?.[0]?.mediaUrl, mediaUrl);
  assert.deepEqual(
    (loaded.notes ?? []).map((n) => n.authorId),
    [agent.id],
    "Ticket.notes",
  );
  assert.equal(loaded.company?.name, "Acme");
  assert.equal(loaded.contact?.number, "+5511999990001");
  assert.equal(loaded.user?.email, "ana@acme.test");
  assert.equal(loaded.user?.lastSeenAt?.getTime(), lastSeenAt.getTime());
  assert.equal(loaded.queue?.name, "Support");
  assert.deepEqual(
    (loaded.messages ?? []).map((m) => m.body),
    ["Hello"],
  );
  assert.deepEqual(loaded.metadata, { channel: "whatsapp" });
  const withTickets = await Contact.findByPk(contact.id, { include: [Ticket] });
  assert.deepEqual(ids(withTickets?.tickets ?? []), [ticket.id]);
  const withQueues = await User.findByPk(agent.id, {
    include: [Queue, Ticket],
  });
  assert.deepEqual(
    ids(withQueues?.queues ?? []),
    [support.id],
    "User.queues through UserQueue",
  );
  assert.deepEqual(ids(withQueues?.tickets ?? []), [ticket.id]);
  const withUsers = await Queue.findByPk(support.id, { include: [User] });
  assert.deepEqual(
    ids(withUsers?.users ?? []),
    [agent.id],
    "Queue.users through UserQueue",
  );

  // Contact.number is unique per company among rows that are not soft deleted.
  const sameNumber = { name: "Someone else", number: "+5511999990001" };
  const atGlobex = await Contact.create({
    companyId: globex.id,
    ...sameNumber,
  });
  await rejectsDuplicate("the same number twice in one company", () =>
    Contact.create({ companyId: acme.id, ...sameNumber }),
  );

  // Soft delete: hidden from findAll, visible with paranoid: false, and its number is free.
  await contact.destroy();
  const visible = await Contact.findAll({ where: { companyId: acme.id } });
  assert.deepEqual(ids(visible), [], "a soft-deleted contact is hidden");
  const all = await Contact.findAll({
    where: { companyId: acme.id },
    paranoid: false,
  });
  assert.deepEqual(ids(all), [contact.id], "paranoid: false shows it");
  assert.ok(all[0].deletedAt instanceof Date, "deletedAt is set");
  const again = await Contact.create({ companyId: acme.id, ...sameNumber });
  assert.notEqual(again.id, contact.id);
  assert.deepEqual(
    ids(await Contact.findAll({ where: { number: sameNumber.number } })),
    ids([atGlobex, again]),
  );
  // The ticket still points at the soft-deleted contact: soft delete cascades nothing.
  assert.ok(await Ticket.findByPk(ticket.id));

  const note = await TicketNote.findOne({
    where: { ticketId: ticket.id },
    include: [Ticket, User],
  });
  assert.equal(note?.ticket?.id, ticket.id, "TicketNote.ticket");
  assert.equal(note?.author?.id, agent.id, "TicketNote.author");

  return "ok: companies, users, queues, user_queues, contacts, tickets, messages, ticket_notes";
});
