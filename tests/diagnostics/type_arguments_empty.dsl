// expect: E0116
entity Ticket global {
  subject string()
}
