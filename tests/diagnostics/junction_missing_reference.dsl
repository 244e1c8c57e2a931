// expect: E0406
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity User {
  name   string(255)
  queues <-> Queue[] through UserQueue
}
entity Queue {
  name string(100)
}
entity UserQueue no_soft_delete {
  user -> User on delete cascade
}
