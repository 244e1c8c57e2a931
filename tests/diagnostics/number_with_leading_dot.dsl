// expect: E0123
entity Ticket global {
  ratio double = .5
}
