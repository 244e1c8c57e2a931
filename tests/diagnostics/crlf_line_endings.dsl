// expect: E0202
entity Ticket global {
  subject string(255)
  body tetx
}
