-- The site owner's console: who may sign in and to which sites, their
-- sessions (token hashes only), what was done with each lead, and webhooks
-- with their delivery queue. Times are epoch milliseconds.

CREATE TABLE console_users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  password_changed_at BIGINT NOT NULL
);

CREATE TABLE console_user_sites (
  user_id TEXT NOT NULL,
  site TEXT NOT NULL,
  PRIMARY KEY (user_id, site)
);

CREATE TABLE console_sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL
);
CREATE INDEX console_sessions_user ON console_sessions (user_id);

CREATE TABLE console_lead_states (
  site TEXT NOT NULL,
  lead_id TEXT NOT NULL,
  seen_at BIGINT,
  handled_at BIGINT,
  handled_by TEXT,
  note TEXT,
  PRIMARY KEY (site, lead_id)
);

-- A lead's status and note go with the lead, however it is deleted (erasure
-- by the visitor or in the console, retention purge): a note may name the person.
CREATE FUNCTION console_forget_lead_state() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM console_lead_states WHERE site = OLD.site AND lead_id = OLD.id;
  RETURN OLD;
END
$$;
CREATE TRIGGER leads_forget_console_state AFTER DELETE ON leads
  FOR EACH ROW EXECUTE FUNCTION console_forget_lead_state();

CREATE TABLE webhooks (
  site TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  format TEXT NOT NULL,
  events TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  secret TEXT NOT NULL,
  console_origin TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY,
  site TEXT NOT NULL,
  event TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  next_attempt_at BIGINT,
  lease_until BIGINT,
  last_attempt_at BIGINT,
  response_status INTEGER,
  error TEXT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_site ON webhook_deliveries (site, created_at);
