DROP TRIGGER forums_ical_sequence ON forums;
DROP FUNCTION forums_ical_sequence();
ALTER TABLE forums DROP COLUMN ical_sequence;
ALTER TABLE forums DROP COLUMN format_version_id;
DROP TABLE format_versions;
DROP FUNCTION format_versions_frozen();
DROP TABLE formats;
