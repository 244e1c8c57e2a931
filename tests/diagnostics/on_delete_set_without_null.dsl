// expect: E0133
entity Company global {
  name string(255)
}

entity Ticket global {
  owner -> Company on delete set
}
