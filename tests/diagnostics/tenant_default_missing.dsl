// expect: E0212
schema shop { timestamp 20260101000000 }
entity Ticket {
  title string(255)
}
