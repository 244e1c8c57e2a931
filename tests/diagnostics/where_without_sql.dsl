// expect: E0135
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Ticket {
  closed boolean = false
  title string(255)
  index(title) where closed = false
}
