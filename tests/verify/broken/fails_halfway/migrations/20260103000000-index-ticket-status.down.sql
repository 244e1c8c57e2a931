DROP INDEX tickets_status_idx;
ALTER TABLE tickets DROP COLUMN closed_at;
