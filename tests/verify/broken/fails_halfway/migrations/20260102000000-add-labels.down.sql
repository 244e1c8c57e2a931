ALTER TABLE tickets DROP COLUMN label_id;
DROP TABLE label_names;
