/// An older system: PascalCase plural tables, camelCase columns, everything quoted.
schema legacy {
  naming    pascal_case
  tenant    Company
  feature   "legacy"
  timestamp 20200101000000
}

enum DealStage { lead won lost }

entity Company global {
  name  string(255)
}

entity Person {
  fullName  string(255)
  email     string(255) unique
}

entity Deal table "Opportunities" {
  title       string(255)
  stage       DealStage = lead
  value       decimal(12, 2) = 0
  owner       -> Person? on delete set null
  legacyCode  string(20)? column "LEGACY_CODE" index
  index(stage, createdAt desc)
}
