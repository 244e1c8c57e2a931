/// The same schema, now for PostgreSQL 12: each key becomes SET NULL with the trigger that keeps
/// company_id, and a new uuid() default needs pgcrypto.
schema helpdesk {
  tenant    Company
  feature   "helpdesk"
  timestamp 20260101000000
  postgres  12
}

entity Company global {
  name  string(255)
}

entity User {
  name  string(100)
}

entity Ticket {
  title     string(255)
  assignee  -> User? on delete set null
  parent    -> Ticket? on delete set null
  publicId  uuid = uuid()
}
