-- The record cannot be made to lie (issue 25), on the single-user file as
-- far as SQLite triggers can say it (the team record's rules are in
-- pg/06-record-rules.sql; a file's owner can always rewrite the file, which
-- is why `letters verify` re-checks every archived copy against its
-- signature and its data).

-- The letter history is written once: no event is changed or removed.
-- (11-followups.sql rebuilt the table, which dropped nothing of this kind:
-- there was none.)
CREATE TRIGGER events_are_final_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'the letter history cannot be changed');
END;
CREATE TRIGGER events_are_final_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'the letter history cannot be changed');
END;

-- A sent copy is final: how, when and to whom it went.
CREATE TRIGGER recipients_sent_are_final
BEFORE UPDATE OF id, letter_id, ord, letter_date, role, person_id, office_id, term_id,
                 method, sent_at, confirmation ON letter_recipients
WHEN OLD.sent_at IS NOT NULL AND (
       NEW.sent_at IS NOT OLD.sent_at OR NEW.method IS NOT OLD.method
    OR NEW.confirmation IS NOT OLD.confirmation OR NEW.id IS NOT OLD.id
    OR NEW.letter_id IS NOT OLD.letter_id OR NEW.ord IS NOT OLD.ord
    OR NEW.letter_date IS NOT OLD.letter_date OR NEW.role IS NOT OLD.role
    OR NEW.person_id IS NOT OLD.person_id OR NEW.office_id IS NOT OLD.office_id
    OR NEW.term_id IS NOT OLD.term_id)
BEGIN
    SELECT RAISE(ABORT, 'a sent copy is part of the record: how, when and to whom it went cannot be changed; a correction is a new event');
END;

-- The copies of a sent letter stay.
CREATE TRIGGER recipients_of_sent_letters_stay BEFORE DELETE ON letter_recipients
WHEN (SELECT status FROM letters WHERE id = OLD.letter_id) = 'sent'
BEGIN
    SELECT RAISE(ABORT, 'a sent letter cannot be edited');
END;

-- A sent letter stays sent, and is sent only once a copy went.
CREATE TRIGGER letters_sent_stay_sent BEFORE UPDATE OF status ON letters
WHEN OLD.status = 'sent' AND NEW.status <> 'sent'
BEGIN
    SELECT RAISE(ABORT, 'a sent letter cannot be edited');
END;
CREATE TRIGGER letters_sent_after_a_copy BEFORE UPDATE OF status ON letters
WHEN NEW.status = 'sent' AND OLD.status <> 'sent'
     AND NOT EXISTS (SELECT 1 FROM letter_recipients WHERE letter_id = NEW.id AND sent_at IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'a letter is sent only once one of its copies is');
END;

-- A copy's PDF is archived once, for a copy that went.
CREATE TRIGGER archive_only_of_sent_copies BEFORE INSERT ON archive
WHEN NEW.recipient_id IS NOT NULL AND (
       NOT EXISTS (SELECT 1 FROM letter_recipients WHERE id = NEW.recipient_id AND sent_at IS NOT NULL)
    OR EXISTS (SELECT 1 FROM archive WHERE recipient_id = NEW.recipient_id))
BEGIN
    SELECT RAISE(ABORT, 'a copy''s PDF is archived once, as the copy is marked sent');
END;
