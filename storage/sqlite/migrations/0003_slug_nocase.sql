-- 0003: slugs become file names on the website, and "Privacy" and "privacy"
-- are the same file on case-insensitive file systems (Windows, macOS): refuse
-- a second page whose slug differs only in ASCII case.
CREATE UNIQUE INDEX pages_slug_nocase ON pages (slug COLLATE NOCASE);
