-- Live changes: every committed write tells the team's open windows which
-- part of the record changed, on the channel `amicus_changes` (LISTEN/
-- NOTIFY). PostgreSQL delivers a notification only once its transaction
-- commits, and merges identical ones within a transaction, so a letter
-- saved with twenty recipients is one notification. The payload is the
-- area's name: letters, officials, positions, templates or settings.

CREATE OR REPLACE FUNCTION amicus_notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('amicus_changes', TG_ARGV[0]);
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t record;
BEGIN
    FOR t IN
        SELECT * FROM (VALUES
            ('letters', 'letters'), ('letter_recipients', 'letters'), ('events', 'letters'),
            ('archive', 'letters'), ('signed_copies', 'letters'),
            ('persons', 'officials'), ('offices', 'officials'), ('terms', 'officials'),
            ('organizations', 'officials'), ('local_offices', 'officials'),
            ('committees', 'officials'), ('committee_members', 'officials'),
            ('saved_lists', 'officials'), ('saved_list_members', 'officials'),
            ('issues', 'positions'), ('positions', 'positions'), ('paragraphs', 'positions'),
            ('templates', 'templates'), ('signers', 'settings'), ('settings', 'settings')
        ) AS v(tbl, area)
    LOOP
        EXECUTE format(
            'CREATE OR REPLACE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I
             FOR EACH STATEMENT EXECUTE FUNCTION amicus_notify_change(%L)',
            t.tbl || '_notify', t.tbl, t.area);
    END LOOP;
END
$$;
