-- Changes waiting to be sent to the directory, in the order the admin made them: made
-- offline, or interrupted. Each keeps the facts it touches as the admin saw them, so that
-- it is not applied over a change someone else made meanwhile. Times are Unix ms.
CREATE TABLE outbox (
    -- Never reused: a review or a panel that names a change by its id names only it.
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    -- Sent as the Idempotency-Key of the change's requests: a change sent again after an
    -- interruption is recognised as a repeat by a backend that keeps keys.
    key             TEXT NOT NULL UNIQUE,
    queued_at       INTEGER NOT NULL,
    account_id      TEXT NOT NULL,
    account_name    TEXT NOT NULL,
    account_email   TEXT NOT NULL,
    -- JSON of custodian_core::changes::Change.
    change          TEXT NOT NULL,
    -- JSON [{label, value}]: the facts the change touches, as the admin saw them.
    base            TEXT NOT NULL,
    -- A new photo's image, ready to upload.
    photo           BLOB,
    photo_type      TEXT,
    -- pending: waits its turn; sending: an attempt started and did not end (after a crash,
    -- it may or may not have reached the directory); conflict: the account changed
    -- meanwhile; failed: the directory refused; applied: done.
    state           TEXT NOT NULL
                    CHECK (state IN ('pending', 'sending', 'conflict', 'failed', 'applied')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    updated_at      INTEGER NOT NULL,
    error_code      TEXT,
    message         TEXT,
    -- JSON [{label, value}]: for a conflict, the same facts as the directory has them now.
    current         TEXT,
    -- The access review whose decision queued it, if any.
    review_id       INTEGER
);

CREATE INDEX outbox_open ON outbox (state, id);
CREATE INDEX outbox_by_account ON outbox (account_id, id);

ALTER TABLE audit_log ADD COLUMN outbox_id INTEGER;
