// expect: E0101
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
/* Tickets and their contacts.
entity Ticket {
  title string(255)
}
