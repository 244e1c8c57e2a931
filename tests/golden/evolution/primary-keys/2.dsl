schema crm {
  tenant     Company
  feature    "crm"
  timestamp  20260502100000
}

entity Company global {
  name  string(255)
}

entity Tag no_soft_delete {
  label  string(50)
  primary(id) name "tags_pk"
}

entity Setting no_soft_delete {
  key    string(100)
  value  text
  primary(company, key)
}
