// expect: E0213
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Ticket soft_delete no_soft_delete {
  title string(255)
}
