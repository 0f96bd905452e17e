ALTER TABLE registrations DROP COLUMN checked_in_by, DROP COLUMN checked_in_at;
