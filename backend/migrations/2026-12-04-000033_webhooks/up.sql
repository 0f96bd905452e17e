-- Webhooks (issue 23, point 1), per the Standard Webhooks specification.
--
-- An endpoint belongs to the app whose token registered it (holders of that token manage it),
-- or to the admins (`app_token_id` NULL). `event_types` empty means every type (the `*` of the
-- API). The signing secret is kept as given (it must sign); during a rotation the previous one
-- signs too until `previous_secret_until`.
CREATE TABLE webhook_endpoints (
    id bigserial PRIMARY KEY,
    app_token_id bigint REFERENCES api_tokens (id) ON DELETE CASCADE,
    created_by bigint REFERENCES users (id) ON DELETE SET NULL,
    url text NOT NULL CHECK (length(url) BETWEEN 10 AND 2000),
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 500),
    event_types text[] NOT NULL DEFAULT '{}',
    -- Only events about this record, when set (a forum, a commitment…: its kind and id).
    subject_kind text,
    subject_ref bigint,
    subject_key text,
    CHECK ((subject_kind IS NULL) = (subject_ref IS NULL) AND (subject_kind IS NULL) = (subject_key IS NULL)),
    secret text NOT NULL,
    previous_secret text,
    previous_secret_until timestamptz,
    enabled boolean NOT NULL DEFAULT true,
    -- Why it was turned off: `gone` (it answered 410), `failing` (five days of failures), `owner`.
    disabled_reason text CHECK (disabled_reason IN ('gone', 'failing', 'owner')),
    CHECK (enabled = (disabled_reason IS NULL)),
    -- Since when every delivery has failed (NULL: the last one succeeded).
    failing_since timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX webhook_endpoints_app_idx ON webhook_endpoints (app_token_id, id DESC);
CREATE INDEX webhook_endpoints_enabled_idx ON webhook_endpoints (id) WHERE enabled;

-- One message to one endpoint: built once (the same `webhook-id` and body on every attempt, so
-- that receivers can drop duplicates), then attempted until it succeeds or the schedule ends.
CREATE TABLE webhook_deliveries (
    id bigserial PRIMARY KEY,
    endpoint_id bigint NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    -- The event delivered (NULL for a test message).
    event_id bigint,
    event_type text NOT NULL,
    message_id text NOT NULL UNIQUE,
    body text NOT NULL,
    state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'succeeded', 'failed')),
    attempts integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (endpoint_id, event_id)
);

CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, id DESC);
CREATE INDEX webhook_deliveries_created_idx ON webhook_deliveries (created_at);

-- The delivery log: one row per attempt (kept 30 days, with its delivery).
CREATE TABLE webhook_attempts (
    id bigserial PRIMARY KEY,
    delivery_id bigint NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    endpoint_id bigint NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    at timestamptz NOT NULL DEFAULT now(),
    attempt integer NOT NULL,
    status_code integer,
    duration_ms integer NOT NULL,
    error text
);

CREATE INDEX webhook_attempts_endpoint_idx ON webhook_attempts (endpoint_id, id DESC);
CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id);
