/// Every column type, default and check the language has.
schema types {
  tenant    Company
  feature   "all types"
  timestamp 20260102030405
}

enum Level { low medium high "very-high" }

entity Company global {
  name  string(255) unique
}

/// One column of each type.
entity Sample {
  label        string(80) check(length 2..80)
  plainString  string
  alias        varchar(32)?
  body         text = "it's \"quoted\"\n"
  count        integer = -3 check(-10..10)
  shortCount   smallint = 7
  bigCount     bigint = 9007199254740993 check(0..)
  ratio        decimal(5, 2) = 1.5 check(..999.99)
  rawNumber    numeric?
  precise      double = 2.25
  rough        real?
  active       bool = true
  birthday     date = now()
  dueAt        datetime? = "2026-01-01 00:00:00+00"
  token        uuid = uuid()
  fixedId      uuid? = "123e4567-e89b-12d3-a456-426614174000"
  payload      json? = "{\"a\": [1, 2]}"
  attributes   jsonb = "{}" index(gin)
  level        Level = "very-high"
  code         string(10) unique check(match "^[A-Z]+$") check(length 3..10)
  ratioCheck   integer? check(sql "ratio_check IS NULL OR ratio_check > 0")
  check(sql "count <= big_count")
  index(level, dueAt desc) where sql "active"
  index(token) using hash
  unique(label, level)
}
