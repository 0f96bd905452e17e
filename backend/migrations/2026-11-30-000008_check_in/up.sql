-- Check-in at the door: the attendance record. Organisers check a registered person in, by the
-- registration's code or from the list; who did it is kept. Only a registration with a seat is
-- checked in; a check-in stays when the registration is cancelled afterwards (the person came).
ALTER TABLE registrations
    ADD COLUMN checked_in_at TIMESTAMPTZ,
    ADD COLUMN checked_in_by BIGINT REFERENCES users (id) ON DELETE SET NULL;
