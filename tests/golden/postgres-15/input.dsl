/// The forms of PostgreSQL 15: ON DELETE SET NULL of the reference column alone, and
/// gen_random_uuid() from core, with no trigger and no extension (tests/golden/row-level-security
/// and all-types show the same for the default target, 12).
schema helpdesk {
  tenant    Company
  feature   "helpdesk"
  timestamp 20260101000000
  postgres  15
}

entity Company global {
  name  string(255)
}

entity User {
  name  string(100)
}

entity Ticket {
  title     string(255)
  publicId  uuid = uuid()
  assignee  -> User? on delete set null
}
