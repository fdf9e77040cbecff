-- Events get the time they happened (epoch ms, from the event's own `at`) and
-- are partitioned by month of it, so retention drops whole partitions instead
-- of deleting rows. PostgreSQL requires a partitioned table's keys to hold the
-- partition column, so the key is (site, id, occurred_at): a retried event has
-- the same `at`, so it still meets its first copy. The server creates the
-- monthly partitions ahead of time; events_default takes anything outside them.
CREATE TABLE events_partitioned (
  site text NOT NULL,
  id text NOT NULL,
  visitor_id text NOT NULL,
  consent_id text NOT NULL,
  type text NOT NULL,
  at text NOT NULL,
  ip_prefix text,
  received_at bigint NOT NULL,
  payload jsonb NOT NULL,
  occurred_at bigint NOT NULL,
  PRIMARY KEY (site, id, occurred_at)
) PARTITION BY RANGE (occurred_at);
CREATE TABLE events_default PARTITION OF events_partitioned DEFAULT;
INSERT INTO events_partitioned
  SELECT site, id, visitor_id, consent_id, type, at, ip_prefix, received_at, payload,
         (extract(epoch FROM at::timestamptz) * 1000)::bigint
  FROM events;
DROP TABLE events;
ALTER TABLE events_partitioned RENAME TO events;
ALTER TABLE events RENAME CONSTRAINT events_partitioned_pkey TO events_pkey;
CREATE INDEX events_visitor ON events (site, visitor_id);
CREATE INDEX events_consent ON events (site, consent_id);
CREATE INDEX events_occurred_at ON events (occurred_at);
