// expect: E0103
entity Ticket global {
  code string(10) check(match "^[A-Z]+$)
}
