// expect: E0150
schema app { tenant Company }

entity Company global { name string(100) }

entity Contact { email string(255) unique name users_email_key }
