ALTER TABLE forums DROP COLUMN registration_closes_at;
