/// In-app notifications: what happened, who must know, and how each user wants to hear about it.
/// Notification types are one catalogue shared by every company; notifications and preferences
/// belong to one company and one user.
schema notifications {
  tenant    Company
  naming    snake_case
  feature   "notifications"
  timestamp 20260201100000
}

/// How a notification reaches a user.
enum NotificationChannel { in_app email push sms }

/// How often a channel delivers: right away, or bundled into a digest.
enum DeliveryFrequency { immediate hourly daily never }

/// How urgent a notification is; clients sort and colour by it.
enum NotificationPriority { low normal high }

/// A customer company: the tenant root.
entity Company global {
  name    string(255)
  active  boolean = true
}

/// A person who signs in and receives notifications.
entity User {
  name           string(255)
  email          string(255) unique
  /// IANA time zone, like America/Sao_Paulo, used to schedule digests.
  timeZone       string(64) = "UTC"
  notifications  <- Notification[]
  preferences    <- NotificationPreference[]
}

/// The catalogue of things the product can notify about, shared by every company.
/// Code refers to rows by key; the row id is never hard-coded.
entity NotificationType global {
  /// Stable machine name, like "ticket.assigned".
  key              string(100) unique check(match "^[a-z]+(\\.[a-z_]+)+$")
  label            string(255)
  description      text?
  priority         NotificationPriority = normal
  /// Channels a user gets this type on until they change their preferences, as a JSON array.
  defaultChannels  jsonb = "[\"in_app\"]"
  /// A user can't opt out of mandatory types (security alerts, billing).
  mandatory        boolean = false
}

/// One notification for one user. Rows are pruned by a retention job, never soft deleted.
entity Notification no_soft_delete {
  user      -> User on delete cascade
  type      -> NotificationType on delete restrict
  title     string(255)
  body      text?
  /// Where the client navigates on click, relative to the app's root.
  link      string(2048)?
  /// Template variables and ids the client needs to render the notification.
  data      jsonb = "{}"
  priority  NotificationPriority = normal
  /// When the user read it; null while unread.
  readAt    datetime?
  // The badge counter and the unread list: a user's unread notifications, newest first.
  index(user, createdAt desc) where sql "read_at IS NULL"
  // The full inbox, read and unread, newest first.
  index(user, createdAt desc)
}

/// A user's choice for one notification type on one channel. No row means the type's
/// defaultChannels apply.
entity NotificationPreference no_soft_delete {
  user       -> User on delete cascade
  type       -> NotificationType on delete cascade
  channel    NotificationChannel
  enabled    boolean = true
  frequency  DeliveryFrequency = immediate
  /// Start of the quiet hours, in minutes after midnight in the user's time zone.
  quietFrom  smallint? check(0..1439)
  /// End of the quiet hours, in minutes after midnight; may be before quietFrom (overnight).
  quietTo    smallint? check(0..1439)
  unique(user, type, channel)
  check(sql "(quiet_from IS NULL) = (quiet_to IS NULL)")
}
