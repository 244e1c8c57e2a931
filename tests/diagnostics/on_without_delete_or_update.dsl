// expect: E0132
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Ticket {
  contact -> Contact on remove cascade
}
entity Contact {
  name string(255)
}
