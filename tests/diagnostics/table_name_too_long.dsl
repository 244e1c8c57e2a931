// expect: E0503
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Ticket table "tickets_of_the_customer_service_department_of_the_company_in_brazil" {
  title string(255)
}
