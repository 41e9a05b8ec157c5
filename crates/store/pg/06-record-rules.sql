-- The record cannot be made to lie, whatever client writes to it (issue 25).
--
-- 1. The letter history is written only as the consequence of a real state
--    change. Each change the history must tell (a letter created, edited,
--    approved or signed; a copy sent, followed up, snoozed, reassigned,
--    replied to; a reply's PDF attached) leaves a *warrant* in
--    amicus_warrants, written by the triggers below, in the same
--    transaction. An event of that kind is accepted only by taking a
--    matching warrant of its own transaction (letter, copy, kind), so no
--    login can write "approved by dana" without dana's approval having
--    happened in the same transaction; and a warrant still unused when the
--    transaction commits is refused too, so no state change goes
--    untold. Nobody but these SECURITY DEFINER functions may read or write
--    amicus_warrants. Two kinds are claims, not state changes, and need no
--    warrant: 'exported' (a file was written) and a resend of a copy
--    already sent ('sent' with detail "resent by …").
-- 2. A sent copy is final: its sending (method, time, confirmation), its
--    place in the letter and its addressee cannot change, for any role,
--    administrators and superusers included; its archived PDF is written
--    once, with the sending, and never again.
-- 3. The same rules for the rows around them: a letter starts as a draft;
--    only a draft's addressees are added or removed; a letter is 'sent'
--    only once one of its copies went; a signed copy is kept only as its
--    letter is signed.
--
-- `amicus team import` copies a whole record into an empty team record:
-- amicus_begin_import() (administrators, empty record) lets that one
-- transaction write rows as they were.
--
-- SQLSTATE AM001 (the record is final), as in 01-schema.sql.

CREATE TABLE amicus_warrants (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    xact         xid8 NOT NULL,
    letter_id    BIGINT,
    recipient_id BIGINT,
    kind         TEXT NOT NULL
);
CREATE INDEX amicus_warrants_by_xact ON amicus_warrants (xact, letter_id, kind);
REVOKE ALL ON amicus_warrants FROM PUBLIC;

-- Leave a warrant for an event of `kind` in this transaction.
CREATE FUNCTION amicus_warrant(letter bigint, recipient bigint, kind text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    INSERT INTO amicus_warrants (xact, letter_id, recipient_id, kind)
    VALUES (pg_current_xact_id(), letter, recipient, kind)
$$;
REVOKE ALL ON FUNCTION amicus_warrant(bigint, bigint, text) FROM PUBLIC;

-- Whether this transaction is `amicus team import`'s.
CREATE FUNCTION amicus_importing() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM amicus_warrants
                   WHERE xact = pg_current_xact_id() AND kind = 'import')
$$;

-- Called by `amicus team import` in its transaction: an administrator's,
-- into a record that holds no letters yet.
CREATE FUNCTION amicus_begin_import() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT amicus_privileged() THEN
        RAISE EXCEPTION 'permission denied: only an administrator may import a record'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF EXISTS (SELECT 1 FROM letters) OR EXISTS (SELECT 1 FROM events) THEN
        RAISE EXCEPTION 'the team record already holds letters; import only into a new, empty team record'
            USING ERRCODE = 'AM001';
    END IF;
    PERFORM amicus_warrant(NULL, NULL, 'import');
END
$$;

-- At commit: every warrant was taken by its event (the import's own is
-- simply let go).
CREATE FUNCTION amicus_warrant_used() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NEW.kind = 'import' THEN
        DELETE FROM amicus_warrants WHERE id = NEW.id;
    ELSIF EXISTS (SELECT 1 FROM amicus_warrants WHERE id = NEW.id) THEN
        RAISE EXCEPTION 'the letter history must tell what happened: letter % was % (copy %) but no ''%'' event was written in the same transaction',
            NEW.letter_id, replace(NEW.kind, '_', ' '), coalesce(NEW.recipient_id::text, '-'), NEW.kind
            USING ERRCODE = 'AM001';
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER amicus_warrants_used AFTER INSERT ON amicus_warrants
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION amicus_warrant_used();

-- ---------------------------------------------------------------------------
-- Letters.

CREATE FUNCTION amicus_letter_rules() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF amicus_importing() THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF NEW.status <> 'draft' THEN
            RAISE EXCEPTION 'a new letter starts as a draft' USING ERRCODE = 'AM001';
        END IF;
        PERFORM amicus_warrant(NEW.id, NULL, 'created');
        RETURN NEW;
    ELSIF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'a letter is never deleted: its history stays' USING ERRCODE = 'AM001';
    END IF;
    -- UPDATE
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
-- What was approved or signed is what the letter says: changing it takes
-- the letter back to draft (as the store does), never silently.
CREATE FUNCTION amicus_approved_is_what_it_says() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = OLD.status AND NEW.status IN ('approved', 'signed') AND (
           NEW.template_id IS DISTINCT FROM OLD.template_id OR NEW.position_id IS DISTINCT FROM OLD.position_id
        OR NEW.signer_id IS DISTINCT FROM OLD.signer_id OR NEW.date IS DISTINCT FROM OLD.date
        OR NEW.subject IS DISTINCT FROM OLD.subject OR NEW.body IS DISTINCT FROM OLD.body
        OR NEW.mode IS DISTINCT FROM OLD.mode OR NEW.extra IS DISTINCT FROM OLD.extra
        OR NEW.signature IS DISTINCT FROM OLD.signature) AND NOT amicus_importing() THEN
        RAISE EXCEPTION 'letter % is %: changing it takes it back to draft (status = ''draft'' in the same UPDATE)',
            NEW.id, NEW.status USING ERRCODE = 'AM001';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER letters_approved_is_what_it_says BEFORE UPDATE ON letters
FOR EACH ROW EXECUTE FUNCTION amicus_approved_is_what_it_says();

CREATE TRIGGER letters_rules AFTER INSERT OR UPDATE ON letters
FOR EACH ROW EXECUTE FUNCTION amicus_letter_rules();
CREATE TRIGGER letters_rules_delete BEFORE DELETE ON letters
FOR EACH ROW EXECUTE FUNCTION amicus_letter_rules();
CREATE TRIGGER letters_are_kept_truncate BEFORE TRUNCATE ON letters
FOR EACH STATEMENT EXECUTE FUNCTION amicus_record_is_final('a letter is never deleted: its history stays');

-- ---------------------------------------------------------------------------
-- Copies (letter_recipients).

CREATE FUNCTION amicus_copy_rules() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    letter_status text;
BEGIN
    IF amicus_importing() THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    SELECT status INTO letter_status FROM letters
    WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.letter_id ELSE NEW.letter_id END;

    IF TG_OP IN ('INSERT', 'DELETE') THEN
        IF letter_status IS DISTINCT FROM 'draft' THEN
            RAISE EXCEPTION 'only a draft''s addressees can be changed; letter % is %',
                CASE WHEN TG_OP = 'DELETE' THEN OLD.letter_id ELSE NEW.letter_id END, letter_status
                USING ERRCODE = 'AM001';
        END IF;
        IF TG_OP = 'INSERT' AND (NEW.sent_at IS NOT NULL OR NEW.confirmation IS NOT NULL
                OR NEW.reply_on IS NOT NULL OR NEW.followed_up_at IS NOT NULL
                OR NEW.follow_up_on IS NOT NULL OR NEW.follow_up_owner IS NOT NULL) THEN
            RAISE EXCEPTION 'a new copy has not been sent: it is marked sent afterwards, with its archived PDF'
                USING ERRCODE = 'AM001';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;

    -- UPDATE. What records the sending is final once the copy went.
    IF OLD.sent_at IS NOT NULL AND (
           NEW.sent_at IS DISTINCT FROM OLD.sent_at OR NEW.method IS DISTINCT FROM OLD.method
        OR NEW.confirmation IS DISTINCT FROM OLD.confirmation
        OR NEW.letter_id IS DISTINCT FROM OLD.letter_id OR NEW.ord IS DISTINCT FROM OLD.ord
        OR NEW.role IS DISTINCT FROM OLD.role OR NEW.person_id IS DISTINCT FROM OLD.person_id
        OR NEW.office_id IS DISTINCT FROM OLD.office_id OR NEW.term_id IS DISTINCT FROM OLD.term_id
        OR NEW.letter_date IS DISTINCT FROM OLD.letter_date OR NEW.id IS DISTINCT FROM OLD.id) THEN
        RAISE EXCEPTION 'copy % was sent on %: how, when and to whom it went are part of the record and cannot be changed; a correction is a new event',
            OLD.id, left(OLD.sent_at, 10)
            USING ERRCODE = 'AM001';
    END IF;
    IF OLD.sent_at IS NULL AND NEW.sent_at IS NOT NULL THEN
        IF letter_status NOT IN ('signed', 'sent') THEN
            RAISE EXCEPTION 'letter % is %; it must be approved and signed before a copy is sent',
                NEW.letter_id, letter_status USING ERRCODE = 'AM001';
        END IF;
        IF NEW.reply_on IS NOT NULL OR NEW.reply_notes IS NOT NULL OR NEW.followed_up_at IS NOT NULL THEN
            RAISE EXCEPTION 'copy % is marked sent first; its follow-up and reply are recorded after', NEW.id
                USING ERRCODE = 'AM001';
        END IF;
        PERFORM amicus_warrant(NEW.letter_id, NEW.id, 'sent');
        RETURN NEW;
    END IF;
    IF OLD.sent_at IS NULL AND (NEW.reply_on IS NOT NULL OR NEW.followed_up_at IS NOT NULL
            OR NEW.follow_up_on IS NOT NULL OR NEW.follow_up_owner IS NOT NULL
            OR NEW.reply_notes IS NOT NULL) THEN
        RAISE EXCEPTION 'copy % has not been sent yet; mark it sent first', NEW.id
            USING ERRCODE = 'AM001';
    END IF;
    IF NEW.reply_on IS DISTINCT FROM OLD.reply_on OR NEW.reply_notes IS DISTINCT FROM OLD.reply_notes THEN
        PERFORM amicus_warrant(NEW.letter_id, NEW.id, 'replied');
    ELSIF NEW.followed_up_at IS DISTINCT FROM OLD.followed_up_at THEN
        PERFORM amicus_warrant(NEW.letter_id, NEW.id, 'followed_up');
    ELSIF NEW.follow_up_on IS DISTINCT FROM OLD.follow_up_on THEN
        PERFORM amicus_warrant(NEW.letter_id, NEW.id, 'snoozed');
    END IF;
    IF NEW.follow_up_owner IS DISTINCT FROM OLD.follow_up_owner THEN
        PERFORM amicus_warrant(NEW.letter_id, NEW.id, 'assigned');
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER recipients_rules BEFORE INSERT OR UPDATE OR DELETE ON letter_recipients
FOR EACH ROW EXECUTE FUNCTION amicus_copy_rules();
CREATE TRIGGER recipients_are_kept_truncate BEFORE TRUNCATE ON letter_recipients
FOR EACH STATEMENT EXECUTE FUNCTION amicus_record_is_final('a letter''s copies are never deleted wholesale');

-- ---------------------------------------------------------------------------
-- The archive, signed copies and reply files.

CREATE FUNCTION amicus_archive_rules() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF amicus_importing() THEN
        RETURN NEW;
    END IF;
    IF TG_TABLE_NAME = 'archive' THEN
        IF NOT EXISTS (SELECT 1 FROM amicus_warrants
                       WHERE xact = pg_current_xact_id() AND letter_id = NEW.letter_id
                         AND recipient_id IS NOT DISTINCT FROM NEW.recipient_id AND kind = 'sent') THEN
            RAISE EXCEPTION 'a copy''s PDF is archived only as the copy is marked sent, in the same transaction (letter %, copy %)',
                NEW.letter_id, coalesce(NEW.recipient_id::text, '-') USING ERRCODE = 'AM001';
        END IF;
        IF EXISTS (SELECT 1 FROM archive WHERE recipient_id = NEW.recipient_id) THEN
            RAISE EXCEPTION 'copy % already has its archived PDF', NEW.recipient_id USING ERRCODE = 'AM001';
        END IF;
    ELSIF TG_TABLE_NAME = 'signed_copies' THEN
        IF NOT EXISTS (SELECT 1 FROM amicus_warrants
                       WHERE xact = pg_current_xact_id() AND letter_id = NEW.letter_id AND kind = 'signed') THEN
            RAISE EXCEPTION 'a digitally signed copy is kept only as its letter is signed, in the same transaction (letter %)',
                NEW.letter_id USING ERRCODE = 'AM001';
        END IF;
    ELSIF TG_TABLE_NAME = 'reply_files' THEN
        IF NOT EXISTS (SELECT 1 FROM letter_recipients WHERE id = NEW.recipient_id
                       AND letter_id = NEW.letter_id AND sent_at IS NOT NULL) THEN
            RAISE EXCEPTION 'copy % has not been sent yet; mark it sent first', NEW.recipient_id
                USING ERRCODE = 'AM001';
        END IF;
        PERFORM amicus_warrant(NEW.letter_id, NEW.recipient_id, 'reply_attached');
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER archive_rules BEFORE INSERT ON archive
FOR EACH ROW EXECUTE FUNCTION amicus_archive_rules();
CREATE TRIGGER signed_copies_rules BEFORE INSERT ON signed_copies
FOR EACH ROW EXECUTE FUNCTION amicus_archive_rules();
CREATE TRIGGER reply_files_rules BEFORE INSERT ON reply_files
FOR EACH ROW EXECUTE FUNCTION amicus_archive_rules();

-- ---------------------------------------------------------------------------
-- The history: an event takes its warrant.

CREATE FUNCTION amicus_event_rules() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    taken bigint;
BEGIN
    IF amicus_importing() THEN
        RETURN NEW;
    END IF;
    -- A claim that a file was written; and a kind the CHECK of events
    -- refuses in its own words.
    IF NEW.kind = 'exported' OR NEW.kind NOT IN ('created', 'edited', 'approved', 'signed', 'sent',
            'followed_up', 'replied', 'snoozed', 'assigned', 'reply_attached') THEN
        RETURN NEW;
    END IF;
    IF NEW.kind = 'sent' AND NEW.detail LIKE 'resent by %'
       AND EXISTS (SELECT 1 FROM letter_recipients WHERE id = NEW.recipient_id
                   AND letter_id = NEW.letter_id AND sent_at IS NOT NULL)
       AND NOT EXISTS (SELECT 1 FROM amicus_warrants WHERE xact = pg_current_xact_id()
                       AND recipient_id = NEW.recipient_id AND kind = 'sent') THEN
        RETURN NEW;
    END IF;
    IF NEW.kind = 'sent' AND NOT EXISTS (SELECT 1 FROM archive WHERE recipient_id = NEW.recipient_id) THEN
        RAISE EXCEPTION 'copy % is recorded sent only with its archived PDF', coalesce(NEW.recipient_id::text, '-')
            USING ERRCODE = 'AM001';
    END IF;
    DELETE FROM amicus_warrants WHERE id = (
        SELECT id FROM amicus_warrants
        WHERE xact = pg_current_xact_id() AND letter_id = NEW.letter_id
          AND recipient_id IS NOT DISTINCT FROM NEW.recipient_id AND kind = NEW.kind
        ORDER BY id LIMIT 1)
    RETURNING id INTO taken;
    IF taken IS NULL THEN
        RAISE EXCEPTION 'the letter history is written only by what happens to a letter: nothing in this transaction % letter % (copy %), so no ''%'' event can say so',
            CASE NEW.kind WHEN 'created' THEN 'created' WHEN 'edited' THEN 'edited'
                          WHEN 'approved' THEN 'approved' WHEN 'signed' THEN 'signed'
                          WHEN 'sent' THEN 'sent a copy of' WHEN 'followed_up' THEN 'followed up'
                          WHEN 'replied' THEN 'recorded a reply to' WHEN 'snoozed' THEN 'snoozed'
                          WHEN 'assigned' THEN 'reassigned' ELSE 'changed' END,
            NEW.letter_id, coalesce(NEW.recipient_id::text, '-'), NEW.kind
            USING ERRCODE = 'AM001';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER events_rules BEFORE INSERT ON events
FOR EACH ROW EXECUTE FUNCTION amicus_event_rules();

