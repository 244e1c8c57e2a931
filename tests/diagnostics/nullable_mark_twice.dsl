// expect: E0115
entity Ticket global {
  subject string(255)??
}
