// expect: E0305
schema app { tenant Company }

entity Company global { name string(100) }

entity Contact { token uuid = sql "  " }
