// expect: E0513
schema app { tenant Company }

entity Company global { name string(100) }

entity Contact {
  email  string(255) unique name "contacts_email_of_the_contact_unique_among_live_rows_of_one_company"
  phone  string(20) index name ""
}
