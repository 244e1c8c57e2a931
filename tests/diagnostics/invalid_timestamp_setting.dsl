// expect: E0207
schema shop {
  tenant    Company
  timestamp 202601150900
}
entity Company global { name string(255) }
