// expect: E0303
schema s { timestamp 20260101000000 }
entity Company global { name string(255) }
entity Invoice { rate decimal(3, 2) = 100 }
