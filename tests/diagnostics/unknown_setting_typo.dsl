// expect: E0206
schema shop {
  tenent    Company
  timestamp 20260101000000
}
entity Company global { name string(255) }
