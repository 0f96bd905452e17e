-- Seats a forum keeps for a category of people (issue "forum cycle", part 3): some of its
-- `capacity`, for the officials of its commitments' institutions or for civil society. A
-- registration records whether it holds one of them, so that the counts of each kind of seat
-- are exact under the forum's lock, and a freed reserved seat goes to the first person waiting
-- who belongs to the category.
ALTER TABLE forums
    ADD COLUMN reserved_seats INT CHECK (reserved_seats > 0),
    ADD COLUMN reserved_for TEXT CHECK (reserved_for IN ('officials', 'civil_society')),
    ADD CONSTRAINT forums_reservation_whole CHECK ((reserved_seats IS NULL) = (reserved_for IS NULL)),
    ADD CONSTRAINT forums_reservation_within CHECK (reserved_seats IS NULL OR reserved_seats <= capacity);

ALTER TABLE registrations ADD COLUMN reserved BOOLEAN NOT NULL DEFAULT false;
