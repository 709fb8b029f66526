-- The answers to changes sent with an `Idempotency-Key`, so that a retry of the same
-- request is answered again instead of applied again. Scoped to the caller who sent it;
-- rows older than a day are pruned and no longer answered.
CREATE TABLE idempotency_keys (
    key          TEXT NOT NULL,
    method       TEXT NOT NULL,
    -- The path with its query, as sent.
    path         TEXT NOT NULL,
    caller_id    TEXT NOT NULL,
    status       INTEGER NOT NULL,
    content_type TEXT,
    body         BLOB NOT NULL,
    -- Unix time in milliseconds.
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (key, method, path, caller_id)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
