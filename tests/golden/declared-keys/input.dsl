/// Primary keys an existing database has: a varchar key from an external system, a uuid key
/// computed by the database, the composite key of a join table without an id, a one-to-one
/// extension table keyed by its owner, and the injected id under a name of its own.
schema legacy {
  tenant             Company
  naming             pascal_case
  feature            "declared keys"
  timestamp          20260301110000
  row_level_security true
}

entity Company global {
  name  string(255)
}

/// Users come from the identity provider, which gives their ids.
entity User {
  id      string(255) primary name "Users_pk"
  email   string(255) unique
  queues  <-> Queue[] through UserQueue
}

entity Queue {
  id     uuid = sql "md5(random()::text)::uuid"
  name   string(100)
  users  <-> User[] through UserQueue
  primary(id) name "Queues_pkey"
}

entity UserQueue no_soft_delete {
  user   -> User on delete cascade
  queue  -> Queue on delete cascade
  primary(user, queue)
}

entity Profile no_soft_delete {
  user  -> User primary on delete cascade
  bio   text?
}

entity Note {
  body    text
  author  -> User?
  primary(id) name "Notes_pk"
}
