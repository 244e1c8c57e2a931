// expect: E0504
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Contact {
  name     string(255)
  fullName string(255) column "name"
}
