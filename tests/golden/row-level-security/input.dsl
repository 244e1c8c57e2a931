/// Tenant isolation enforced by PostgreSQL on an older naming scheme: quoted camelCase tenant
/// columns in the same-tenant keys and the policies, a custom tenant setting, a reference
/// cycle (its same-tenant keys added once both tables exist), a self-reference, a junction.
schema crm {
  naming             pascal_case
  tenant             Organization
  feature            "crm"
  timestamp          20260101000000
  row_level_security true
  tenant_setting     "crm.organization"
}

entity Organization global {
  name  string(255)
}

/// Lookup data shared by every organization: referenced with a plain key.
entity Country global no_soft_delete {
  code  string(2) unique
}

entity Person {
  fullName  string(255)
  manager   -> Person? on delete set null
  country   -> Country?
  /// The account this person is the main contact of.
  account   -> Account?
  tags      <-> Tag[] through PersonTag
}

entity Account {
  name     string(255) unique
  contact  -> Person on delete restrict
}

entity Tag {
  label   string(50) unique
  people  <-> Person[] through PersonTag
}

entity PersonTag no_soft_delete {
  person  -> Person on delete cascade
  tag     -> Tag on delete cascade
  unique(person, tag)
}
