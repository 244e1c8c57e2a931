// expect: E0139
import

entity Ticket global {
  subject string(255)
}
