// expect: E0211
schema shop { tenant Company  timestamp 20260101000000 }
schema support { tenant Company }
entity Company global { name string(255) }
