// expect: E0501
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity ticket {
  title string(255)
}
entity Message {
  ticket -> ticket on delete cascade
}
