-- 0005: slugs become folder names on web roots that may ignore case and
-- normalise Unicode: "é" and "É", fullwidth "ｘ" and "x" name one folder.
-- slug_key is the slug under NFKC case folding (storage.SlugKey, computed
-- in Go: the store fills it for pages written before this migration) and
-- no two pages may share it.
ALTER TABLE pages ADD COLUMN slug_key TEXT;
CREATE UNIQUE INDEX pages_slug_key ON pages (slug_key);
