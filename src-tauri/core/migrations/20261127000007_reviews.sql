-- Access reviews: a set of accounts the admin walks through, deciding for each whether it
-- keeps its access. Kept on this computer, online or offline; applying a review queues its
-- decisions in the outbox. Times are Unix ms.
CREATE TABLE reviews (
    -- Never reused: the outbox names the review its changes came from.
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    -- JSON of custodian_core::cache::AccountQuery: the search and filters it started from.
    query       TEXT NOT NULL,
    -- When its decisions were last queued in the outbox.
    applied_at  INTEGER
);

-- The accounts under review, in the order the list showed them when the review started.
-- Name and email are a snapshot, so the review stays as it was while syncs change the list.
CREATE TABLE review_items (
    review_id   INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    account_id  TEXT NOT NULL,
    name        TEXT NOT NULL,
    email       TEXT NOT NULL,
    -- JSON of custodian_core::review::Decision; NULL until decided.
    decision    TEXT,
    note        TEXT NOT NULL DEFAULT '',
    decided_at  INTEGER,
    -- JSON [outbox id]: the changes applying the decision queued; NULL until applied.
    change_ids  TEXT,
    PRIMARY KEY (review_id, position)
) WITHOUT ROWID;

CREATE INDEX review_items_by_account ON review_items (review_id, account_id);

-- What a review's queued changes became, read for its items' outcomes.
CREATE INDEX outbox_by_review ON outbox (review_id) WHERE review_id IS NOT NULL;
