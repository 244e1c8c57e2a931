// expect: E0401
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Queue {
  name string(100)
}
entity Plan global {
  name         string(100)
  defaultQueue -> Queue?
}
