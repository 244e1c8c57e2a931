// expect: E0102
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Contact {
  phone string(20) check(match "^\d+$")
}
