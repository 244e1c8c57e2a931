// expect: E0103
entity Ticket table "tickets {
  subject string(255)
}
