-- 0002: every section has a version, 1 when made and one more at every
-- change of its heading, body or kind, so that a save made from an older
-- version (another person saved in between) is refused instead of
-- overwriting theirs.
ALTER TABLE sections ADD COLUMN version bigint NOT NULL DEFAULT 1 CHECK (version > 0);
