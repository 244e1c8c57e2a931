schema shop {
  tenant    Company
  feature   "shop"
  timestamp 20260401100000
}

entity Company global {
  name  string(255)
}

entity Order no_soft_delete {
  number  string(20) = ""
  total   decimal(12, 2) = 0
}
