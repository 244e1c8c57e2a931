/// A help desk first written for PostgreSQL 15: ON DELETE SET NULL (columns) in its native form.
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
  assignee  -> User? on delete set null
  parent    -> Ticket? on delete set null
}
