-- What the account page shows beyond the list, read from the backend when the admin opens
-- an account: the admin's privileges over it, its recent devices, API tokens and two-step
-- verification state. Timestamps are Unix seconds, except refreshed_at (Unix ms).

-- When a deactivated account was deactivated, and when a pending deletion becomes final.
ALTER TABLE accounts ADD COLUMN deactivated_on INTEGER;
ALTER TABLE accounts ADD COLUMN deletion_date INTEGER;

-- One row per account whose page has been refreshed from the backend at least once.
CREATE TABLE account_details (
    account                      INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    refreshed_at                 INTEGER NOT NULL,
    -- `GET /users/{account_id}/manage` as the backend answered it (JSON), or NULL.
    privileges                   TEXT,
    two_step_enforced            INTEGER CHECK (two_step_enforced IN (0, 1)),
    two_step_excluded            INTEGER CHECK (two_step_excluded IN (0, 1)),
    -- Why a section could not be read, in the admin's words (a plan, a missing API); NULL
    -- when it was read.
    two_step_unavailable         TEXT,
    devices_unavailable          TEXT,
    api_tokens_unavailable       TEXT,
    -- When a password reset at next login was required, while it is pending.
    password_reset_requested_at  INTEGER
);

CREATE TABLE devices (
    account          INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    device_id        TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('browser', 'mobile')),
    name             TEXT NOT NULL,
    location         TEXT,
    ip_address       TEXT,
    last_active      INTEGER,
    -- `ending`: logged out, but a mobile app's session ends only by session_ends_at.
    session          TEXT NOT NULL CHECK (session IN ('active', 'ending', 'ended')),
    session_ends_at  INTEGER,
    PRIMARY KEY (account, device_id)
) WITHOUT ROWID;

CREATE TABLE api_tokens (
    account     INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    token_id    TEXT NOT NULL,
    label       TEXT NOT NULL,
    created_at  INTEGER,
    last_used   INTEGER,
    expires_at  INTEGER,
    PRIMARY KEY (account, token_id)
) WITHOUT ROWID;

-- The roles an account holds on each site, with the site as the admin knows it, from the
-- directory's role assignments. Written by a page refresh; a sync leaves it alone (its
-- listing carries no roles), and product_access says which sites are current.
CREATE TABLE site_roles (
    account       INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    site          TEXT NOT NULL,
    -- Role ids, comma-separated: `atlassian/user,atlassian/admin`.
    roles         TEXT NOT NULL,
    product_name  TEXT,
    site_url      TEXT,
    PRIMARY KEY (account, site)
) WITHOUT ROWID;
