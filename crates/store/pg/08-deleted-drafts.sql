-- A draft can be deleted, and restored (the SQLite migration
-- 14-deleted-drafts.sql, issue 30): the letter is kept with when and by
-- whom (deleted_at, and deleted_by, the login, stamped by the server), and
-- leaves the letters list, the search and the sent log until restored.
--
-- Record rules (for everyone, administrators and superusers included, as
-- 06-record-rules.sql): only a draft is deleted; deleting or restoring
-- changes nothing else of the letter; a deleted draft is not changed until
-- it is restored; each is told in the history by a 'deleted' or 'restored'
-- event of the same transaction (a warrant, as 06's).
--
-- Role rule (SQLSTATE 42501, as 02-roles.sql): a draft is deleted or
-- restored by its author (the login of its 'created' event) or an
-- administrator; other staff are refused by the server, whatever client
-- they use.
--
-- The grants of 02-roles.sql on letters (INSERT, UPDATE) cover the new
-- columns, and 03-changes.sql's trigger on letters announces them.

ALTER TABLE letters ADD COLUMN IF NOT EXISTS deleted_at TEXT;
ALTER TABLE letters ADD COLUMN IF NOT EXISTS deleted_by TEXT;

ALTER TABLE events DROP CONSTRAINT events_kind_check;
ALTER TABLE events ADD CONSTRAINT events_kind_check
    CHECK (kind IN ('created', 'edited', 'approved', 'signed',
                    'exported', 'sent', 'followed_up', 'replied',
                    'snoozed', 'assigned', 'reply_attached', 'deleted', 'restored',
                    'printed'));

-- ---------------------------------------------------------------------------
-- The record rules of letters (06-record-rules.sql's, with deletion).

CREATE OR REPLACE FUNCTION amicus_letter_rules() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF amicus_importing() THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF NEW.status <> 'draft' THEN
            RAISE EXCEPTION 'a new letter starts as a draft' USING ERRCODE = 'AM001';
        END IF;
        IF NEW.deleted_at IS NOT NULL OR NEW.deleted_by IS NOT NULL THEN
            RAISE EXCEPTION 'a new letter is not deleted: a draft is deleted once it exists, with its ''deleted'' event'
                USING ERRCODE = 'AM001';
        END IF;
        PERFORM amicus_warrant(NEW.id, NULL, 'created');
        RETURN NEW;
    ELSIF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'a letter is never deleted: its history stays' USING ERRCODE = 'AM001';
    END IF;
    -- UPDATE. Deleting a draft, or restoring it: that alone.
    IF NEW.deleted_at IS DISTINCT FROM OLD.deleted_at THEN
        IF OLD.deleted_at IS NULL AND (OLD.status <> 'draft' OR NEW.status <> 'draft') THEN
            RAISE EXCEPTION 'letter % is %: only a draft can be deleted; an approved, signed or sent letter stays in the record',
                NEW.id, OLD.status USING ERRCODE = 'AM001';
        END IF;
        IF OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NOT NULL THEN
            RAISE EXCEPTION 'letter % is a deleted draft: restore it before changing it', NEW.id
                USING ERRCODE = 'AM001';
        END IF;
        IF (to_jsonb(NEW) - 'deleted_at' - 'deleted_by') IS DISTINCT FROM (to_jsonb(OLD) - 'deleted_at' - 'deleted_by') THEN
            RAISE EXCEPTION 'deleting or restoring letter % changes nothing else of it', NEW.id
                USING ERRCODE = 'AM001';
        END IF;
        PERFORM amicus_warrant(NEW.id, NULL, CASE WHEN NEW.deleted_at IS NULL THEN 'restored' ELSE 'deleted' END);
        RETURN NEW;
    END IF;
    IF OLD.deleted_at IS NOT NULL THEN
        RAISE EXCEPTION 'letter % is a deleted draft: restore it before changing it', NEW.id
            USING ERRCODE = 'AM001';
    END IF;
    IF NEW.deleted_by IS DISTINCT FROM OLD.deleted_by THEN
        RAISE EXCEPTION 'who deleted letter % is said only as it is deleted', NEW.id USING ERRCODE = 'AM001';
    END IF;
    IF OLD.status = 'sent' AND NEW.status <> 'sent' THEN
        RAISE EXCEPTION 'a sent letter cannot be edited' USING ERRCODE = 'AM001';
    END IF;
    IF NEW.status = 'sent' THEN
        IF NOT EXISTS (SELECT 1 FROM letter_recipients WHERE letter_id = NEW.id AND sent_at IS NOT NULL) THEN
            RAISE EXCEPTION 'letter % cannot be sent before one of its copies is', NEW.id
                USING ERRCODE = 'AM001';
        END IF;
    ELSIF NEW.status IS DISTINCT FROM OLD.status AND NEW.status IN ('approved', 'signed') THEN
        PERFORM amicus_warrant(NEW.id, NULL, NEW.status);
    ELSE
        -- Any other change to an unsent letter is an edit (and takes it
        -- back to draft in the store).
        PERFORM amicus_warrant(NEW.id, NULL, 'edited');
    END IF;
    RETURN NEW;
END
$$;

-- A deleted draft's addressees stay as they were until it is restored.
CREATE OR REPLACE FUNCTION amicus_deleted_copies_stay() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF amicus_importing() THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF EXISTS (SELECT 1 FROM letters WHERE deleted_at IS NOT NULL
               AND id = CASE WHEN TG_OP = 'DELETE' THEN OLD.letter_id ELSE NEW.letter_id END) THEN
        RAISE EXCEPTION 'letter % is a deleted draft: restore it before changing it',
            CASE WHEN TG_OP = 'DELETE' THEN OLD.letter_id ELSE NEW.letter_id END
            USING ERRCODE = 'AM001';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER recipients_of_deleted_drafts_stay BEFORE INSERT OR UPDATE OR DELETE ON letter_recipients
FOR EACH ROW EXECUTE FUNCTION amicus_deleted_copies_stay();

-- The history: a 'deleted' or 'restored' event takes its warrant (06's
-- amicus_event_rules lets kinds it does not know through, to this).
CREATE FUNCTION amicus_deletion_event_rules() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    taken bigint;
BEGIN
    IF NEW.kind NOT IN ('deleted', 'restored') OR amicus_importing() THEN
        RETURN NEW;
    END IF;
    IF NEW.recipient_id IS NULL THEN
        DELETE FROM amicus_warrants WHERE id = (
            SELECT id FROM amicus_warrants
            WHERE xact = pg_current_xact_id() AND letter_id = NEW.letter_id
              AND recipient_id IS NULL AND kind = NEW.kind
            ORDER BY id LIMIT 1)
        RETURNING id INTO taken;
    END IF;
    IF taken IS NULL THEN
        RAISE EXCEPTION 'the letter history is written only by what happens to a letter: nothing in this transaction % letter %, so no ''%'' event can say so',
            NEW.kind, NEW.letter_id, NEW.kind
            USING ERRCODE = 'AM001';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER events_deletion_rules BEFORE INSERT ON events
FOR EACH ROW EXECUTE FUNCTION amicus_deletion_event_rules();

-- ---------------------------------------------------------------------------
-- Who may: the draft's author or an administrator. The server says who
-- deleted it (the session's login), whatever the client wrote.

CREATE FUNCTION amicus_letter_deletion_roles() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    author text;
BEGIN
    IF NEW.deleted_at IS NOT DISTINCT FROM OLD.deleted_at
       AND NEW.deleted_by IS NOT DISTINCT FROM OLD.deleted_by THEN
        RETURN NEW;
    END IF;
    IF amicus_importing() THEN
        RETURN NEW;
    END IF;
    SELECT actor INTO author FROM events
    WHERE letter_id = NEW.id AND kind = 'created' ORDER BY id LIMIT 1;
    IF NOT amicus_privileged() AND author IS DISTINCT FROM session_user THEN
        RAISE EXCEPTION 'permission denied: only the draft''s author (%) or an administrator may % letter %',
            coalesce(author, 'not on record'),
            CASE WHEN NEW.deleted_at IS NULL THEN 'restore' ELSE 'delete' END, NEW.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    NEW.deleted_by := CASE WHEN NEW.deleted_at IS NULL THEN NULL ELSE session_user END;
    RETURN NEW;
END
$$;
CREATE TRIGGER letters_deletion_roles BEFORE UPDATE OF deleted_at, deleted_by ON letters
FOR EACH ROW EXECUTE FUNCTION amicus_letter_deletion_roles();

-- ---------------------------------------------------------------------------
-- The search index holds no deleted draft: it leaves on deletion and comes
-- back on restore. (The record's own function, so staff need no DELETE on
-- the index.)

CREATE OR REPLACE FUNCTION search_letter() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (OLD.id <> NEW.id OR NEW.deleted_at IS NOT NULL) THEN
        DELETE FROM search WHERE rowid = OLD.id * 4;
    END IF;
    IF NEW.deleted_at IS NULL THEN
        INSERT INTO search (rowid, title, body) VALUES (NEW.id * 4, NEW.subject, NEW.body)
        ON CONFLICT (rowid) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER search_letter_deleted AFTER UPDATE OF deleted_at ON letters
FOR EACH ROW EXECUTE FUNCTION search_letter();
