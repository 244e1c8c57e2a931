// expect: E0216
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Customer {
  name string(255)
}
entity Contact was "Customer" {
  name string(255)
}
