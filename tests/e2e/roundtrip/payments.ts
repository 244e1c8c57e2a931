// Model round trip of examples/payments through the generated sequelize-typescript models
// (tests/e2e/run.sh copies this file next to the generated src/).
// Tenant: Company. Tenant-scoped uniques on paranoid entities: Customer.email (used here) and
// Customer.providerCustomerId. PaymentTransaction and Refund have no soft delete; their
// idempotencyKey is checked as a plain tenant-scoped unique.
import assert from "node:assert/strict";
import { ids, rejectsDuplicate, roundTrip } from "./lib/support";
import {
  Company,
  Customer,
  PaymentTransaction,
  Refund,
  models,
} from "./src/models";

roundTrip(models, async () => {
  const acme = await Company.create({
    name: "Acme",
    document: "12345678000190",
  });
  const globex = await Company.create({ name: "Globex" });

  // Rows of company Acme that reference each other.
  const buyer = await Customer.create({
    companyId: acme.id,
    name: "Bruna",
    email: "bruna@example.test",
    document: "12345678901",
  });
  const charge = await PaymentTransaction.create({
    companyId: acme.id,
    customerId: buyer.id,
    amount: "100.00",
    method: "pix",
    provider: "stripe",
    providerReference: "pi_1",
    idempotencyKey: "charge-1",
    metadata: { orderId: 7 },
  });
  assert.equal(
    charge.currency,
    "BRL",
    "PaymentTransaction.currency defaults to BRL",
  );
  assert.equal(charge.status, "pending");
  await charge.update({
    status: "captured",
    capturedAt: new Date(),
    refundedAmount: "10.00",
  });
  const refund = await Refund.create({
    companyId: acme.id,
    transactionId: charge.id,
    amount: "10.00",
    idempotencyKey: "refund-1",
  });
  assert.equal(refund.reason, "requested_by_customer");
  // The table's check: refunds can't exceed the charge.
  await assert.rejects(
    async () => {
      await charge.update({ refundedAmount: "100.01" });
    },
    { name: "SequelizeDatabaseError" },
    "refundedAmount above amount violates the check",
  );

  // Read back through the associations, two levels deep.
  const loaded = await Customer.findByPk(buyer.id, {
    include: [Company, { model: PaymentTransaction, include: [Refund] }],
  });
  assert.ok(loaded, "the customer reads back");
  assert.equal(loaded.company?.name, "Acme");
  assert.deepEqual(ids(loaded.transactions ?? []), [charge.id]);
  const tx = (loaded.transactions ?? [])[0];
  assert.equal(tx.amount, "100.00", "decimal comes back as a string");
  assert.equal(tx.refundedAmount, "10.00");
  assert.deepEqual(tx.metadata, { orderId: 7 });
  assert.deepEqual(ids(tx.refunds ?? []), [refund.id]);
  const loadedRefund = await Refund.findByPk(refund.id, {
    include: [PaymentTransaction],
  });
  assert.equal(loadedRefund?.transaction?.idempotencyKey, "charge-1");

  // PaymentTransaction.idempotencyKey is unique per company.
  const otherBuyer = await Customer.create({
    companyId: globex.id,
    name: "Caio",
  });
  await PaymentTransaction.create({
    companyId: globex.id,
    customerId: otherBuyer.id,
    amount: "5.00",
    method: "card",
    provider: "pagarme",
    idempotencyKey: "charge-1",
  });
  await rejectsDuplicate("one idempotency key twice in one company", () =>
    PaymentTransaction.create({
      companyId: acme.id,
      customerId: buyer.id,
      amount: "100.00",
      method: "pix",
      provider: "stripe",
      idempotencyKey: "charge-1",
    }),
  );

  // Customer.email is unique per company among customers that are not soft deleted.
  const sameEmail = { name: "Bruna S", email: "bruna@example.test" };
  const atGlobex = await Customer.create({
    companyId: globex.id,
    ...sameEmail,
  });
  await rejectsDuplicate("the same email twice in one company", () =>
    Customer.create({ companyId: acme.id, ...sameEmail }),
  );
  await buyer.destroy();
  assert.deepEqual(
    ids(await Customer.findAll({ where: { companyId: acme.id } })),
    [],
  );
  const all = await Customer.findAll({
    where: { companyId: acme.id },
    paranoid: false,
  });
  assert.deepEqual(
    ids(all),
    [buyer.id],
    "paranoid: false shows the soft-deleted customer",
  );
  assert.ok(all[0].deletedAt instanceof Date);
  const again = await Customer.create({ companyId: acme.id, ...sameEmail });
  assert.deepEqual(
    ids(await Customer.findAll({ where: { email: sameEmail.email } })),
    ids([atGlobex, again]),
  );
  // The soft-deleted customer's transactions stay (money rows are never deleted).
  assert.equal(
    await PaymentTransaction.count({ where: { customerId: buyer.id } }),
    1,
  );

  return "ok: companies, customers, payment_transactions, refunds";
});
