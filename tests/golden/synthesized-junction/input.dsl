schema tags {
  feature   "tags"
  timestamp 20260105000000
}

entity Company global {
  name  string(255)
}

entity Article {
  title  string(255)
  tags   <-> Tag[] through ArticleTag
  notes  <- Note[]
}

/// Tags are shared by every company.
entity Tag global {
  label  string(50) unique
}

entity Note {
  text     text
  article  -> Article on delete cascade
}
