// expect: E0118
entity Company global {
  name string(255)
}

entity Ticket global {
  owner -> ?Company
}
