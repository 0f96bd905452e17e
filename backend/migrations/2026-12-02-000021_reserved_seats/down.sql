ALTER TABLE registrations DROP COLUMN reserved;
ALTER TABLE forums DROP CONSTRAINT forums_reservation_within, DROP CONSTRAINT forums_reservation_whole,
    DROP COLUMN reserved_for, DROP COLUMN reserved_seats;
