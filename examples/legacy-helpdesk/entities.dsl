/// The DSL twin of tests/fixtures/legacy-helpdesk: a helpdesk whose database grew for years
/// through hand-written sequelize-cli migrations, written so that schemagen creates exactly
/// that database, names included (tests/fixtures/compare.sh proves it).
schema legacy_helpdesk {
  tenant                 Company
  naming                 pascal_case
  soft_delete            false
  same_tenant_references false
  feature                "legacy helpdesk"
  timestamp              20260310090000
}

enum UserProfile { admin agent }

enum TicketStatus { open pending closed }

entity Company global {
  name       string(255) unique_index name "Companies_name_key"
  createdAt  datetime
  updatedAt  datetime
}

// Users come from the identity provider, which gives their ids.
entity User allow "W0606" {
  id            string(255) primary
  name          string(255)
  email         string(255)
  profile       UserProfile = agent
  createdAt     datetime
  updatedAt     datetime
  defaultQueue  -> Queue?
  login         string(100) unique global
  queues        <-> Queue[] through UserQueue
  unique(company, email) name "users_company_email_unique"
  index(company) name "idx_users_company"
}

// Queues got uuid keys when the chat gateway started creating them.
entity Queue {
  id          uuid = sql "md5(random()::text)::uuid"
  name        string(100) unique name "Queues_name_key"
  color       string(7) = ""
  supervisor  -> User?
  createdAt   datetime
  updatedAt   datetime
  users       <-> User[] through UserQueue
  primary(id)
}

// The join table never had an id.
entity UserQueue {
  user       -> User on delete cascade
  queue      -> Queue on delete cascade
  createdAt  datetime
  updatedAt  datetime
  primary(user, queue)
}

entity Contact {
  name       string(255)
  number     string(20) unique name "number_companyid_unique"
  email      string(255)? index name "idx_cont_email"
  createdAt  datetime
  updatedAt  datetime
  index(company) name "idx_cont_company_id"
}

entity Ticket {
  contact         -> Contact on delete cascade name "fk_ticket_contact" index name "idx_ticket_contact"
  user            -> User?
  queue           -> Queue?
  status          TicketStatus = pending
  subject         string(200) = ""
  unreadMessages  integer = 0 check(0..) name "tickets_unread_not_negative"
  createdAt       datetime
  updatedAt       datetime
  tags            <-> Tag[] through TicketTag
  index(company, status, updatedAt desc) name "tickets_company_status"
}

// Tags started as shared by every company; companyId came later and was never required.
entity Tag allow "W0604" {
  name       string(50)
  color      string(7)?
  createdAt  datetime
  updatedAt  datetime
  company    -> Company?
  tickets    <-> Ticket[] through TicketTag
}

// The join table of tickets and tags: plain columns, no foreign keys, no id.
entity TicketTag allow "W0605" {
  ticket     -> Ticket no_foreign_key
  tag        -> Tag no_foreign_key
  createdAt  datetime
  updatedAt  datetime
  primary(ticket, tag)
}
