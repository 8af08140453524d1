-- 0010: reviews and comments bump the change counter, as pages and
-- sections do (0002), so a window or preview on this file sees another
-- person's comment or approval as soon as it is made (PostgreSQL does the
-- same since its 0004).

CREATE TRIGGER reviews_changed_insert AFTER INSERT ON reviews
BEGIN UPDATE data_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER reviews_changed_update AFTER UPDATE ON reviews
BEGIN UPDATE data_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER reviews_changed_delete AFTER DELETE ON reviews
BEGIN UPDATE data_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER comments_changed_insert AFTER INSERT ON comments
BEGIN UPDATE data_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER comments_changed_update AFTER UPDATE ON comments
BEGIN UPDATE data_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER comments_changed_delete AFTER DELETE ON comments
BEGIN UPDATE data_changes SET n = n + 1 WHERE id = 1; END;
