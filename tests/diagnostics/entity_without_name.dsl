// expect: E0111
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity {
  title string(255)
}
