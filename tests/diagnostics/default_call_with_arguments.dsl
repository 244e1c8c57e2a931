// expect: E0115
entity Ticket global {
  openedAt datetime = now(1)
}
