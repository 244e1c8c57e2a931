// expect: E0203
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
enum Status { open closed }
entity Status {
  name string(50)
}
