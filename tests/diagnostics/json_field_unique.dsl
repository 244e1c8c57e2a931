// expect: E0309
schema s { timestamp 20260101000000 }
entity Company global { name string(255) }
entity Event { payload json unique }
