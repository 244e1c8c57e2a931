// expect: E0127
entity Ticket global {
  priority integer check((((((((((0..5))))))))))
}
