// expect: E0103
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Queue {
  color string(7) = "#7c7c7c
}
