// expect: E0207
schema s {
  tenant              Company
  timestamp           20260101000000
  row_level_security  true
  tenant_setting      "company; RESET ALL"
}

entity Company global { name string(255) }
entity Contact { name string(255) }
