// expect: E0512
schema app { tenant Company }

enum Status { open closed }

entity Company global { name string(100) }

entity Contact {
  email   string(255) = "x" name "contacts_email_default"
  phone   string(20) name "contacts_phone"
  status  Status name "contacts_status_check" = open
  owner   -> Company? name "contacts_owner_fkey" on delete set null name "fk_owner"
}
