// expect: E0144
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Ticket {
  code integer using "NULLIF(code, '')::integer"
}
