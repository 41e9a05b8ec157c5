-- The sent log's indexes in its exact order (the SQLite migration
-- 17-log-order.sql): newest date first, newest letter first, then the
-- letter's copies in their order. A page, the first or the next one after
-- a copy, is then read straight from the index and the scan stops at its
-- end, however long the date range.
--
-- The new indexes are built before the old ones are dropped: building takes
-- a lock that lets staff go on reading the log (writes wait), while a
-- dropped index's lock, held to the end of the upgrade's transaction,
-- would stop every read for as long as the builds took.
CREATE INDEX recipients_newest ON letter_recipients (letter_date DESC, letter_id DESC, ord);
CREATE INDEX recipients_by_office_newest ON letter_recipients (office_id, letter_date DESC, letter_id DESC, ord);
CREATE INDEX recipients_by_person_newest ON letter_recipients (person_id, letter_date DESC, letter_id DESC, ord);
DROP INDEX recipients_by_date;
DROP INDEX recipients_by_office;
DROP INDEX recipients_by_person;
ALTER INDEX recipients_by_office_newest RENAME TO recipients_by_office;
ALTER INDEX recipients_by_person_newest RENAME TO recipients_by_person;
-- The planner reads that index in order only when it knows a date range
-- holds more copies than a page. With the default 100 histogram buckets
-- (each some two months wide in a ten-year record) it guessed a month held
-- 300 copies rather than 5,000, read them all and sorted them: 45 ms
-- instead of 1 at a million copies. A finer histogram estimates a week or
-- a month closely.
ALTER TABLE letter_recipients ALTER COLUMN letter_date SET STATISTICS 1000;
ANALYZE letter_recipients;
