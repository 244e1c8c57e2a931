// expect: E0207
schema shop {
  tenant     Company
  timestamp  20260101000000
  migrations "../db/migrations"
}
entity Company global { name string(255) }
