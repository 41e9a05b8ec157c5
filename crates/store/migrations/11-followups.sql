-- Follow-up work on a sent copy: who owns its follow-up, snoozes and
-- reassignments (events), calls, meetings and e-mails that are not replies
-- (copy_contacts), and the reply itself as a PDF (reply_files).

-- The staff member who follows the copy up (free text; on a team record
-- the login that sent it, until reassigned).
ALTER TABLE letter_recipients ADD COLUMN follow_up_owner TEXT;

-- events.kind gains 'snoozed', 'assigned' and 'reply_attached'.
-- SQLite cannot change a CHECK constraint in place: the table is rebuilt,
-- ids, rows and column order kept (nothing refers to events).
CREATE TABLE events_new (
    id           INTEGER PRIMARY KEY,
    letter_id    INTEGER NOT NULL REFERENCES letters(id),
    recipient_id INTEGER REFERENCES letter_recipients(id),
    kind         TEXT NOT NULL CHECK (kind IN ('created', 'edited', 'approved', 'signed',
                     'exported', 'sent', 'followed_up', 'replied',
                     'snoozed', 'assigned', 'reply_attached')),
    at           TEXT NOT NULL,
    detail       TEXT NOT NULL DEFAULT '',
    actor        TEXT
) STRICT;
INSERT INTO events_new (id, letter_id, recipient_id, kind, at, detail, actor)
    SELECT id, letter_id, recipient_id, kind, at, detail, actor FROM events;
DROP TABLE events;
ALTER TABLE events_new RENAME TO events;
CREATE INDEX events_by_letter ON events (letter_id, at);

-- Calls, meetings and e-mails about a copy that are not its reply. Kept
-- like events: written once.
CREATE TABLE copy_contacts (
    id           INTEGER PRIMARY KEY,
    letter_id    INTEGER NOT NULL REFERENCES letters(id),
    recipient_id INTEGER NOT NULL REFERENCES letter_recipients(id),
    on_date      TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('call', 'meeting', 'email', 'other')),
    -- The official's side: "Jane Roe, trade counsel".
    who          TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    at           TEXT NOT NULL,
    actor        TEXT
) STRICT;
CREATE INDEX copy_contacts_by_recipient ON copy_contacts (recipient_id, on_date, id);

CREATE TRIGGER copy_contacts_are_final_update BEFORE UPDATE ON copy_contacts
BEGIN
    SELECT RAISE(ABORT, 'the letter history cannot be changed');
END;
CREATE TRIGGER copy_contacts_are_final_delete BEFORE DELETE ON copy_contacts
BEGIN
    SELECT RAISE(ABORT, 'the letter history cannot be changed');
END;

-- The reply as received, byte for byte. A later file for the same copy
-- stands beside the earlier one (the newest is shown); none is changed.
CREATE TABLE reply_files (
    id           INTEGER PRIMARY KEY,
    letter_id    INTEGER NOT NULL REFERENCES letters(id),
    recipient_id INTEGER NOT NULL REFERENCES letter_recipients(id),
    file_name    TEXT NOT NULL CHECK (trim(file_name) <> ''),
    pdf          BLOB NOT NULL,
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    at           TEXT NOT NULL,
    actor        TEXT
) STRICT;
CREATE INDEX reply_files_by_recipient ON reply_files (recipient_id, id);

CREATE TRIGGER reply_files_are_final_update BEFORE UPDATE ON reply_files
BEGIN
    SELECT RAISE(ABORT, 'an attached reply cannot be changed');
END;
CREATE TRIGGER reply_files_are_final_delete BEFORE DELETE ON reply_files
BEGIN
    SELECT RAISE(ABORT, 'an attached reply cannot be deleted');
END;
