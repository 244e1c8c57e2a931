// expect: E0129
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity User {
  name string(255) check(length > 0)
}
