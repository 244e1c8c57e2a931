// expect: E0310
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Queue {
  name string(100)
}
entity Ticket {
  queue -> Queue using sql "queue::integer"
}
