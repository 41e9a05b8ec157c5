-- The signer's handwritten signature as it was when the letter was marked
-- signed: the signed letter is drawn with it, and keeps it if the signer's
-- image is changed later. NULL until signed, and again if the letter is
-- edited back into a draft.
ALTER TABLE letters ADD COLUMN signature BLOB;

-- A sent letter's signature is part of what left the office.
CREATE TRIGGER letters_sent_keep_signature
BEFORE UPDATE OF signature ON letters
WHEN OLD.status = 'sent'
BEGIN
    SELECT RAISE(ABORT, 'a sent letter cannot be edited');
END;

-- Each copy of a letter as it was digitally signed (PAdES): the exact bytes,
-- which exporting and sending then use as they are. Written once, with the
-- letter's move to "signed"; never changed.
CREATE TABLE signed_copies (
    letter_id INTEGER NOT NULL REFERENCES letters(id),
    -- The copy's place among the letter's copies (0 for a joint letter).
    copy      INTEGER NOT NULL,
    pdf       BLOB NOT NULL,
    sha256    TEXT NOT NULL,
    -- The signing certificate's common name.
    signer    TEXT NOT NULL,
    signed_at TEXT NOT NULL,
    PRIMARY KEY (letter_id, copy)
) STRICT;

CREATE TRIGGER signed_copies_are_immutable_update BEFORE UPDATE ON signed_copies
BEGIN
    SELECT RAISE(ABORT, 'a signed copy cannot be changed');
END;
CREATE TRIGGER signed_copies_are_immutable_delete BEFORE DELETE ON signed_copies
BEGIN
    SELECT RAISE(ABORT, 'a signed copy cannot be deleted');
END;
