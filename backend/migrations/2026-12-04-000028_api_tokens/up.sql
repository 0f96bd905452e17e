-- API tokens: for a member's own scripts (`personal`) and for an organisation's app (`app`,
-- issued by an admin). Only a SHA-256 of the secret is kept: the token is shown once. A token
-- acts as its owner, narrowed to its scopes; deleting the owner deletes its tokens.
CREATE TABLE api_tokens (
    id bigserial PRIMARY KEY,
    owner_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('personal', 'app')),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    -- For app tokens: who to reach about the app (required for them, absent otherwise).
    contact text CHECK (contact IS NULL OR length(contact) BETWEEN 3 AND 200),
    CHECK ((kind = 'app') = (contact IS NOT NULL)),
    scopes text[] NOT NULL CHECK (cardinality(scopes) >= 1),
    -- The first characters of the secret, shown in lists so that owners recognise a token.
    prefix text NOT NULL,
    secret_hash bytea NOT NULL UNIQUE,
    created_by bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz,
    revoked_at timestamptz,
    last_used_at timestamptz,
    -- `ipv4` or `ipv6`: enough to tell a use apart without keeping an address.
    last_used_family text CHECK (last_used_family IN ('ipv4', 'ipv6'))
);

CREATE INDEX api_tokens_owner_idx ON api_tokens (owner_id, id DESC);
CREATE INDEX api_tokens_app_idx ON api_tokens (id DESC) WHERE kind = 'app';
