-- The organization as the console shows it, kept for offline reading: its name, plan,
-- user-management experience, and domains. Timestamps are Unix ms.
CREATE TABLE organization (
    org_id             TEXT PRIMARY KEY NOT NULL,
    name               TEXT NOT NULL,
    plan               TEXT,
    two_step_enforced  INTEGER CHECK (two_step_enforced IN (0, 1)),
    -- `centralized`, `original`, or NULL when the backend does not say.
    experience         TEXT,
    refreshed_at       INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE domains (
    domain_id     TEXT PRIMARY KEY NOT NULL,
    name          TEXT NOT NULL,
    verified      INTEGER NOT NULL CHECK (verified IN (0, 1)),
    -- How the organization proves the domain is theirs: `dns`, `http`, ...
    claim_method  TEXT,
    position      INTEGER NOT NULL
) WITHOUT ROWID;
