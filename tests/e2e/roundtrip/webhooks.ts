// Model round trip of examples/webhooks through the generated sequelize-typescript models
// (tests/e2e/run.sh copies this file next to the generated src/).
// Tenant: Company. This example has no tenant-scoped unique on a paranoid entity:
// WebhookEndpoint is paranoid but has no unique, and WebhookDelivery's unique(endpoint,
// eventId) is on an entity without soft delete. So the soft delete is checked on
// WebhookEndpoint alone, and the tenant-scoped unique on WebhookDelivery without one.
import assert from "node:assert/strict";
import { ids, rejectsDuplicate, roundTrip } from "./lib/support";
import {
  Company,
  WebhookDelivery,
  WebhookEndpoint,
  models,
} from "./src/models";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

roundTrip(models, async () => {
  const acme = await Company.create({ name: "Acme" });
  const globex = await Company.create({ name: "Globex", active: false });
  assert.equal(acme.active, true);

  // Rows of company Acme that reference each other.
  const endpoint = await WebhookEndpoint.create({
    companyId: acme.id,
    url: "https://hooks.acme.test/in",
    secret: "s3cret",
    events: ["ticket.created"],
  });
  assert.equal(endpoint.enabled, true);
  assert.equal(endpoint.apiVersion, "2026-01-01");
  assert.equal(endpoint.failureCount, 0);
  await assert.rejects(
    async () => {
      await WebhookEndpoint.create({
        companyId: acme.id,
        url: "ftp://x",
        secret: "s",
      });
    },
    { name: "SequelizeValidationError" },
    "a non-http url is rejected by the model",
  );
  const delivery = await WebhookDelivery.create({
    companyId: acme.id,
    endpointId: endpoint.id,
    eventType: "ticket.created",
    payload: { id: 42 },
  });
  assert.match(
    delivery.eventId,
    uuid,
    "WebhookDelivery.eventId defaults to a UUID",
  );
  assert.ok(
    delivery.nextRetryAt instanceof Date,
    "nextRetryAt defaults to now",
  );
  assert.equal(delivery.status, "pending");
  await delivery.update({
    status: "succeeded",
    attempts: 1,
    responseCode: 200,
    durationMs: 85,
    nextRetryAt: null,
  });
  // The table's check: a pending delivery needs a retry time.
  await assert.rejects(
    async () => {
      await delivery.update({ status: "pending" });
    },
    { name: "SequelizeDatabaseError" },
    "a pending delivery without nextRetryAt violates the check",
  );

  // Read back through the associations.
  const loaded = await WebhookEndpoint.findByPk(endpoint.id, {
    include: [Company, WebhookDelivery],
  });
  assert.ok(loaded, "the endpoint reads back");
  assert.equal(loaded.company?.name, "Acme");
  assert.deepEqual(loaded.events, ["ticket.created"]);
  assert.deepEqual(ids(loaded.deliveries ?? []), [delivery.id]);
  const loadedDelivery = await WebhookDelivery.findByPk(delivery.id, {
    include: [WebhookEndpoint],
  });
  assert.equal(loadedDelivery?.endpoint?.url, "https://hooks.acme.test/in");
  assert.deepEqual(loadedDelivery?.payload, { id: 42 });
  assert.equal(loadedDelivery?.responseCode, 200);

  // (endpoint, eventId) is unique per company; the same event id on another company's
  // endpoint is fine.
  const other = await WebhookEndpoint.create({
    companyId: globex.id,
    url: "http://localhost:3000/hook",
    secret: "s",
  });
  await WebhookDelivery.create({
    companyId: globex.id,
    endpointId: other.id,
    eventId: delivery.eventId,
    eventType: "ticket.created",
    payload: {},
  });
  await rejectsDuplicate("one event id twice on one endpoint", () =>
    WebhookDelivery.create({
      companyId: acme.id,
      endpointId: endpoint.id,
      eventId: delivery.eventId,
      eventType: "ticket.created",
      payload: {},
    }),
  );

  // Soft delete of an endpoint: hidden from findAll, visible with paranoid: false, and its
  // deliveries stay.
  await endpoint.destroy();
  assert.deepEqual(
    ids(await WebhookEndpoint.findAll({ where: { companyId: acme.id } })),
    [],
  );
  const all = await WebhookEndpoint.findAll({
    where: { companyId: acme.id },
    paranoid: false,
  });
  assert.deepEqual(
    ids(all),
    [endpoint.id],
    "paranoid: false shows the soft-deleted endpoint",
  );
  assert.ok(all[0].deletedAt instanceof Date);
  assert.equal(
    await WebhookDelivery.count({ where: { endpointId: endpoint.id } }),
    1,
  );

  return "ok: companies, webhook_endpoints, webhook_deliveries";
});
