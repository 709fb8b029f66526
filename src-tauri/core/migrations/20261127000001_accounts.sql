-- The local cache of one connection's managed accounts. Everything the admin reads comes
-- from here; a sync keeps it fresh. Timestamps are Unix seconds (UTC).

CREATE TABLE accounts (
    id                INTEGER PRIMARY KEY,
    account_id        TEXT NOT NULL UNIQUE,
    name              TEXT NOT NULL,
    public_name       TEXT,
    email             TEXT NOT NULL,
    -- The email's domain, lowercased, for the domain filter.
    domain            TEXT NOT NULL,
    job_title         TEXT,
    department        TEXT,
    organization      TEXT,
    location          TEXT,
    time_zone         TEXT,
    locale            TEXT,
    status            TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'deactivated', 'pendingDeletion')),
    managed_by        TEXT NOT NULL CHECK (managed_by IN ('invited', 'identityProvider', 'unknown')),
    two_step_enabled  INTEGER NOT NULL CHECK (two_step_enabled IN (0, 1)),
    last_active       INTEGER,
    added_to_org      INTEGER,
    -- When the backend last told us about this account, in Unix milliseconds: a full
    -- sync removes the accounts it did not refresh.
    refreshed_at      INTEGER NOT NULL
);

-- The text orders the account list is sorted in; id breaks ties so every order is total.
-- The other orders are derived in memory from these (see cache/index.rs), so they cost
-- nothing to keep while a sync writes.
CREATE INDEX accounts_by_name ON accounts (name COLLATE NOCASE, id);
CREATE INDEX accounts_by_email ON accounts (email COLLATE NOCASE, id);

CREATE TABLE product_access (
    account     INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    product        TEXT NOT NULL,
    site           TEXT NOT NULL,
    -- Known once the account's role assignments have been read.
    role           TEXT,
    last_active    INTEGER,
    PRIMARY KEY (account, product, site)
) WITHOUT ROWID;

CREATE INDEX product_access_by_product ON product_access (product, account);

-- Full-text search over what an admin types to find someone. detail=none: matching only,
-- no phrase or column queries, which keeps the index small. Prefix indexes up to 6
-- characters make what an admin types while typing cheap to match.
CREATE VIRTUAL TABLE accounts_search USING fts5 (
    name, public_name, email, job_title, department,
    content = 'accounts', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3 4 5 6',
    detail = none
);

CREATE TRIGGER accounts_search_insert AFTER INSERT ON accounts BEGIN
    INSERT INTO accounts_search (rowid, name, public_name, email, job_title, department)
    VALUES (new.id, new.name, new.public_name, new.email, new.job_title, new.department);
END;

CREATE TRIGGER accounts_search_delete AFTER DELETE ON accounts BEGIN
    INSERT INTO accounts_search (accounts_search, rowid, name, public_name, email, job_title, department)
    VALUES ('delete', old.id, old.name, old.public_name, old.email, old.job_title, old.department);
END;

CREATE TRIGGER accounts_search_update AFTER UPDATE ON accounts BEGIN
    INSERT INTO accounts_search (accounts_search, rowid, name, public_name, email, job_title, department)
    VALUES ('delete', old.id, old.name, old.public_name, old.email, old.job_title, old.department);
    INSERT INTO accounts_search (rowid, name, public_name, email, job_title, department)
    VALUES (new.id, new.name, new.public_name, new.email, new.job_title, new.department);
END;

-- What the last syncs did, one row per connection's organization.
CREATE TABLE sync_state (
    org_id                 TEXT PRIMARY KEY NOT NULL,
    -- Unix milliseconds of the last full sync that finished, of the last sync of any kind
    -- that finished (an incremental one reads the directory's events since then), and of
    -- the last attempt.
    last_full_sync         INTEGER,
    last_sync              INTEGER,
    last_attempt           INTEGER,
    -- Why the last attempt did not finish, in the admin's words, and its error code (the
    -- UI's ErrorCode: "offline" means the cache is all there is); NULL when it did.
    last_error             TEXT,
    last_error_code        TEXT
) WITHOUT ROWID;
