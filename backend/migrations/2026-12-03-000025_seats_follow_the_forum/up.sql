-- Seats follow the forum (issue 21): reserved seats are kept until a time of the forum's own,
-- or, when it names none, until registration closes or 48 hours before the start; unclaimed
-- ones then go back to the general pool (a job at that time gives them to the people waiting).
ALTER TABLE forums ADD COLUMN reserved_until TIMESTAMPTZ;
ALTER TABLE forums ADD CONSTRAINT forums_reserved_until_before_start
    CHECK (reserved_until IS NULL OR reserved_until <= starts_at);
