-- Broken on purpose: the second statement references a table nobody created. The first one
-- must not survive: verify applies each file in one transaction.
CREATE TABLE label_names (id serial PRIMARY KEY, name text NOT NULL);
ALTER TABLE tickets ADD COLUMN label_id integer REFERENCES labels (id);
