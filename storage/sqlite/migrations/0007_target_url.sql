-- 0005: a target can name the public address of the pages published to it
-- ("https://example.com/{slug}/"), so the app can open the live page after
-- publishing. Empty when not known.
ALTER TABLE targets ADD COLUMN url TEXT NOT NULL DEFAULT '';
