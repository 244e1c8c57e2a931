// expect: E0508
schema s { tenant Company }
entity Company global { name text }
entity Date { day text }
enum Model { a b }
