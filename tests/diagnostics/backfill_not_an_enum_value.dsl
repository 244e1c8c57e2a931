// expect: E0304
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
enum TicketStatus { open pending closed }
entity Ticket {
  status TicketStatus = open backfill opne
}
