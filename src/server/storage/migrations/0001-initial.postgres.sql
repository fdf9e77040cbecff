-- The collector's first schema, for PostgreSQL: the same tables, columns and
-- keys as 0001-initial.sqlite.sql (read the comments there). Where the types
-- differ, it is because the engines do: epoch milliseconds are bigint, the
-- consent purposes boolean, and JSON columns jsonb, so queries can look inside.

CREATE TABLE consent_receipts (
  site text NOT NULL,
  id text NOT NULL,
  policy_version text NOT NULL,
  analytics boolean NOT NULL,
  marketing boolean NOT NULL,
  decided_at text NOT NULL,
  method text NOT NULL,
  locale text NOT NULL,
  text_hash text NOT NULL,
  received_at bigint NOT NULL,
  PRIMARY KEY (site, id)
);
CREATE INDEX consent_receipts_received_at ON consent_receipts (received_at);

CREATE TABLE events (
  site text NOT NULL,
  id text NOT NULL,
  visitor_id text NOT NULL,
  consent_id text NOT NULL,
  type text NOT NULL,
  at text NOT NULL,
  ip_prefix text,
  received_at bigint NOT NULL,
  payload jsonb NOT NULL,
  PRIMARY KEY (site, id)
);
CREATE INDEX events_visitor ON events (site, visitor_id);
CREATE INDEX events_consent ON events (site, consent_id);
CREATE INDEX events_received_at ON events (received_at);

CREATE TABLE leads (
  site text NOT NULL,
  id text NOT NULL,
  submitted_at text NOT NULL,
  consent_id text,
  fields jsonb NOT NULL,
  received_at bigint NOT NULL,
  last_contact_at bigint NOT NULL,
  PRIMARY KEY (site, id)
);
CREATE INDEX leads_consent ON leads (site, consent_id);
CREATE INDEX leads_last_contact_at ON leads (last_contact_at);

CREATE TABLE conversation_messages (
  site text NOT NULL,
  message_id text NOT NULL,
  conversation_id text NOT NULL,
  sender text NOT NULL CHECK (sender IN ('visitor', 'bot')),
  text text NOT NULL,
  received_at bigint NOT NULL,
  PRIMARY KEY (site, message_id)
);
CREATE INDEX conversation_messages_conversation ON conversation_messages (site, conversation_id);
CREATE INDEX conversation_messages_received_at ON conversation_messages (received_at);

CREATE TABLE erasures (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  site text NOT NULL,
  erased_at bigint NOT NULL,
  events integer NOT NULL,
  leads integer NOT NULL,
  receipts integer NOT NULL,
  conversations integer NOT NULL
);
