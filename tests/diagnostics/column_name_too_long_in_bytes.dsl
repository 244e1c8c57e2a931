// expect: E0503
entity Ticket global {
  subject string(255) column "ééééééééééééééééééééééééééééééééé"
}
