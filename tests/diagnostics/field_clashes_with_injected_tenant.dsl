// expect: E0205
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Ticket {
  companyId integer
  title   string(255)
}
