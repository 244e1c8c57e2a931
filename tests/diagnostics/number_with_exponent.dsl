// expect: E0115
entity Ticket global {
  ratio double = 1e5
}
