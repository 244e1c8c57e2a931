// expect: E0117
entity Ticket global {
  subject string(255
}
