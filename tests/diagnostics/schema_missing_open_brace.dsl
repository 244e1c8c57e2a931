// expect: E0105
schema shop
  tenant Company
}
entity Company global { name string(255) }
