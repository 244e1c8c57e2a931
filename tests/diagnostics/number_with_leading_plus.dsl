// expect: E0123
entity Ticket global {
  priority integer = +1
}
