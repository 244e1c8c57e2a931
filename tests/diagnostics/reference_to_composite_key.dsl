// expect: E0407
schema app { tenant Company }

entity Company global { name string(100) }

entity Membership no_soft_delete {
  userCode   string(50)
  queueCode  string(50)
  primary(userCode, queueCode)
}

entity Note { membership -> Membership }

entity Log allow "W0605" { membership -> Membership no_foreign_key }
