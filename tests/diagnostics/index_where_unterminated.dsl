// expect: E0103
entity Ticket global {
  subject string(255)
  index(subject) where sql "subject <> ''
}
