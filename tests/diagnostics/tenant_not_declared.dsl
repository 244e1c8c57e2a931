// expect: E0212
schema shop { tenant Compnay  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Ticket {
  title string(255)
}
