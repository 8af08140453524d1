-- 0005: the review flow. Steps (submit, approve, reject) are kept in
-- reviews, each with the approval hash of the page at the time; comments sit
-- on sections; settings hold the flow's options; pages remember who last
-- edited them (for "the approver must be another person").

ALTER TABLE pages ADD COLUMN edited_by TEXT NOT NULL DEFAULT '';

CREATE TABLE reviews (
	id              INTEGER PRIMARY KEY,
	page_id         TEXT NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
	action          TEXT NOT NULL CHECK (action IN ('submit', 'approve', 'reject')),
	person          TEXT NOT NULL DEFAULT '',
	note            TEXT NOT NULL DEFAULT '',
	hash            TEXT NOT NULL,
	revision_number INTEGER NOT NULL DEFAULT 0,
	at              TEXT NOT NULL
);
CREATE INDEX reviews_page ON reviews (page_id, id);

-- A comment outlives its section (section_id becomes NULL) but goes with
-- its page.
CREATE TABLE comments (
	id          INTEGER PRIMARY KEY,
	page_id     TEXT NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
	section_id  TEXT REFERENCES sections (id) ON DELETE SET NULL,
	author      TEXT NOT NULL DEFAULT '',
	text        TEXT NOT NULL CHECK (text <> ''),
	at          TEXT NOT NULL,
	resolved_by TEXT NOT NULL DEFAULT '',
	resolved_at TEXT
);
CREATE INDEX comments_page ON comments (page_id, id);

CREATE TABLE settings (
	key   TEXT PRIMARY KEY NOT NULL,
	value TEXT NOT NULL
);

-- Any edit of a page's content returns it to draft, whoever makes it (the
-- window's autosave, the CLI, another process): an approval is for the
-- text that was reviewed. Publishing changes the status and the date
-- itself and is not an edit.
CREATE TRIGGER sections_edit_insert AFTER INSERT ON sections
BEGIN UPDATE pages SET status = 'draft' WHERE id = NEW.page_id AND status <> 'draft'; END;
CREATE TRIGGER sections_edit_delete AFTER DELETE ON sections
BEGIN UPDATE pages SET status = 'draft' WHERE id = OLD.page_id AND status <> 'draft'; END;
CREATE TRIGGER sections_edit_update AFTER UPDATE OF heading, body, kind, position ON sections
WHEN OLD.heading IS NOT NEW.heading OR OLD.body IS NOT NEW.body OR OLD.kind IS NOT NEW.kind
	OR OLD.position IS NOT NEW.position
BEGIN UPDATE pages SET status = 'draft' WHERE id = NEW.page_id AND status <> 'draft'; END;
CREATE TRIGGER pages_edit AFTER UPDATE OF title, lang, dir, numbering, date_style ON pages
WHEN NEW.status IS OLD.status AND NEW.status <> 'draft' AND (OLD.title IS NOT NEW.title
	OR OLD.lang IS NOT NEW.lang OR OLD.dir IS NOT NEW.dir OR OLD.numbering IS NOT NEW.numbering
	OR OLD.date_style IS NOT NEW.date_style)
BEGIN UPDATE pages SET status = 'draft' WHERE id = NEW.id; END;
