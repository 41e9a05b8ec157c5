-- The sent log's indexes in its exact order: newest date first, newest
-- letter first, then the letter's copies in their order (date DESC,
-- letter_id DESC, ord ASC). The old ones ran (date, letter, ord) all one
-- way, so the copies of each letter came out reversed and had to be sorted
-- again; in this order a page (the first, or the next one after a copy,
-- `LogFilter::after`) is read straight from the index and the scan stops at
-- the page's end, however long the date range. (PostgreSQL: pg/11-log-order.sql.)
DROP INDEX recipients_by_date;
DROP INDEX recipients_by_office;
DROP INDEX recipients_by_person;
CREATE INDEX recipients_newest ON letter_recipients (letter_date DESC, letter_id DESC, ord);
CREATE INDEX recipients_by_office ON letter_recipients (office_id, letter_date DESC, letter_id DESC, ord);
CREATE INDEX recipients_by_person ON letter_recipients (person_id, letter_date DESC, letter_id DESC, ord);
