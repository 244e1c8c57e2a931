// expect: E0207
schema s { tenant Company  models "src/./models" }
entity Company global { name text }
