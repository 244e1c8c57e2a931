// expect: E0303
entity Ticket global {
  views bigint = 9223372036854775808
}
