// expect: E0117
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Product {
  price decimal(10 2)
}
