-- Profile photos, kept so the list and the account page show them offline: the 512 px
-- avatar and a small thumbnail for the list.
CREATE TABLE avatars (
    account       INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    content_type  TEXT NOT NULL,
    image         BLOB NOT NULL,
    thumbnail     BLOB NOT NULL,
    -- Unix ms; also what the UI appends to the avatar's address so a new photo shows.
    updated_at    INTEGER NOT NULL
);
