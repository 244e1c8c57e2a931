// expect: E0205
schema app { tenant Company }

entity Company global { name string(100) }

entity Ticket {
  createdAt  date
  deletedAt  datetime
}
