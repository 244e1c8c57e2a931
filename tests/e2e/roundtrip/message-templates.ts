// Model round trip of examples/message-templates through the generated sequelize-typescript
// models (tests/e2e/run.sh copies this file next to the generated src/).
// Tenant: Company. Tenant-scoped uniques on paranoid entities: MessageTemplate.name (used
// here) and User.email. TemplateVersion has no soft delete; its unique(template, version) is
// checked as a plain tenant-scoped unique.
import assert from "node:assert/strict";
import { ids, rejectsDuplicate, roundTrip } from "./lib/support";
import {
  Company,
  MessageTemplate,
  TemplateVersion,
  User,
  models,
} from "./src/models";

roundTrip(models, async () => {
  const acme = await Company.create({ name: "Acme" });
  const globex = await Company.create({ name: "Globex" });

  // Rows of company Acme that reference each other.
  const author = await User.create({
    companyId: acme.id,
    name: "Ana",
    email: "ana@acme.test",
  });
  const variables = [{ name: "customer_name", example: "Ana" }];
  const welcome = await MessageTemplate.create({
    companyId: acme.id,
    name: "welcome",
    body: "Hi {{1}}!",
    variables,
    createdById: author.id,
  });
  assert.equal(
    welcome.language,
    "pt_BR",
    "MessageTemplate.language defaults to pt_BR",
  );
  assert.equal(welcome.category, "utility");
  assert.equal(welcome.status, "draft");
  await assert.rejects(
    async () => {
      await MessageTemplate.create({
        companyId: acme.id,
        name: "Not Valid",
        body: "x",
      });
    },
    { name: "SequelizeValidationError" },
    "a template name outside [a-z0-9_] is rejected by the model",
  );
  const v1 = await TemplateVersion.create({
    companyId: acme.id,
    templateId: welcome.id,
    version: 1,
    body: "Hi {{1}}",
    approvalStatus: "rejected",
    rejectionReason: "missing punctuation",
    authorId: author.id,
  });
  const v2 = await TemplateVersion.create({
    companyId: acme.id,
    templateId: welcome.id,
    version: 2,
    body: "Hi {{1}}!",
    variables,
    authorId: author.id,
  });
  assert.deepEqual(
    v1.variables,
    [],
    "TemplateVersion.variables defaults to []",
  );
  // The table's check: a rejection needs a reason.
  await assert.rejects(
    async () => {
      await TemplateVersion.create({
        companyId: acme.id,
        templateId: welcome.id,
        version: 3,
        body: "x",
        approvalStatus: "rejected",
      });
    },
    { name: "SequelizeDatabaseError" },
    "a rejected version without a reason violates the check",
  );

  // Read back through the associations.
  const loaded = await MessageTemplate.findByPk(welcome.id, {
    include: [Company, User, TemplateVersion],
  });
  assert.ok(loaded, "the template reads back");
  assert.equal(loaded.company?.name, "Acme");
  assert.equal(loaded.createdBy?.email, "ana@acme.test");
  assert.deepEqual(ids(loaded.versions ?? []), ids([v1, v2]));
  assert.deepEqual(loaded.variables, variables);
  const version = await TemplateVersion.findByPk(v2.id, {
    include: [MessageTemplate, User],
  });
  assert.equal(version?.template?.name, "welcome");
  assert.equal(version?.author?.name, "Ana");

  // TemplateVersion: (template, version) is unique.
  await rejectsDuplicate("version 2 of one template twice", () =>
    TemplateVersion.create({
      companyId: acme.id,
      templateId: welcome.id,
      version: 2,
      body: "y",
    }),
  );

  // MessageTemplate.name is unique per company among templates that are not soft deleted.
  const sameName = { name: "welcome", body: "Hello {{1}}" };
  const atGlobex = await MessageTemplate.create({
    companyId: globex.id,
    ...sameName,
  });
  await rejectsDuplicate("the same template name twice in one company", () =>
    MessageTemplate.create({ companyId: acme.id, ...sameName }),
  );
  await welcome.destroy();
  assert.deepEqual(
    ids(await MessageTemplate.findAll({ where: { companyId: acme.id } })),
    [],
  );
  const all = await MessageTemplate.findAll({
    where: { companyId: acme.id },
    paranoid: false,
  });
  assert.deepEqual(
    ids(all),
    [welcome.id],
    "paranoid: false shows the soft-deleted template",
  );
  assert.ok(all[0].deletedAt instanceof Date);
  const again = await MessageTemplate.create({
    companyId: acme.id,
    ...sameName,
  });
  assert.deepEqual(
    ids(await MessageTemplate.findAll({ where: { name: "welcome" } })),
    ids([atGlobex, again]),
  );
  // Soft delete cascades nothing: the old template's versions stay.
  assert.equal(
    await TemplateVersion.count({ where: { templateId: welcome.id } }),
    2,
  );

  return "ok: companies, users, message_templates, template_versions";
});
