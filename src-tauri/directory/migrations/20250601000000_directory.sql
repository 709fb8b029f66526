-- The directory: one organization per database, its domains, directories, products,
-- and the accounts with everything an admin can see or change about them.

CREATE TABLE orgs (
    org_id            TEXT PRIMARY KEY,
    name              TEXT NOT NULL,
    plan              TEXT NOT NULL CHECK (plan IN ('free', 'standard', 'guard-standard')),
    two_step_enforced INTEGER NOT NULL,
    experience        TEXT NOT NULL CHECK (experience IN ('centralized', 'original'))
);

CREATE TABLE directories (
    directory_id TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES orgs (org_id),
    name         TEXT NOT NULL,
    position     INTEGER NOT NULL
);

CREATE TABLE domains (
    domain_id  TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES orgs (org_id),
    name       TEXT NOT NULL UNIQUE,
    claim_type TEXT NOT NULL CHECK (claim_type IN ('dns', 'http')),
    status     TEXT NOT NULL CHECK (status IN ('verified', 'unverified')),
    position   INTEGER NOT NULL
);

-- A product on a site; `resource_id` is the workspace ARI roles are granted on.
CREATE TABLE products (
    resource_id TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES orgs (org_id),
    product_key TEXT NOT NULL,
    name        TEXT NOT NULL,
    site_url    TEXT NOT NULL
);

-- `seq` is the stable order pages are cut in; cursors carry it, never an offset.
CREATE TABLE accounts (
    seq                      INTEGER PRIMARY KEY,
    account_id               TEXT NOT NULL UNIQUE,
    org_id                   TEXT NOT NULL REFERENCES orgs (org_id),
    directory_id             TEXT NOT NULL REFERENCES directories (directory_id),
    name                     TEXT NOT NULL,
    nickname                 TEXT NOT NULL,
    email                    TEXT NOT NULL UNIQUE COLLATE NOCASE,
    email_domain             TEXT NOT NULL COLLATE NOCASE,
    job_title                TEXT,
    department               TEXT,
    organization             TEXT,
    location                 TEXT,
    zoneinfo                 TEXT,
    locale                   TEXT,
    account_status           TEXT NOT NULL CHECK (account_status IN ('active', 'inactive', 'closed')),
    membership_status        TEXT NOT NULL CHECK (membership_status IN ('active', 'suspended', 'no_membership')),
    claim_status             TEXT NOT NULL CHECK (claim_status IN ('managed', 'unmanaged')),
    management_source        TEXT CHECK (management_source IN ('invited', 'synced')),
    external_directory       TEXT CHECK (external_directory IN ('scim', 'google')),
    mfa_enabled              INTEGER NOT NULL,
    export_blocked           INTEGER NOT NULL DEFAULT 0,
    is_org_admin             INTEGER NOT NULL DEFAULT 0,
    added_to_org             TEXT NOT NULL,
    deactivated_on           TEXT,
    deletion_due             TEXT,
    two_step_excluded        INTEGER NOT NULL DEFAULT 0,
    password_reset_requested TEXT,
    avatar_version           INTEGER NOT NULL DEFAULT 0,
    last_active              TEXT
);
CREATE INDEX accounts_by_domain ON accounts (email_domain);
CREATE INDEX accounts_by_nickname ON accounts (nickname, seq);

CREATE TABLE avatars (
    account_id   TEXT PRIMARY KEY REFERENCES accounts (account_id),
    content_type TEXT NOT NULL,
    bytes        BLOB NOT NULL
);

CREATE TABLE api_tokens (
    token_id    TEXT PRIMARY KEY,
    account_id  TEXT NOT NULL REFERENCES accounts (account_id),
    label       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    last_access TEXT,
    expiry      TEXT
);
CREATE INDEX api_tokens_by_account ON api_tokens (account_id);

-- A device with a session. `session_ends_at` NULL means the session is live; a time in
-- the future means a log-out is pending (mobile apps), in the past that it ended.
CREATE TABLE devices (
    device_id       TEXT PRIMARY KEY,
    account_id      TEXT NOT NULL REFERENCES accounts (account_id),
    kind            TEXT NOT NULL CHECK (kind IN ('browser', 'mobile')),
    name            TEXT NOT NULL,
    location        TEXT,
    ip              TEXT,
    last_active     TEXT NOT NULL,
    session_ends_at TEXT
);
CREATE INDEX devices_by_account ON devices (account_id);

CREATE TABLE product_roles (
    account_id  TEXT NOT NULL REFERENCES accounts (account_id),
    resource_id TEXT NOT NULL REFERENCES products (resource_id),
    role        TEXT NOT NULL,
    last_active TEXT,
    PRIMARY KEY (account_id, resource_id, role)
) WITHOUT ROWID;

CREATE TABLE events (
    seq         INTEGER PRIMARY KEY,
    event_id    TEXT NOT NULL UNIQUE,
    org_id      TEXT NOT NULL REFERENCES orgs (org_id),
    time        TEXT NOT NULL,
    action      TEXT NOT NULL,
    actor_id    TEXT NOT NULL,
    actor_name  TEXT NOT NULL,
    actor_email TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id   TEXT NOT NULL,
    target_name TEXT,
    ip          TEXT
);
