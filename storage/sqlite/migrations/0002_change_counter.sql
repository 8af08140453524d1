-- 0002: a change counter for live reload and immutable revisions.
--
-- Triggers bump data_changes.n on every insert, update or delete of a page
-- or section, whoever makes it (this process, another instance of the app,
-- the sqlite3 shell), so DB.DataChanged can be polled across processes.

CREATE TABLE data_changes (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n  INTEGER NOT NULL
);
INSERT INTO data_changes (id, n) VALUES (1, 0);

CREATE TRIGGER pages_changed_insert AFTER INSERT ON pages
BEGIN UPDATE data_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER pages_changed_update AFTER UPDATE ON pages
BEGIN UPDATE data_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER pages_changed_delete AFTER DELETE ON pages
BEGIN UPDATE data_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER sections_changed_insert AFTER INSERT ON sections
BEGIN UPDATE data_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER sections_changed_update AFTER UPDATE ON sections
BEGIN UPDATE data_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER sections_changed_delete AFTER DELETE ON sections
BEGIN UPDATE data_changes SET n = n + 1 WHERE id = 1; END;

-- Revisions are snapshots: they may go with their page, never change.
CREATE TRIGGER revisions_immutable BEFORE UPDATE ON revisions
BEGIN SELECT RAISE(ABORT, 'revisions are immutable'); END;

