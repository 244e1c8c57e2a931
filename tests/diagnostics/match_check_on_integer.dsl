// expect: E0306
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Ticket {
  code integer check(match "^[0-9]+$")
}
