-- Version 3.0.0's migration, which fails half-way on purpose: the first two statements change the table (on H2 the
-- ALTER TABLE is committed at once), the third refers to a table that does not exist. Plinth undoes the upgrade as a
-- whole: the data as before it, version 2.0.0 running.
ALTER TABLE notes ADD COLUMN tags VARCHAR(200);
UPDATE notes SET tags = 'untagged';
INSERT INTO notes_archive (id, title) SELECT id, title FROM notes;
