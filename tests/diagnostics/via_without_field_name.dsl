// expect: E0122
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Contact {
  tickets <- Ticket[] via
}
entity Ticket {
  contact -> Contact
}
