// expect: E0114
entity Ticket global {
  título string(255)
}
