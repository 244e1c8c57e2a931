// expect: E0112
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Setting global, no_soft_delete {
  key string(100)
}
