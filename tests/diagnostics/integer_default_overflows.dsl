// expect: E0303
entity Ticket global {
  priority integer = 99999999999999999999999999
}
