// expect: E0503
entity Ticket global table "チケットチケットチケットチケットチケットチケットチケット" {
  subject string(255)
}
