-- Changes of one bulk action share an id in the audit trail, also when they wait in the
-- outbox first.
ALTER TABLE outbox ADD COLUMN bulk_id TEXT;
