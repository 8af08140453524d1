-- 0007: a trash for pages, as SQLite's 0009. deleted_at is set when a page
-- is moved to the trash and cleared when it is restored; the finders skip
-- trashed pages and EmptyTrash deletes them for good.
ALTER TABLE pages ADD COLUMN deleted_at timestamptz;
