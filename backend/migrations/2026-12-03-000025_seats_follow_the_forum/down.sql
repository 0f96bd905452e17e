ALTER TABLE forums DROP CONSTRAINT forums_reserved_until_before_start, DROP COLUMN reserved_until;
