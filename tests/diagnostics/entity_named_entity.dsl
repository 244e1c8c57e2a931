// expect: E0501
entity entity global {
  subject string(255)
}
