// expect: E0207
schema app { tenant Company  postgres 11 }

entity Company global { name string(100) }
