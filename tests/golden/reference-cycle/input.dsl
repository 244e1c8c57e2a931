schema cycle {
  feature   "cycle"
  timestamp 20260103000000
}

entity Company global {
  name  string(255)
}

/// Declared before the cycle and pointing into it: its key is never deferred.
entity Deal {
  account  -> Account on delete cascade
}

/// Declared first, but references Contact, which references it back.
entity Account {
  name            string(255)
  primaryContact  -> Contact? on delete set null
}

entity Contact {
  name     string(255)
  account  -> Account on delete cascade
  manager  -> Contact? on delete set null
}
