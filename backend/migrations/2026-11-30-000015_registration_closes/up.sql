-- An optional closing time for registrations (before the forum begins).
ALTER TABLE forums ADD COLUMN registration_closes_at TIMESTAMPTZ;
