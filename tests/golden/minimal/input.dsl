schema minimal {
  feature   "minimal"
  timestamp 20260101000000
}

entity Company global {
  name  string(255)
}

/// A note a company keeps.
entity Note {
  body  text
}
