// expect: E0215
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Ticket was "Ticket" {
  title string(200)
}
