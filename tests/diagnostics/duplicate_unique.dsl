// expect: E0311
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity UserQueue no_soft_delete {
  userId  integer
  queueId integer
  unique(userId, queueId)
  unique(userId, queueId)
}
