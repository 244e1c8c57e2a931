// expect: E0210
entity Ticket global {
  subject string(255)
  unique(subjet)
}
