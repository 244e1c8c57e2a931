// expect: E0207
schema shop {
  tenant    Company
  naming    camelCase
  timestamp 20260101000000
}
entity Company global { name string(255) }
