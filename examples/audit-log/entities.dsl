/// Audit log: who did what to which record, and when. Entries are append-only: the application
/// only inserts them, and only the retention job deletes them, by age.
schema audit {
  tenant    Company
  feature   "audit log"
  timestamp 20260207120000
}

/// What the actor did.
enum AuditAction { create update delete restore login logout export permission_change }

/// Who or what acted: a signed-in user, an API key, or the system itself (jobs, webhooks).
enum ActorKind { user api_key system }

/// A customer company: the tenant root.
entity Company global {
  name                string(255)
  /// Overrides the retention of every entity type for this company, in days; null keeps
  /// the global policies.
  auditRetentionDays  integer? check(30..3650)
}

/// Someone who signs in.
entity User {
  name          string(255)
  email         string(255) unique
  auditEntries  <- AuditEntry[] via actor
}

/// One audited event. Rows are never updated or soft deleted.
entity AuditEntry no_soft_delete {
  actorKind   ActorKind = user
  /// The user who acted; null for api keys and the system, and after the user is deleted.
  actor       -> User? on delete set null
  /// The actor's name and email when the entry was written, so the entry still reads well
  /// after the user is renamed or deleted.
  actorLabel  string(255)
  action      AuditAction
  /// The model of the changed record, like "Ticket"; "Session" for logins.
  entityType  string(100)
  /// The id of the changed record; null for events without one (login, export).
  entityId    integer?
  /// The changed attributes before the change; null for create.
  before      jsonb?
  /// The changed attributes after the change; null for delete.
  after       jsonb?
  /// The client's address as text, IPv4 or IPv6.
  ip          string(45)?
  userAgent   string(512)?
  /// Correlates the entries one HTTP request or job wrote.
  requestId   uuid?
  // A record's history, newest first.
  index(entityType, entityId, createdAt desc)
  // "What did this user do", newest first.
  index(actor, createdAt desc)
  // The retention job deletes by age; brin stays tiny on an insert-only, time-ordered table.
  index(createdAt) using brin
  // Only a user actor points at a user.
  check(sql "actor_kind = 'user' OR actor_id IS NULL")
}

/// How long entries are kept, per entity type; shared by every company.
entity RetentionPolicy global no_soft_delete {
  /// The entityType this policy applies to, or "*" for every type without its own policy.
  entityType     string(100) unique
  retentionDays  integer check(1..3650)
  /// Entries past retention are moved to cold storage before they are deleted.
  archive        boolean = false
  description    text?
}
