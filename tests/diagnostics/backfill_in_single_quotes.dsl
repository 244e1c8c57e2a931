// expect: E0145
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Ticket {
  channel string(20) backfill 'email'
}
