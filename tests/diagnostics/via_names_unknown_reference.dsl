// expect: E0405
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity User {
  name    string(255)
  tickets <- Ticket[] via asignee
}
entity Ticket {
  author   -> User
  assignee -> User?
}
