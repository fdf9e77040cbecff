-- The visitor's rights requests (contract §8; GDPR art. 16, 18, 21): kept with
-- their kind, status and deadline until the site owner marks them handled,
-- holding no more personal data than the request named. Times the server sets
-- are epoch milliseconds; submitted_at stays the ISO string the browser sent.
CREATE TABLE rights_requests (
  site TEXT NOT NULL,
  id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('rectify', 'restrict', 'object')),
  status TEXT NOT NULL CHECK (status IN ('open', 'handled')),
  submitted_at TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  -- One calendar month after the request (GDPR art. 12(3)).
  deadline INTEGER NOT NULL,
  -- What the request named. An erasure of those ids empties them; the request stays, as proof.
  visitor_id TEXT,
  consent_ids TEXT NOT NULL,
  lead_ids TEXT NOT NULL,
  -- rectify: the corrected fields (JSON), so the site owner can pass them on (art. 19).
  changes TEXT,
  -- Rows the request changed (rectify: leads) or marked (restrict, object: ids).
  applied INTEGER NOT NULL,
  handled_at INTEGER,
  handled_by TEXT,
  note TEXT,
  -- restrict, object: when the site owner lifted the restriction, and who.
  lifted_at INTEGER,
  lifted_by TEXT,
  PRIMARY KEY (site, id)
) WITHOUT ROWID;
CREATE INDEX rights_requests_status ON rights_requests (site, status, deadline);
CREATE INDEX rights_requests_handled_at ON rights_requests (handled_at);

-- What a restriction (scope 'all': no statistics, no marketing) or an
-- objection (scope 'marketing') covers: one row per id it names that the
-- collector holds, plus the visitor id, so rows arriving later are covered
-- too. Statistics and marketing queries leave out rows matching these
-- (restrictedRows in create-rights-storage.ts); lifting deletes them.
CREATE TABLE rights_restrictions (
  site TEXT NOT NULL,
  subject TEXT NOT NULL CHECK (subject IN ('visitor', 'consent', 'lead')),
  subject_id TEXT NOT NULL,
  request_id TEXT NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('all', 'marketing')),
  PRIMARY KEY (site, subject, subject_id, request_id)
) WITHOUT ROWID;
CREATE INDEX rights_restrictions_request ON rights_restrictions (site, request_id);
