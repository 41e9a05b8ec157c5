-- A term's end can be what a roster last knew rather than the day someone
-- left (walk 30): congress-legislators gives, for a member who left before a
-- term's scheduled end, the day the dataset stopped listing them (an upper
-- bound, marked `end-note`), and an import ends the terms of members no
-- longer on the roster on the roster's day. end_listed = 1: end_on is such a
-- "last listed" day; 0: end_on is the end as recorded (a scheduled end, or a
-- day the term ended). A hand edit of the end makes it 0.
ALTER TABLE terms ADD COLUMN end_listed INTEGER NOT NULL DEFAULT 0 CHECK (end_listed IN (0, 1));
