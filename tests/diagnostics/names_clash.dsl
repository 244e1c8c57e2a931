// expect: E0514
schema app { tenant Company }

entity Company global { name string(100) }

entity Contact no_soft_delete {
  email  string(255) unique name "contacts_email_key"
  phone  string(20) index name "contacts_email_key"
  score  integer check(0..5) name "score_check" check(1..4) name "score_check"
  index(score) name "companies"
}

entity Ticket {
  subject  string(200) check(length 1..200) name "score_check"
}
