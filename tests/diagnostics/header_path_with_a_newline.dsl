// expect: E0207
schema s { tenant Company  migrations "db\nmigrations" }
entity Company global { name text }
