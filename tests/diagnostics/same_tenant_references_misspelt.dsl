// expect: E0206
schema s {
  tenant                 Company
  timestamp              20260101000000
  same_tenant_reference  false
}

entity Company global { name string(255) }
entity Contact { name string(255) }
