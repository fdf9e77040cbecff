-- The collector's first schema. Times the server sets are epoch milliseconds
-- (received_at, last_contact_at, erased_at); times the browser sent stay as
-- the ISO strings it sent. Every key starts with site: no site reaches
-- another's rows, and a retried request meets its own id and is dropped.

-- Proof of consent decisions. No address, no device: the receipt proves what
-- was chosen and which texts were shown, not who chose.
CREATE TABLE consent_receipts (
  site TEXT NOT NULL,
  id TEXT NOT NULL,
  policy_version TEXT NOT NULL,
  analytics INTEGER NOT NULL,
  marketing INTEGER NOT NULL,
  decided_at TEXT NOT NULL,
  method TEXT NOT NULL,
  locale TEXT NOT NULL,
  text_hash TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (site, id)
) WITHOUT ROWID;
CREATE INDEX consent_receipts_received_at ON consent_receipts (received_at);

-- Telemetry, only sent under analytics consent. ip_prefix is the client
-- address cut to /24 or /48, never the whole address.
CREATE TABLE events (
  site TEXT NOT NULL,
  id TEXT NOT NULL,
  visitor_id TEXT NOT NULL,
  consent_id TEXT NOT NULL,
  type TEXT NOT NULL,
  at TEXT NOT NULL,
  ip_prefix TEXT,
  received_at INTEGER NOT NULL,
  payload TEXT NOT NULL,
  PRIMARY KEY (site, id)
) WITHOUT ROWID;
CREATE INDEX events_visitor ON events (site, visitor_id);
CREATE INDEX events_consent ON events (site, consent_id);
CREATE INDEX events_received_at ON events (received_at);

-- Contact requests. fields is the normalised JSON object as sent.
CREATE TABLE leads (
  site TEXT NOT NULL,
  id TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  consent_id TEXT,
  fields TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  last_contact_at INTEGER NOT NULL,
  PRIMARY KEY (site, id)
) WITHOUT ROWID;
CREATE INDEX leads_consent ON leads (site, consent_id);
CREATE INDEX leads_last_contact_at ON leads (last_contact_at);

-- Chat turns, written only when the operator turns conversation storage on.
CREATE TABLE conversation_messages (
  site TEXT NOT NULL,
  message_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  sender TEXT NOT NULL CHECK (sender IN ('visitor', 'bot')),
  text TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (site, message_id)
) WITHOUT ROWID;
CREATE INDEX conversation_messages_conversation ON conversation_messages (site, conversation_id);
CREATE INDEX conversation_messages_received_at ON conversation_messages (received_at);

-- That an erasure happened, and how much it removed. Deliberately no ids:
-- they are pseudonymous personal data, and the point was to forget them.
CREATE TABLE erasures (
  seq INTEGER PRIMARY KEY,
  site TEXT NOT NULL,
  erased_at INTEGER NOT NULL,
  events INTEGER NOT NULL,
  leads INTEGER NOT NULL,
  receipts INTEGER NOT NULL,
  conversations INTEGER NOT NULL
);
