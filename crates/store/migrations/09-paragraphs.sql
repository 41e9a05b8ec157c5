-- Stock paragraphs: text the team reuses across letters ("KORUS by the
-- numbers"), with a title, an optional issue and tags. A letter records the
-- paragraphs it took (in its extra JSON), so their source stays known.
CREATE TABLE paragraphs (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (trim(title) <> ''),
    body       TEXT NOT NULL CHECK (trim(body) <> ''),
    issue_id   INTEGER REFERENCES issues(id),
    -- Lower-case words separated by single spaces ("trade autos korea").
    tags       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
