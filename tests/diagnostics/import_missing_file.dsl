// expect: E0141
import "does-not-exist.dsl"

entity Ticket global {
  subject string(255)
}
