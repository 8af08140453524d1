-- 0009: a trash for pages. pages.deleted_at is set when a page is moved to
-- the trash (RFC 3339 UTC, as the other times) and cleared when it is
-- restored; the finders skip trashed pages, EmptyTrash deletes them for
-- good. A trashed page keeps its slug until then.
ALTER TABLE pages ADD COLUMN deleted_at TEXT;
