-- Broken on purpose: drops the column but forgets the index.
ALTER TABLE tickets DROP COLUMN closed_at;
