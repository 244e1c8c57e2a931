// expect: E0125
entity Ticket global {
  payload jsonb index(gin
}
