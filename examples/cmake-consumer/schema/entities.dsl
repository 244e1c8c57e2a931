import "billing.dsl"

/// A small help desk whose billing entities live in their own file.
schema helpdesk {
  tenant    Company
  feature   "helpdesk"
  timestamp 20260301090000
}

/// A customer company: the tenant root.
entity Company global {
  name  string(255)
}

/// A request for help from a customer.
entity Ticket {
  title    string(200)
  invoice  -> Invoice? on delete set null
}
