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
