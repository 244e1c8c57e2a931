// expect: E0303
schema s { timestamp 20260101000000 }
entity Company global { name string(255) }
entity Invoice { sentAt datetime = "2026-02-30 10:00" }
