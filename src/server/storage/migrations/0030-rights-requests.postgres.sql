-- The visitor's rights requests, for PostgreSQL: the same tables, columns and
-- keys as 0030-rights-requests.sqlite.sql (read the comments there); epoch
-- milliseconds are bigint and the JSON columns jsonb.
CREATE TABLE rights_requests (
  site text NOT NULL,
  id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('rectify', 'restrict', 'object')),
  status text NOT NULL CHECK (status IN ('open', 'handled')),
  submitted_at text NOT NULL,
  received_at bigint NOT NULL,
  deadline bigint NOT NULL,
  visitor_id text,
  consent_ids jsonb NOT NULL,
  lead_ids jsonb NOT NULL,
  changes jsonb,
  applied integer NOT NULL,
  handled_at bigint,
  handled_by text,
  note text,
  lifted_at bigint,
  lifted_by text,
  PRIMARY KEY (site, id)
);
CREATE INDEX rights_requests_status ON rights_requests (site, status, deadline);
CREATE INDEX rights_requests_handled_at ON rights_requests (handled_at);

CREATE TABLE rights_restrictions (
  site text NOT NULL,
  subject text NOT NULL CHECK (subject IN ('visitor', 'consent', 'lead')),
  subject_id text NOT NULL,
  request_id text NOT NULL,
  scope text NOT NULL CHECK (scope IN ('all', 'marketing')),
  PRIMARY KEY (site, subject, subject_id, request_id)
);
CREATE INDEX rights_restrictions_request ON rights_restrictions (site, request_id);
