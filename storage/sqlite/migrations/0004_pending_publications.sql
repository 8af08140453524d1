-- 0004: a publication is recorded as intended (its bytes, hash and the
-- record to store) before its file is renamed into place on the target,
-- and the row is deleted in the transaction that records it. A row left
-- over is a publish killed between the two: the next publish to the
-- target records it if the live file holds its bytes, else drops it.
CREATE TABLE pending_publications (
	id          INTEGER PRIMARY KEY,
	page_id     TEXT NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
	target_name TEXT NOT NULL,
	rel         TEXT NOT NULL,
	hash        TEXT NOT NULL,
	record      TEXT NOT NULL CHECK (json_valid(record)),
	body        BLOB NOT NULL,
	created_at  TEXT NOT NULL
);
CREATE INDEX pending_publications_target ON pending_publications (target_name);
