-- Lists of offices and people the team builds by hand ("KORUS principals").
-- An office on a list is resolved to its holder at each letter's date.
CREATE TABLE saved_lists (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (trim(name) <> ''),
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE saved_list_members (
    list_id   INTEGER NOT NULL REFERENCES saved_lists(id) ON DELETE CASCADE,
    ord       INTEGER NOT NULL,
    office_id INTEGER REFERENCES offices(id),
    person_id INTEGER REFERENCES persons(id),
    PRIMARY KEY (list_id, ord),
    CHECK ((office_id IS NULL) <> (person_id IS NULL))
) STRICT;
