// expect: E0113
entity Ticket global {
  subject string(255);;
}
