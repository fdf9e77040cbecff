-- Nothing to change on SQLite: an INTEGER PRIMARY KEY takes an explicit value
-- and numbers the next row after the largest one (see the PostgreSQL version).
SELECT 1;
