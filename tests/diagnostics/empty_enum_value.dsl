// expect: E0209
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
enum Priority { low "" high }
