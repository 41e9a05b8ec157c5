-- An issue's staff contact (the SQLite migration 16-issue-contacts.sql).
-- The grants of 02-roles.sql on issues cover the new column, and
-- 03-changes.sql's trigger on issues already reports it as 'positions'.
ALTER TABLE issues ADD COLUMN IF NOT EXISTS staff_contact TEXT;
