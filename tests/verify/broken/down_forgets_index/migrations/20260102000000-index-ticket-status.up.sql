-- When a ticket was closed, and the status index the ticket list filters by.
ALTER TABLE tickets ADD COLUMN closed_at timestamptz;
CREATE INDEX tickets_status_idx ON tickets (status);
