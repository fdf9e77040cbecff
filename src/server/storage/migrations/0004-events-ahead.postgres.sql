-- Events stamped more than a day after they were received (a device clock
-- running ahead) are stored as sent, and retention counts from when they
-- were received, not from a time that has not come. This index holds only
-- those rows, so purge finds them without reading the rest; the predicate is
-- written exactly as purge's query writes it, which both planners need in
-- order to use a partial index.
CREATE INDEX events_ahead ON events (received_at) WHERE occurred_at > received_at + 86400000;
