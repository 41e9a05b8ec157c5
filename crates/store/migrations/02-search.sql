-- Full-text search over letters, officials, offices and positions.
-- One FTS5 table; rowid = id * 4 + kind (0 letter, 1 person, 2 office,
-- 3 position), so a row is found and replaced without a scan.

CREATE VIRTUAL TABLE search USING fts5(
    title, body,
    -- Porter stemming: "tariffs" finds "tariff". Prefix indexes keep
    -- as-you-type searches of two or three letters fast.
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TRIGGER search_letter_insert AFTER INSERT ON letters BEGIN
    INSERT INTO search (rowid, title, body) VALUES (NEW.id * 4, NEW.subject, NEW.body);
END;
CREATE TRIGGER search_letter_update AFTER UPDATE OF subject, body ON letters BEGIN
    DELETE FROM search WHERE rowid = OLD.id * 4;
    INSERT INTO search (rowid, title, body) VALUES (NEW.id * 4, NEW.subject, NEW.body);
END;

CREATE TRIGGER search_person_insert AFTER INSERT ON persons BEGIN
    INSERT INTO search (rowid, title, body) VALUES (NEW.id * 4 + 1, NEW.full_name, coalesce(NEW.email, ''));
END;
CREATE TRIGGER search_person_update AFTER UPDATE OF full_name, email ON persons BEGIN
    DELETE FROM search WHERE rowid = OLD.id * 4 + 1;
    INSERT INTO search (rowid, title, body) VALUES (NEW.id * 4 + 1, NEW.full_name, coalesce(NEW.email, ''));
END;

CREATE TRIGGER search_office_insert AFTER INSERT ON offices BEGIN
    INSERT INTO search (rowid, title, body) VALUES (NEW.id * 4 + 2, NEW.title, coalesce(NEW.short_name, ''));
END;
CREATE TRIGGER search_office_update AFTER UPDATE OF title, short_name ON offices BEGIN
    DELETE FROM search WHERE rowid = OLD.id * 4 + 2;
    INSERT INTO search (rowid, title, body) VALUES (NEW.id * 4 + 2, NEW.title, coalesce(NEW.short_name, ''));
END;

CREATE TRIGGER search_position_insert AFTER INSERT ON positions BEGIN
    INSERT INTO search (rowid, title, body)
    SELECT NEW.id * 4 + 3, issues.name, NEW.statement || ' ' || NEW.rationale
    FROM issues WHERE issues.id = NEW.issue_id;
END;

INSERT INTO search (rowid, title, body) SELECT id * 4, subject, body FROM letters;
INSERT INTO search (rowid, title, body) SELECT id * 4 + 1, full_name, coalesce(email, '') FROM persons;
INSERT INTO search (rowid, title, body) SELECT id * 4 + 2, title, coalesce(short_name, '') FROM offices;
INSERT INTO search (rowid, title, body)
    SELECT positions.id * 4 + 3, issues.name, statement || ' ' || rationale
    FROM positions JOIN issues ON issues.id = positions.issue_id;
