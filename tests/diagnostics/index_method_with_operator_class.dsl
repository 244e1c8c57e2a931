// expect: E0125
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Contact {
  extraInfo jsonb? index(gin jsonb_path_ops)
}
