-- A large seed is written in several transactions; this row, written by the last one,
-- tells a complete seed from one cut short.
CREATE TABLE seed_complete (
    completed_at TEXT NOT NULL
);
