-- Every change an admin made from Custodian to this connection's accounts, kept on this
-- computer: when, to which account, what, and how it ended. Times are Unix ms.
CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY,
    at              INTEGER NOT NULL,
    connection      TEXT NOT NULL,
    account_id      TEXT NOT NULL,
    account_name    TEXT NOT NULL,
    account_email   TEXT NOT NULL,
    -- The change's kind (`editProfile`, `deactivate`, ...) and its description.
    operation       TEXT NOT NULL,
    description     TEXT NOT NULL,
    -- The change as sent (JSON of custodian_core::changes::Change).
    change          TEXT NOT NULL,
    result          TEXT NOT NULL CHECK (result IN ('done', 'failed')),
    error_code      TEXT,
    message         TEXT,
    -- What changed on the account, as "Label: value" lines, before and after.
    before          TEXT,
    after           TEXT,
    -- Changes made together (one bulk action) share an id.
    bulk_id         TEXT
);

CREATE INDEX audit_log_by_time ON audit_log (at DESC);
CREATE INDEX audit_log_by_account ON audit_log (account_id, at DESC);
