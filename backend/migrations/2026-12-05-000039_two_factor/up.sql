-- Two factors (issue 24, point 3): a TOTP (RFC 6238) secret per account that enrols, and
-- single-use recovery codes. `users.two_factor_at` says the factor is on (read with the
-- account on every request: roles that require it are held only with it); the secret stays in
-- its own table, read only to check a code.
ALTER TABLE users ADD COLUMN two_factor_at TIMESTAMPTZ;

CREATE TABLE two_factor_secrets (
    user_id     BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    -- 160 bits, as RFC 4226 recommends.
    secret      BYTEA NOT NULL CHECK (length(secret) = 20),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- The time step of the last code accepted: a code is accepted once (RFC 6238, 5.2).
    last_step   BIGINT
);

CREATE TABLE recovery_codes (
    id          BIGSERIAL PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- SHA-256 of a random code of 60 bits: fast to check, useless to steal.
    code_hash   BYTEA NOT NULL,
    used_at     TIMESTAMPTZ,
    UNIQUE (user_id, code_hash)
);
