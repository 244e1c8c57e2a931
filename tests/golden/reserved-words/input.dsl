/// Names that are SQL keywords must be quoted in DDL.
schema reserved {
  feature   "reserved"
  timestamp 20260106000000
}

entity Company global {
  name  string(255)
}

entity Order {
  order  integer
  user   string(50)
  group  string(50)? column "Group"
  check(sql "\"order\" >= 0")
}
