// expect: E0311
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Ticket {
  status string(20)
  index(status)
  index(status)
}
