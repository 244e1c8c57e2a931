// expect: E0213
schema shop {
  tenant    Company
  timestamp 20260101000000
  tenant    Organization
}
entity Company global { name string(255) }
