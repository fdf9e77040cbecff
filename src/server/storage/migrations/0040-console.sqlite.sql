-- The site owner's console: who may sign in and to which sites, their
-- sessions (token hashes only), what was done with each lead, and webhooks
-- with their delivery queue. Times are epoch milliseconds.

CREATE TABLE console_users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  password_changed_at INTEGER NOT NULL
);

CREATE TABLE console_user_sites (
  user_id TEXT NOT NULL,
  site TEXT NOT NULL,
  PRIMARY KEY (user_id, site)
) WITHOUT ROWID;

CREATE TABLE console_sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX console_sessions_user ON console_sessions (user_id);

CREATE TABLE console_lead_states (
  site TEXT NOT NULL,
  lead_id TEXT NOT NULL,
  seen_at INTEGER,
  handled_at INTEGER,
  handled_by TEXT,
  note TEXT,
  PRIMARY KEY (site, lead_id)
) WITHOUT ROWID;

-- A lead's status and note go with the lead, however it is deleted (erasure
-- by the visitor or in the console, retention purge): a note may name the person.
CREATE TRIGGER leads_forget_console_state AFTER DELETE ON leads
BEGIN
  DELETE FROM console_lead_states WHERE site = OLD.site AND lead_id = OLD.id;
END;

CREATE TABLE webhooks (
  site TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  format TEXT NOT NULL,
  events TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  secret TEXT NOT NULL,
  console_origin TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY,
  site TEXT NOT NULL,
  event TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  next_attempt_at INTEGER,
  lease_until INTEGER,
  last_attempt_at INTEGER,
  response_status INTEGER,
  error TEXT
) WITHOUT ROWID;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_site ON webhook_deliveries (site, created_at);
