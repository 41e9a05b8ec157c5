-- A draft can be deleted, and restored (issue 30): the letter is kept, with
-- when and by whom (a team record's login; a single-user file names
-- nobody), and leaves the letters list, the search and the sent log until
-- restored. Only a draft: an approved, signed or sent letter stays in the
-- record. Both are events in the letter's history. (The team record's
-- rules, who may delete and restore, are in pg/08-deleted-drafts.sql.)
ALTER TABLE letters ADD COLUMN deleted_at TEXT;
ALTER TABLE letters ADD COLUMN deleted_by TEXT;

-- events.kind gains 'deleted' and 'restored', and 'printed' (a letter printed from Amicus). SQLite cannot change a CHECK
-- constraint in place: the table is rebuilt as 11-followups.sql did, ids,
-- rows and column order kept, and 12's triggers made again (dropping the
-- table dropped them; DROP TABLE fires no DELETE trigger).
CREATE TABLE events_new (
    id           INTEGER PRIMARY KEY,
    letter_id    INTEGER NOT NULL REFERENCES letters(id),
    recipient_id INTEGER REFERENCES letter_recipients(id),
    kind         TEXT NOT NULL CHECK (kind IN ('created', 'edited', 'approved', 'signed',
                     'exported', 'sent', 'followed_up', 'replied',
                     'snoozed', 'assigned', 'reply_attached', 'deleted', 'restored',
                     'printed')),
    at           TEXT NOT NULL,
    detail       TEXT NOT NULL DEFAULT '',
    actor        TEXT
) STRICT;
INSERT INTO events_new (id, letter_id, recipient_id, kind, at, detail, actor)
    SELECT id, letter_id, recipient_id, kind, at, detail, actor FROM events;
DROP TABLE events;
ALTER TABLE events_new RENAME TO events;
CREATE INDEX events_by_letter ON events (letter_id, at);
CREATE TRIGGER events_are_final_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'the letter history cannot be changed');
END;
CREATE TRIGGER events_are_final_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'the letter history cannot be changed');
END;

-- Only a draft is deleted; deleting or restoring changes nothing else; a
-- deleted draft is not changed (approved, edited) until it is restored;
-- and a letter written in already deleted (a team record exported to a
-- file) is a draft.
CREATE TRIGGER letters_only_drafts_deleted BEFORE UPDATE OF deleted_at ON letters
WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL
     AND (OLD.status <> 'draft' OR NEW.status <> 'draft')
BEGIN
    SELECT RAISE(ABORT, 'only a draft can be deleted; an approved, signed or sent letter stays in the record');
END;
CREATE TRIGGER letters_deleted_stay BEFORE UPDATE ON letters
WHEN OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a deleted draft is not changed; restore it first');
END;
CREATE TRIGGER letters_deleting_changes_nothing_else BEFORE UPDATE ON letters
WHEN OLD.deleted_at IS NOT NEW.deleted_at AND (
       NEW.id IS NOT OLD.id OR NEW.revision_of IS NOT OLD.revision_of
    OR NEW.template_id IS NOT OLD.template_id OR NEW.position_id IS NOT OLD.position_id
    OR NEW.signer_id IS NOT OLD.signer_id OR NEW.date IS NOT OLD.date
    OR NEW.subject IS NOT OLD.subject OR NEW.body IS NOT OLD.body OR NEW.mode IS NOT OLD.mode
    OR NEW.status IS NOT OLD.status OR NEW.extra IS NOT OLD.extra
    OR NEW.signature IS NOT OLD.signature OR NEW.updated_at IS NOT OLD.updated_at)
BEGIN
    SELECT RAISE(ABORT, 'deleting or restoring a draft changes nothing else of it');
END;
CREATE TRIGGER letters_new_not_deleted BEFORE INSERT ON letters
WHEN NEW.deleted_at IS NOT NULL AND NEW.status <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'only a draft can be deleted; an approved, signed or sent letter stays in the record');
END;

-- The search index holds no deleted draft: it leaves on deletion and comes
-- back on restore (a record copied in with a deleted draft leaves it out).
DROP TRIGGER search_letter_insert;
CREATE TRIGGER search_letter_insert AFTER INSERT ON letters WHEN NEW.deleted_at IS NULL BEGIN
    INSERT INTO search (rowid, title, body) VALUES (NEW.id * 4, NEW.subject, NEW.body);
END;
CREATE TRIGGER search_letter_deleted AFTER UPDATE OF deleted_at ON letters
WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL BEGIN
    DELETE FROM search WHERE rowid = NEW.id * 4;
END;
CREATE TRIGGER search_letter_restored AFTER UPDATE OF deleted_at ON letters
WHEN NEW.deleted_at IS NULL AND OLD.deleted_at IS NOT NULL BEGIN
    INSERT INTO search (rowid, title, body) VALUES (NEW.id * 4, NEW.subject, NEW.body);
END;
