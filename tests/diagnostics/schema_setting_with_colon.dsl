// expect: E0107
schema shop {
  tenant: Company
}
entity Company global { name string(255) }
