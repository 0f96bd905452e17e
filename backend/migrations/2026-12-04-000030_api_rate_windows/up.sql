-- The API's per-client budgets (auth::api_limit): one row per client and window, the number of
-- requests every instance has counted in it. Instances count in memory and add their counts here
-- in batches, so a read costs no write; the shared total keeps several instances within a few
-- percent of the budget. Unlogged: a budget need not survive a crash (it restarts full).
CREATE UNLOGGED TABLE api_rate_windows (
    -- A digest of the client (token, account or address bucket): no address is kept.
    key text NOT NULL,
    window_start bigint NOT NULL,
    count integer NOT NULL,
    PRIMARY KEY (key, window_start)
);
