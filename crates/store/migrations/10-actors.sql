-- Who did what: the login behind each event. A team record (PostgreSQL)
-- fills it with the session's user; a single-user file leaves it empty.
ALTER TABLE events ADD COLUMN actor TEXT;
