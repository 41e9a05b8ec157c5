-- The record: officials, positions, templates, letters and the sent log.
-- Dates are ISO 8601 calendar dates (YYYY-MM-DD); timestamps are UTC
-- RFC 3339 strings, so text order is time order.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE organizations (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE CHECK (name <> ''),
    address TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE persons (
    id          INTEGER PRIMARY KEY,
    full_name   TEXT NOT NULL CHECK (full_name <> ''),
    family_name TEXT NOT NULL CHECK (family_name <> ''),
    -- Overrides of the rules of address for this person.
    honorific   TEXT,
    salutation  TEXT,
    email       TEXT,
    retired_on  TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE offices (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL CHECK (title <> ''),
    short_name      TEXT,
    organization_id INTEGER REFERENCES organizations(id),
    kind            TEXT NOT NULL CHECK (kind IN ('cabinet_secretary', 'trade_representative',
                        'senator', 'representative', 'governor', 'foreign_minister',
                        'agency_head', 'other')),
    -- One holder at a time (a secretary) or many (a delegation).
    single_holder   INTEGER NOT NULL DEFAULT 1 CHECK (single_holder IN (0, 1)),
    address         TEXT NOT NULL DEFAULT '',
    retired_on      TEXT,
    UNIQUE (title, organization_id)
) STRICT;

CREATE TABLE terms (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES persons(id),
    office_id INTEGER NOT NULL REFERENCES offices(id),
    start_on  TEXT NOT NULL,
    end_on    TEXT CHECK (end_on IS NULL OR end_on >= start_on),
    acting    INTEGER NOT NULL DEFAULT 0 CHECK (acting IN (0, 1))
) STRICT;
CREATE INDEX terms_by_office ON terms (office_id, start_on);
CREATE INDEX terms_by_person ON terms (person_id);

CREATE TABLE issues (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE CHECK (name <> ''),
    summary TEXT NOT NULL DEFAULT ''
) STRICT;

-- Each row is one dated version of the organization's stance on an issue;
-- the highest version is current, earlier ones are kept as history.
CREATE TABLE positions (
    id         INTEGER PRIMARY KEY,
    issue_id   INTEGER NOT NULL REFERENCES issues(id),
    version    INTEGER NOT NULL CHECK (version >= 1),
    stance     TEXT NOT NULL CHECK (stance IN ('support', 'oppose', 'neutral', 'monitor')),
    adopted_on TEXT NOT NULL,
    statement  TEXT NOT NULL CHECK (statement <> ''),
    rationale  TEXT NOT NULL DEFAULT '',
    UNIQUE (issue_id, version)
) STRICT;

-- Built-in templates are registered read-only; user templates gain a new
-- version on every save. Letters point at the exact version they used.
CREATE TABLE templates (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL,
    version    INTEGER NOT NULL CHECK (version >= 1),
    builtin    INTEGER NOT NULL CHECK (builtin IN (0, 1)),
    meta       TEXT NOT NULL,
    source     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (key, version)
) STRICT;

CREATE TABLE signers (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL CHECK (name <> ''),
    title     TEXT,
    signature BLOB
) STRICT;

CREATE TABLE letters (
    id          INTEGER PRIMARY KEY,
    revision_of INTEGER REFERENCES letters(id),
    template_id INTEGER NOT NULL REFERENCES templates(id),
    position_id INTEGER REFERENCES positions(id),
    signer_id   INTEGER NOT NULL REFERENCES signers(id),
    date        TEXT NOT NULL,
    subject     TEXT NOT NULL,
    body        TEXT NOT NULL,
    mode        TEXT NOT NULL CHECK (mode IN ('joint', 'per_recipient')),
    status      TEXT NOT NULL DEFAULT 'draft'
                    CHECK (status IN ('draft', 'approved', 'signed', 'sent')),
    -- cc lines, enclosures, template fields, paper: the rest of the letter data.
    extra       TEXT NOT NULL DEFAULT '{}',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX letters_by_date ON letters (date);
CREATE INDEX letters_by_position ON letters (position_id);

-- A sent letter is a record of what left the office: its text cannot change.
CREATE TRIGGER letters_sent_are_final
BEFORE UPDATE OF template_id, position_id, signer_id, date, subject, body, mode, extra ON letters
WHEN OLD.status = 'sent'
BEGIN
    SELECT RAISE(ABORT, 'a sent letter cannot be edited');
END;

CREATE TABLE letter_recipients (
    id           INTEGER PRIMARY KEY,
    letter_id    INTEGER NOT NULL REFERENCES letters(id),
    ord          INTEGER NOT NULL,
    -- The letter's date, copied here (and kept in step by a trigger) so the
    -- sent log filters and sorts by office or person and date in one index.
    letter_date  TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('to', 'cc')),
    -- NULL person: addressed to an office that was vacant on the letter's date.
    person_id    INTEGER REFERENCES persons(id),
    office_id    INTEGER REFERENCES offices(id),
    term_id      INTEGER REFERENCES terms(id),
    method       TEXT CHECK (method IN ('mail', 'email', 'fax', 'hand', 'portal')),
    sent_at      TEXT,
    confirmation TEXT,
    follow_up_on TEXT,
    followed_up_at TEXT,
    reply_on     TEXT,
    reply_notes  TEXT,
    UNIQUE (letter_id, ord),
    CHECK ((sent_at IS NULL) = (method IS NULL)),
    CHECK (person_id IS NOT NULL OR office_id IS NOT NULL)
) STRICT;
-- In the sent log's order (date, letter, place), so a filtered page is read
-- straight from the index and the scan stops at the page's end.
CREATE INDEX recipients_by_office ON letter_recipients (office_id, letter_date, letter_id, ord);
CREATE INDEX recipients_by_person ON letter_recipients (person_id, letter_date, letter_id, ord);
CREATE INDEX recipients_by_date ON letter_recipients (letter_date, letter_id, ord);
CREATE INDEX recipients_by_term ON letter_recipients (term_id);
CREATE INDEX recipients_follow_up ON letter_recipients (follow_up_on) WHERE follow_up_on IS NOT NULL;

CREATE TRIGGER recipients_follow_letter_date AFTER UPDATE OF date ON letters
BEGIN
    UPDATE letter_recipients SET letter_date = NEW.date WHERE letter_id = NEW.id;
END;

-- What was sent, byte for byte, with the data it was rendered from.
CREATE TABLE archive (
    id           INTEGER PRIMARY KEY,
    letter_id    INTEGER NOT NULL REFERENCES letters(id),
    recipient_id INTEGER REFERENCES letter_recipients(id),
    pdf          BLOB NOT NULL,
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    data         TEXT NOT NULL,
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX archive_by_letter ON archive (letter_id);

CREATE TRIGGER archive_is_immutable_update BEFORE UPDATE ON archive
BEGIN
    SELECT RAISE(ABORT, 'archived letters cannot be changed');
END;
CREATE TRIGGER archive_is_immutable_delete BEFORE DELETE ON archive
BEGIN
    SELECT RAISE(ABORT, 'archived letters cannot be deleted');
END;

CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    letter_id    INTEGER NOT NULL REFERENCES letters(id),
    recipient_id INTEGER REFERENCES letter_recipients(id),
    kind         TEXT NOT NULL CHECK (kind IN ('created', 'edited', 'approved', 'signed',
                     'exported', 'sent', 'followed_up', 'replied')),
    at           TEXT NOT NULL,
    detail       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX events_by_letter ON events (letter_id, at);
