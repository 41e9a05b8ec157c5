-- A Capitol office address belongs to the member's term, not to the seat
-- (the SQLite migration 13-term-addresses.sql). NULL: not known for that
-- term. The grants of 02-roles.sql on terms cover the new column, and
-- 03-changes.sql's trigger on terms already reports it as 'officials'.
ALTER TABLE terms ADD COLUMN IF NOT EXISTS address TEXT;
