-- A term's end can be what a roster last knew rather than the day someone
-- left (the SQLite migration 15-term-ends.sql): end_listed = 1 when end_on
-- is the day a roster stopped listing the holder. The grants of
-- 02-roles.sql on terms cover the new column, and 03-changes.sql's trigger
-- on terms already reports it as 'officials'.
ALTER TABLE terms ADD COLUMN IF NOT EXISTS end_listed BIGINT NOT NULL DEFAULT 0 CHECK (end_listed IN (0, 1));
