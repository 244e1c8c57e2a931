// expect: E0309
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Message {
  body text index(gin)
}
