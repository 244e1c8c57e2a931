/// Back to PostgreSQL 15: native keys again, the triggers dropped; a rename of the table.
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

entity Issue was "Ticket" {
  title     string(255)
  assignee  -> User? on delete set null
  parent    -> Issue? on delete set null
  publicId  uuid = uuid()
}
