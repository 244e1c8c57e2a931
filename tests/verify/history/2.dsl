/// Customer service ("atendimento"): companies serve their contacts through tickets that
/// agents pick up from queues.
schema atendimento {
  tenant    Company
  naming    snake_case
  feature   "atendimento"
  timestamp 20260115090000
}

/// Where a ticket stands in its lifecycle.
enum TicketStatus { open pending closed }

enum UserProfile { admin supervisor agent }

enum MessageDirection { inbound outbound }

/// A customer company: the tenant root. Every other table belongs to one.
entity Company global {
  name      string(255)
  /// Brazilian company registry number, digits only.
  document  string(14)? unique check(match "^[0-9]{14}$")
  active    boolean = true
}

/// An agent or supervisor who works tickets.
entity User {
  name          string(255) check(length 1..255)
  email         string(255) unique
  passwordHash  string(255)
  profile       UserProfile = agent
  lastSeenAt    datetime?
  queues        <-> Queue[] through UserQueue
  tickets       <- Ticket[]
}

/// A line of work (sales, support...) that tickets are routed to.
entity Queue {
  name      string(100) unique
  color     string(7) = "#7c7c7c" check(match "^#[0-9a-f]{6}$")
  greeting  text?
  weight    integer? index
  users     <-> User[] through UserQueue
}

/// Which agents serve which queue.
entity UserQueue no_soft_delete {
  user   -> User on delete cascade
  queue  -> Queue on delete cascade
  unique(user, queue)
}

/// A person who talks to the company.
entity Contact {
  fullName   string(255) was name
  /// Phone number in E.164 form.
  number     string(40) unique
  email      string(255)? index
  isGroup    boolean = false
  extraInfo  jsonb?
  tickets    <- Ticket[]
}

/// A conversation with a contact, handled by one agent in one queue.
entity Ticket {
  status          TicketStatus = open
  priority        integer = 0 check(0..5)
  unreadMessages  integer = 0 check(0..)
  lastMessage     text?
  contact         -> Contact on delete cascade
  user            -> User? on delete set null
  queue           -> Queue? on delete set null
  metadata        jsonb? index(gin)
  sla             integer = 24
  code            string(20) backfill "none"
  tags            <- Tag[]
  messages        <- Message[]
  index(status, updatedAt desc)
  index(queueId, status) where sql "status <> 'closed'"
}

/// One message of a ticket's conversation.
entity Message {
  body       text
  direction  MessageDirection
  read       boolean = false
  mediaUrl   string(2048)?
  sentAt     datetime = now()
  ticket     -> Ticket on delete cascade
  contact    -> Contact? on delete set null
  index(ticketId, sentAt)
}

/// Per-company key/value configuration.
entity Setting {
  key    string(100) unique
  value  text
}

/// A label on a ticket.
entity Tag {
  label   string(50)
  ticket  -> Ticket on delete cascade
}
