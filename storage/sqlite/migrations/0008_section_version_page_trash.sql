-- 0008: optimistic concurrency and a trash.
--
-- sections.version counts the changes of a section's kind, heading and body
-- (1 when inserted), so a window can save "if nobody changed it since I
-- read version N" and two windows or processes never overwrite each
-- other's edits silently. Moving a section does not change its version.
--
-- pages.deleted_at is set when a page is moved to the trash (RFC 3339 UTC,
-- as the other times) and cleared when it is restored; the finders skip
-- trashed pages, EmptyTrash deletes them for good. A trashed page keeps its
-- slug until then.
ALTER TABLE sections ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0);
ALTER TABLE pages ADD COLUMN deleted_at TEXT;
