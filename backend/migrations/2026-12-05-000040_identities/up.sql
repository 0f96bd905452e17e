-- Sign-in with ProConnect and FranceConnect (issue 24, point 1). An identity is an account's
-- link to a provider's subject (`sub`, stable per provider): it signs that account in. The
-- e-mail and, for ProConnect, the SIRET are what the provider said at the last sign-in.
-- `claimed_institution_id` is the institution whose SIREN the SIRET belongs to, until an admin
-- confirms the official (`PROCONNECT_TRUST_INSTITUTIONS` links at once instead).
CREATE TABLE identities (
    id                      BIGSERIAL PRIMARY KEY,
    user_id                 BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider                TEXT NOT NULL CHECK (provider IN ('proconnect', 'franceconnect')),
    subject                 TEXT NOT NULL,
    email                   TEXT NOT NULL,
    siret                   TEXT CHECK (siret ~ '^[0-9]{14}$'),
    claimed_institution_id  BIGINT REFERENCES institutions (id) ON DELETE SET NULL,
    -- An admin declined the claim to this institution: not claimed again.
    declined_institution_id BIGINT REFERENCES institutions (id) ON DELETE SET NULL,
    created_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (provider, subject),
    -- One identity per provider and account: a second would make "which one signs in" a guess.
    UNIQUE (user_id, provider)
);
CREATE INDEX identities_claims ON identities (claimed_institution_id) WHERE claimed_institution_id IS NOT NULL;

-- A session begun at a provider: which one, the ID token to end the provider's session with at
-- sign-out (`id_token_hint`), and whether the provider asserted a strong authentication (an
-- `acr` of `PROCONNECT_STRONG_ACR`), which stands for our second factor.
ALTER TABLE sessions
    ADD COLUMN provider TEXT,
    ADD COLUMN id_token TEXT,
    ADD COLUMN provider_second_factor BOOLEAN NOT NULL DEFAULT false;
