// expect: E0501
entity ticket global {
  subject string(255)
}
