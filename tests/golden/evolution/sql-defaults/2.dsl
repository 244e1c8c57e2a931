schema shop {
  tenant    Company
  feature   "shop"
  timestamp 20260402100000
}

entity Company global {
  name  string(255)
}

entity Order no_soft_delete {
  number  string(20) = sql "''::character varying"
  total   decimal(12, 2) = 0
  code    uuid = sql "md5(random()::text)::uuid"
  placed  datetime backfill sql "created_at"
  seq     integer = sql "(1 + 2)"
}
