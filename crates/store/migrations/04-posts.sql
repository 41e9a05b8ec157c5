-- Curated rosters (executive and foreign posts) join Congress: a person's
-- outside key is no longer only a Biographical Directory id, so the column
-- gets a general name ("A000055" from Congress, "post:ross-wilbur" from the
-- posts dataset). Members' district and state offices are kept too.

DROP INDEX persons_by_bioguide;
ALTER TABLE persons RENAME COLUMN bioguide TO roster_key;
CREATE UNIQUE INDEX persons_by_roster_key ON persons (roster_key) WHERE roster_key IS NOT NULL;

-- Offices a member keeps outside the Capitol ("A000055-cullman"): where
-- constituents and staff can also write or call. Replaced as a whole by
-- each roster import; they are contact details, not history.
CREATE TABLE local_offices (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES persons(id),
    key       TEXT NOT NULL UNIQUE,
    city      TEXT NOT NULL,
    -- Mailing address lines, newline-separated.
    address   TEXT NOT NULL,
    phone     TEXT,
    fax       TEXT
) STRICT;
CREATE INDEX local_offices_by_person ON local_offices (person_id);
