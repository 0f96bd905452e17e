-- Sessions end when the password changes: tokens carry the version they were issued under
-- (claim `ver`), and a token whose version is no longer the account's is refused with 401.
ALTER TABLE users ADD COLUMN session_version INTEGER NOT NULL DEFAULT 0;
