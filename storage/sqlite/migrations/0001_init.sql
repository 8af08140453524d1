-- 0001: the draft store. Times are RFC 3339 UTC text with nine fraction
-- digits (so they also sort as text); ids are UUIDv7 text.

CREATE TABLE pages (
	id           TEXT PRIMARY KEY NOT NULL,
	slug         TEXT NOT NULL UNIQUE,
	title        TEXT NOT NULL DEFAULT '',
	lang         TEXT NOT NULL,
	dir          TEXT NOT NULL CHECK (dir IN ('rtl', 'ltr')),
	numbering    TEXT NOT NULL CHECK (numbering IN ('ordinal', 'arabic-indic', 'western', 'none')),
	date_style   TEXT NOT NULL CHECK (date_style IN ('numeric', 'arabic-indic', 'long', 'hijri')),
	last_updated TEXT,           -- civil date YYYY-MM-DD, NULL when unknown
	status       TEXT NOT NULL CHECK (status IN ('draft', 'in-review', 'approved', 'published')),
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL
);

CREATE TABLE sections (
	id         TEXT PRIMARY KEY NOT NULL,
	page_id    TEXT NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
	position   INTEGER NOT NULL,
	kind       TEXT NOT NULL CHECK (kind IN ('intro', 'numbered', 'closing')),
	heading    TEXT NOT NULL DEFAULT '',
	body       TEXT NOT NULL DEFAULT '',
	updated_at TEXT NOT NULL,
	UNIQUE (page_id, position)
);

CREATE TABLE revisions (
	id         TEXT PRIMARY KEY NOT NULL,
	page_id    TEXT NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
	number     INTEGER NOT NULL CHECK (number > 0),
	author     TEXT NOT NULL DEFAULT '',
	note       TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	hash       TEXT NOT NULL,
	content    TEXT NOT NULL CHECK (json_valid(content)),
	UNIQUE (page_id, number)
);

CREATE TABLE targets (
	name       TEXT PRIMARY KEY NOT NULL,
	kind       TEXT NOT NULL CHECK (kind IN ('dir', 'sftp')),
	location   TEXT NOT NULL,
	options    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(options)),
	created_at TEXT NOT NULL
);

-- Publications keep their history when a target is deleted (no foreign key
-- on target_name) but go with their page.
CREATE TABLE publications (
	id          INTEGER PRIMARY KEY,
	number      INTEGER NOT NULL CHECK (number > 0),
	page_id     TEXT NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
	slug        TEXT NOT NULL,
	target_name TEXT NOT NULL,
	revision_id TEXT REFERENCES revisions (id) ON DELETE SET NULL,
	hash        TEXT NOT NULL,
	author      TEXT NOT NULL DEFAULT '',
	note        TEXT NOT NULL DEFAULT '',
	at          TEXT NOT NULL,
	body        BLOB NOT NULL,
	UNIQUE (page_id, target_name, number)
);

CREATE INDEX publications_target ON publications (target_name, id);
CREATE INDEX publications_revision ON publications (revision_id);
