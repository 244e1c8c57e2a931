// expect: E0104
schema {
  tenant Company
}
entity Company global { name string(255) }
