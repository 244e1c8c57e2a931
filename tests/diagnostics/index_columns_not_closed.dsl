// expect: E0134
entity Ticket global {
  subject string(255)
  index(subject
}
