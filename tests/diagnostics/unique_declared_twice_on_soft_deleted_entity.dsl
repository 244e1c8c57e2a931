// expect: E0311
schema s { timestamp 20260101000000 }
entity Company global { name string(255) }
entity Contact {
  email string(255) unique
  unique(email)
}
