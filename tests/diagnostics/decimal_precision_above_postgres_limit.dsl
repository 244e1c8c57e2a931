// expect: E0302
entity Ticket global {
  amount decimal(1001, 2)
}
