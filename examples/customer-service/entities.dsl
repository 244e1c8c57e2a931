/// Customer service ("atendimento"): companies serve their contacts through tickets that
/// agents pick up from queues.
schema atendimento {
  tenant             Company
  naming             snake_case
  feature            "atendimento"
  timestamp          20260115090000
  row_level_security true
}

/// Where a ticket stands in its lifecycle.
enum TicketStatus { open pending snoozed closed }

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
  /// Last activity in the app; the supervisor's "who is online" list sorts by it.
  lastSeenAt    datetime? index
  queues        <-> Queue[] through UserQueue
  tickets       <- Ticket[]
}

/// A line of work (sales, support...) that tickets are routed to.
entity Queue {
  name            string(100) unique
  color           string(7) = "#7c7c7c" check(match "^#[0-9a-f]{6}$")
  /// Sent to the contact when a ticket enters the queue.
  welcomeMessage  text? was greeting
  users           <-> User[] through UserQueue
}

/// Which agents serve which queue.
entity UserQueue no_soft_delete {
  user   -> User on delete cascade
  queue  -> Queue on delete cascade
  unique(user, queue)
}

/// A person who talks to the company.
entity Contact {
  name       string(255)
  /// Phone number in E.164 form.
  number     string(20) unique
  email      string(255)? index
  isGroup    boolean = false
  extraInfo  jsonb?
  tickets    <- Ticket[]
}

/// A conversation with a contact, handled by one agent in one queue.
entity Ticket {
  /// What the ticket is about; tickets opened before it existed say "(no subject)".
  subject         string(255) backfill "(no subject)"
  status          TicketStatus = open
  priority        integer = 0 check(0..5)
  unreadMessages  integer = 0 check(0..)
  lastMessage     text?
  contact         -> Contact on delete cascade
  user            -> User? on delete set null
  queue           -> Queue? on delete set null
  metadata        jsonb? index(gin)
  /// Hours until the ticket breaches its service-level agreement.
  sla             integer = 24 check(1..)
  messages        <- Message[]
  notes           <- TicketNote[]
  index(status, updatedAt desc)
  index(queueId, status) where sql "status <> 'closed'"
}

/// One message of a ticket's conversation.
entity Message {
  body       text
  direction  MessageDirection
  read       boolean = false
  /// Signed storage URLs outgrew 2048 characters.
  mediaUrl   string(4096)?
  sentAt     datetime = now()
  ticket     -> Ticket on delete cascade
  contact    -> Contact? on delete set null
  index(ticketId, sentAt)
}

/// An internal note an agent leaves on a ticket; the contact never sees it.
entity TicketNote {
  body    text check(length 1..)
  ticket  -> Ticket on delete cascade
  author  -> User? on delete set null
  index(ticketId, createdAt)
}

/// Per-company key/value configuration.
entity Setting {
  key    string(100) unique
  value  text
}
