// expect: E0130
entity Ticket global {
  priority integer
  check(sql priority > 0)
}
