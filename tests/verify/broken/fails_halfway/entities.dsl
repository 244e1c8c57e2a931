/// A small help desk: what the broken verify cases start from.
schema helpdesk {
  tenant    Company
  feature   "helpdesk"
  timestamp 20260101000000
}

enum TicketStatus { open closed }

entity Company global { name string(255) }

entity Ticket {
  title     string(255) unique
  status    TicketStatus = open
  priority  integer = 0 check(0..5)
  closedAt  datetime?
  index(status)
}
