// expect: E0121
entity Tag {
  label string(50)
}

entity Ticket global {
  tags <-> Tag[] through
}
