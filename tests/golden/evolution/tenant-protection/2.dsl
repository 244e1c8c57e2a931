/// Help desk adopting PostgreSQL-enforced isolation: same-tenant references (the default)
/// and row-level security, on tables that already hold rows.
schema helpdesk {
  tenant    Company
  feature   "helpdesk"
  timestamp 20260101000000
  row_level_security true
}

entity Company global {
  name  string(255)
}

entity User {
  name  string(100)
}

entity Contact {
  name     string(100)
  tickets  <- Ticket[]
}

entity Ticket {
  title     string(255)
  contact   -> Contact on delete cascade
  assignee  -> User?
  parent    -> Ticket?
}
