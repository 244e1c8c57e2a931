// expect: E0302
entity Ticket global {
  subject string(10485761)
}
