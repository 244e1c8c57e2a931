// expect: E0102
entity Ticket global {
  subject string(255) = "a\0b"
}
