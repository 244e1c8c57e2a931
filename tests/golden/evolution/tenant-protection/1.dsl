/// Help desk before PostgreSQL enforced tenant isolation: plain references, no row-level
/// security (a database created by an older schemagen, or by hand).
schema helpdesk {
  tenant    Company
  feature   "helpdesk"
  timestamp 20260101000000
  same_tenant_references false
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
