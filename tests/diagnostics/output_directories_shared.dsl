// expect: E0218
schema s {
  tenant Company
  models "out"
  docs   "out"
}
entity Company global { name text }
