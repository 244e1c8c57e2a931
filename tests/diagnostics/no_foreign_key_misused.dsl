// expect: E0310
schema app { tenant Company }

entity Company global { name string(100) }

entity Contact { name string(100) }

entity Ticket {
  code     string(20) no_foreign_key
  contact  -> Contact no_foreign_key on delete cascade
}
