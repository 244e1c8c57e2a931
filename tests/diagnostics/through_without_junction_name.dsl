// expect: E0121
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity User {
  queues <-> Queue[] through
}
entity Queue {
  name string(100)
}
