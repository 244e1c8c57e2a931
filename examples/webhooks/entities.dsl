/// Outgoing webhooks: companies register HTTPS endpoints, and a worker POSTs signed events to
/// them, retrying failed deliveries with back-off.
schema webhooks {
  tenant    Company
  feature   "webhooks"
  timestamp 20260203143000
}

/// Where a delivery stands. A failed attempt that will be retried goes back to pending with a
/// later nextRetryAt; after the last attempt it ends as failed.
enum DeliveryStatus { pending sending succeeded failed }

/// A customer company: the tenant root.
entity Company global {
  name    string(255)
  active  boolean = true
}

/// A URL a company registered to receive events.
entity WebhookEndpoint {
  /// Receiver URL. The application accepts plain http only for local development hosts.
  url            string(2048) check(match "^https?://")
  description    string(255)?
  /// HMAC-SHA256 signing secret, encrypted by the application before it is stored.
  secret         string(255)
  enabled        boolean = true
  /// Event types to send, as a JSON array like ["ticket.created", "ticket.*"]; [] sends all.
  events         jsonb = "[]" index(gin)
  /// Payload format version pinned when the endpoint was created.
  apiVersion     string(20) = "2026-01-01"
  /// Consecutive failed deliveries; the endpoint is disabled when it reaches the limit.
  failureCount   integer = 0 check(0..)
  disabledAt     datetime?
  lastSuccessAt  datetime?
  deliveries     <- WebhookDelivery[]
}

/// One event sent (or to be sent) to one endpoint, with the outcome of its latest attempt.
/// Kept for 30 days by a cleanup job; never soft deleted.
entity WebhookDelivery no_soft_delete {
  endpoint       -> WebhookEndpoint on delete cascade
  /// Sent as the X-Webhook-Id header; the receiver uses it to drop duplicates.
  eventId        uuid = uuid()
  eventType      string(100)
  payload        jsonb
  status         DeliveryStatus = pending
  attempts       smallint = 0 check(0..20)
  /// When the retry worker picks the delivery up next; null once it is final.
  nextRetryAt    datetime? = now()
  lastAttemptAt  datetime?
  /// HTTP status of the last attempt; null when the request got no response (timeout, DNS).
  responseCode   smallint? check(100..599)
  /// The first 64 KiB of the last response body, for the delivery log.
  responseBody   text? check(length ..65536)
  /// Duration of the last attempt in milliseconds.
  durationMs     integer? check(0..)
  /// Error of the last attempt when there was no HTTP response, like "ETIMEDOUT".
  errorMessage   string(500)?
  unique(endpoint, eventId)
  // The retry worker: SELECT ... WHERE status = 'pending' AND next_retry_at <= now()
  // ORDER BY next_retry_at FOR UPDATE SKIP LOCKED, across every company.
  index(nextRetryAt) where sql "status = 'pending'"
  // The delivery log of one endpoint, newest first.
  index(endpoint, createdAt desc)
  check(sql "status <> 'pending' OR next_retry_at IS NOT NULL")
}
