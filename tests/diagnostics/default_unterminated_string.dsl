// expect: E0103
entity Ticket global {
  subject string(255) = "hello
}
