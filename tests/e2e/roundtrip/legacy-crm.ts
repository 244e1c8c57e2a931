// Model round trip of examples/legacy-crm through the generated sequelize-typescript models
// (tests/e2e/run.sh copies this file next to the generated src/). pascal_case naming:
// "Accounts", "companyId", and one column named by hand ("LEGACY_CODE").
// Tenant: Company. Tenant-scoped uniques on paranoid entities: Account.legacyCode (used here,
// through its "LEGACY_CODE" column), Contact.email, Contact.publicId, User.email.
// Account and Contact reference each other (Account.primaryContact, Contact.account).
import assert from "node:assert/strict";
import { ids, rejectsDuplicate, roundTrip } from "./lib/support";
import {
  Account,
  Activity,
  Company,
  Contact,
  Country,
  Deal,
  User,
  models,
} from "./src/models";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

roundTrip(models, async () => {
  const acme = await Company.create({ name: "Acme", slug: "acme" });
  const globex = await Company.create({ name: "Globex", slug: "globex" });
  await rejectsDuplicate("a second company with one slug", () =>
    Company.create({ name: "Acme again", slug: "acme" }),
  );
  const brazil = await Country.create({ code: "BR", name: "Brazil" });

  // Rows of company Acme that reference each other, the Account <-> Contact cycle included.
  const account = await Account.create({
    companyId: acme.id,
    name: "Initech",
    countryId: brazil.id,
    legacyCode: "L-0001",
  });
  const contact = await Contact.create({
    companyId: acme.id,
    firstName: "Peter",
    email: "peter@initech.test",
    accountId: account.id,
  });
  assert.match(contact.publicId, uuid, "Contact.publicId defaults to a UUID");
  await account.update({ primaryContactId: contact.id });
  const owner = await User.create({
    companyId: acme.id,
    name: "Sam",
    email: "sam@acme.test",
  });
  const deal = await Deal.create({
    companyId: acme.id,
    title: "Printers",
    amount: "1500.50",
    accountId: account.id,
    contactId: contact.id,
    ownerId: owner.id,
  });
  await Activity.create({
    companyId: acme.id,
    kind: "call",
    subject: "Intro call",
    dealId: deal.id,
    userId: owner.id,
  });

  // Read back through the associations.
  const loadedAccount = await Account.findByPk(account.id, {
    include: [
      Country,
      { model: Contact, as: "primaryContact" },
      { model: Contact, as: "contacts" },
      Deal,
    ],
  });
  assert.ok(loadedAccount, "the account reads back");
  assert.equal(loadedAccount.legacyCode, "L-0001");
  assert.equal(loadedAccount.country?.code, "BR");
  assert.equal(loadedAccount.primaryContact?.id, contact.id);
  assert.deepEqual(ids(loadedAccount.contacts ?? []), [contact.id]);
  assert.deepEqual(ids(loadedAccount.deals ?? []), [deal.id]);
  const loadedContact = await Contact.findByPk(contact.id, {
    include: [
      { model: Account, as: "account" },
      { model: Account, as: "primaryOf" },
    ],
  });
  assert.equal(loadedContact?.account?.name, "Initech");
  assert.equal(loadedContact?.primaryOf?.id, account.id);
  const loadedDeal = await Deal.findByPk(deal.id, {
    include: [Account, Contact, User, Activity],
  });
  assert.ok(loadedDeal, "the deal reads back");
  assert.equal(loadedDeal.amount, "1500.50", "decimal comes back as a string");
  assert.equal(loadedDeal.stage, "lead", "Deal.stage defaults to lead");
  assert.equal(loadedDeal.probability, 10, "Deal.probability defaults to 10");
  assert.match(
    loadedDeal.openedOn,
    /^\d{4}-\d{2}-\d{2}$/,
    "Deal.openedOn is a date",
  );
  assert.equal(loadedDeal.owner?.email, "sam@acme.test");
  assert.equal(loadedDeal.account?.id, account.id);
  assert.equal(loadedDeal.contact?.id, contact.id);
  assert.deepEqual(
    (loadedDeal.activities ?? []).map((a) => a.subject),
    ["Intro call"],
  );
  const withDeals = await User.findByPk(owner.id, { include: [Deal] });
  assert.deepEqual(ids(withDeals?.deals ?? []), [deal.id]);

  // Account.legacyCode is unique per company among accounts that are not soft deleted.
  const sameCode = { name: "Initrode", legacyCode: "L-0001" };
  const atGlobex = await Account.create({ companyId: globex.id, ...sameCode });
  await rejectsDuplicate("the same legacy code twice in one company", () =>
    Account.create({ companyId: acme.id, ...sameCode }),
  );
  await account.destroy();
  assert.deepEqual(
    ids(await Account.findAll({ where: { companyId: acme.id } })),
    [],
  );
  const all = await Account.findAll({
    where: { companyId: acme.id },
    paranoid: false,
  });
  assert.deepEqual(
    ids(all),
    [account.id],
    "paranoid: false shows the soft-deleted account",
  );
  assert.ok(all[0].deletedAt instanceof Date);
  const again = await Account.create({ companyId: acme.id, ...sameCode });
  assert.deepEqual(
    ids(await Account.findAll({ where: { legacyCode: "L-0001" } })),
    ids([atGlobex, again]),
  );

  // Contact.email the same way, on the other side of the cycle.
  await rejectsDuplicate("the same contact email twice in one company", () =>
    Contact.create({
      companyId: acme.id,
      firstName: "Pete",
      email: "peter@initech.test",
      accountId: again.id,
    }),
  );
  await contact.destroy();
  await Contact.create({
    companyId: acme.id,
    firstName: "Pete",
    email: "peter@initech.test",
    accountId: again.id,
  });

  return "ok: Companies, Countries, Users, Accounts, Contacts, Deals, DealActivities";
});
