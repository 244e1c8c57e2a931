// expect: E0307
entity Ticket global {
  priority integer check(10..1)
}
