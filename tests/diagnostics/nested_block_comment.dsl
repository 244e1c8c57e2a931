// expect: E0136
/* outer /* inner */ still outer? */
entity Ticket global {
  subject string(255)
}
