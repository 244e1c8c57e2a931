// expect: E0302
entity Ticket global {
  subject string(99999999999999999999999)
}
