// expect: E0207
schema s { timestamp 20260230000000 }
entity Company global { name string(255) }
