// expect: E0503
entity Ticket global table "" {
  subject string(255)
}
