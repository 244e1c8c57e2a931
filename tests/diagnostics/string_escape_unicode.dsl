// expect: E0102
entity Ticket global {
  subject string(255) = "caf\u00e9"
}
