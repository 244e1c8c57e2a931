/// Help desk: the evolution cases' starting point.
schema helpdesk {
  tenant    Company
  feature   "helpdesk"
  timestamp 20260101000000
}

enum TicketStatus { open pending closed }

entity Company global {
  name  string(255)
}

/// A person who talks to the company.
entity Contact {
  name     string(100)
  number   string(20)
  score    integer?
  notes    text?
  tickets  <- Ticket[]
}

entity Ticket {
  title    string(255)
  status   TicketStatus = open
  code     text?
  legacy   string(50)?
  contact  -> Contact on delete cascade
  /// How urgent the ticket is, 0 to 5.
  priority integer = 0
}
