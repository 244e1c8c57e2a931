/// Constraints and indexes under the names an existing database gave them.
schema legacy {
  tenant    Company
  naming    pascal_case
  feature   "explicit names"
  timestamp 20260301100000
}

enum ContactKind { person business }

entity Company global {
  name  string(255) unique name "Companies_name_key"
}

entity Contact {
  number  string(20) unique name "number_companyid_unique"
  email   string(255)? index name "idx_cont_email"
  kind    ContactKind name "contacts_kind_chk" = person
  age     integer? check(0..150) name "age_range"
  index(company) name "idx_cont_company_id"
}

entity Ticket no_soft_delete {
  contact  -> Contact on delete cascade name "fk_ticket_contact" index name "idx_ticket_contact"
  owner    -> Company? name "Tickets_owner_fk"
  subject  string(200) check(length 1..200) name "subject_length"
  unique(contact, subject) name "uq_ticket_subject"
  index(subject) using hash name "ix_ticket_subject"
  check(sql "char_length(\"subject\") > 0") name "subject_not_empty"
}
