-- Congressional committees and subcommittees (the congress-legislators
-- roster's committees-current.yaml), and who sat on each when: a membership
-- starts on the day an import first lists it and ends on the day a newer
-- file no longer does, so a letter's date decides who was a member.
CREATE TABLE committees (
    id         INTEGER PRIMARY KEY,
    -- The roster's code: "SSFI" (Senate Finance), "SSFI13" (its subcommittee).
    code       TEXT NOT NULL UNIQUE CHECK (code <> ''),
    name       TEXT NOT NULL CHECK (name <> ''),
    chamber    TEXT NOT NULL CHECK (chamber IN ('senate', 'house', 'joint')),
    parent_id  INTEGER REFERENCES committees(id),
    -- The day an import no longer listed it.
    retired_on TEXT
) STRICT;

CREATE TABLE committee_members (
    id           INTEGER PRIMARY KEY,
    committee_id INTEGER NOT NULL REFERENCES committees(id),
    person_id    INTEGER NOT NULL REFERENCES persons(id),
    -- Seniority on the member's side (1 = the chair or the ranking member).
    rank         INTEGER,
    -- "Chairman", "Ranking Member", "Vice Chairman", …
    title        TEXT,
    side         TEXT CHECK (side IN ('majority', 'minority')),
    start_on     TEXT NOT NULL,
    end_on       TEXT,
    CHECK (end_on IS NULL OR end_on >= start_on)
) STRICT;
CREATE INDEX committee_members_by_committee ON committee_members (committee_id, start_on);
CREATE UNIQUE INDEX committee_members_open ON committee_members (committee_id, person_id) WHERE end_on IS NULL;
