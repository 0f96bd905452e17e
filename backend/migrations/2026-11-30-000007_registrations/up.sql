-- Registrations for a forum. With N seats (`forums.capacity`), the first N people are
-- `registered` and everyone after them `waitlisted`, in arrival order; a registration made while
-- the forum had free seats never waits. Each decision is taken with the forum's row locked
-- (`SELECT … FOR UPDATE`), so parallel requests for one forum queue and the count is exact.
-- Arrival order is `id`: for one forum, ids are drawn under that lock, so they follow the order
-- in which the decisions were taken (`created_at`, the transaction's start, may not).
-- A cancelled registration is kept (who came and went is the organisers' record); a person
-- has at most one active registration per forum. Private: only the person and the organisers
-- read them; the public change feed never shows them.
CREATE TABLE registrations (
    id            BIGSERIAL PRIMARY KEY,
    forum_id      BIGINT NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status        TEXT NOT NULL CHECK (status IN ('registered', 'waitlisted', 'cancelled')),
    -- Shown at the door (as text and QR code): unguessable, unique.
    code          TEXT NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9]{10}$'),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    promoted_at   TIMESTAMPTZ,
    cancelled_at  TIMESTAMPTZ,
    CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
);
CREATE UNIQUE INDEX registrations_active_key ON registrations (forum_id, user_id)
    WHERE status <> 'cancelled';
-- The counts, the waitlist's head and places, the organisers' list: in arrival order.
CREATE INDEX registrations_forum_idx ON registrations (forum_id, status, id);
-- A person's own registrations, newest first.
CREATE INDEX registrations_user_idx ON registrations (user_id, id DESC);
