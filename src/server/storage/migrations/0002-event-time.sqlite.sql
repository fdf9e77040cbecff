-- Events get the time they happened, as epoch milliseconds: retention counts
-- from it, and PostgreSQL partitions events by it (0002-event-time.postgres.sql).
-- It comes from the event's own `at`, the same on every retry of a batch, so a
-- retried event is still the same row wherever it lands.
ALTER TABLE events ADD COLUMN occurred_at INTEGER NOT NULL DEFAULT 0;
UPDATE events SET occurred_at = CAST(round((julianday(at) - 2440587.5) * 86400000.0) AS INTEGER);
CREATE INDEX events_occurred_at ON events (occurred_at);
DROP INDEX events_received_at;
