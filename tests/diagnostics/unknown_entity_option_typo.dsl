// expect: E0208
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Setting globl {
  key string(100)
}
