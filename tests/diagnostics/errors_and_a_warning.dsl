// expect: E0206 W0602 E0304
schema shop {
  tenant  Company
  namimg  snake_case
}
enum Status { open closed }
entity Company global { name string(255) }
entity Ticket {
  status  Status = opened
  contact -> Contact
  index(contact)
}
entity Contact { name string(255) }
