-- Sessions the server knows (issue 24, point 2): each sign-in is a row; its token names it
-- (`sid`), and a session ended here (by its owner, everywhere at once, or by an admin) refuses
-- its token on the next request. What is kept of the device is a summary of the user agent
-- ("Firefox, Linux"), never the whole string, and the address family, never the address.
CREATE TABLE sessions (
    id              BIGSERIAL PRIMARY KEY,
    user_id         BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    device          TEXT NOT NULL CHECK (length(device) <= 100),
    address_family  TEXT NOT NULL CHECK (address_family IN ('ipv4', 'ipv6')),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- The expiry of its latest token (moved when the session is extended).
    expires_at      TIMESTAMPTZ NOT NULL,
    ended_at        TIMESTAMPTZ
);
-- A person's sessions, newest first.
CREATE INDEX sessions_user_idx ON sessions (user_id, id DESC);
-- Housekeeping: sessions over (ended or expired) for a while are forgotten.
CREATE INDEX sessions_over_idx ON sessions (coalesce(ended_at, expires_at));
