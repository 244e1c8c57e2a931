// expect: E0505
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Person {
  name string(255)
}
entity People {
  name string(255)
}
