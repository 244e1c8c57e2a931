// expect: E0515
schema app { tenant Company }

entity Company global { name string(100) }

entity Contact {
  code   string(20)? primary
  email  string(255) primary
  data   jsonb
  primary(data)
}

entity Tag {
  label  string(50)
  primary(label desc) name "tags_pk"
}

entity Flag {
  key  string(50)
  primary(key) using hash
}
