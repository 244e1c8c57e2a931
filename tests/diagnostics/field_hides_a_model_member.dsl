// expect: E0509
schema s { tenant Company }
entity Company global { name text }
entity Ticket {
  save boolean = false
  constructor text?
}
