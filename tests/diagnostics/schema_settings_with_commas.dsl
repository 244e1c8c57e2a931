// expect: E0106
schema shop {
  tenant Company,
  naming snake_case
}
entity Company global { name string(255) }
