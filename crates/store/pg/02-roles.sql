-- Least-privilege roles for the team record, enforced by the server.
--
-- Run by an administrator (a superuser, or a role with CREATEROLE that owns
-- the schema's objects) after 01-schema.sql, in each database. Roles are
-- cluster-wide, so they are created only when missing: this file can be run
-- again, and in a second database of the same cluster. Run it again after
-- a later schema change too, so new tables get their grants. Run it in one
-- transaction (psql -1 -v ON_ERROR_STOP=1 -f 02-roles.sql), so that running
-- it again never leaves a moment without grants.
--
--   amicus_drafter   writes letters and the rosters; cannot approve or sign
--   amicus_approver  + approves letters (draft → approved)
--   amicus_signer    + signs letters (approved → signed), keeps signed copies
--   amicus_admin     all of the above, + the four-eyes setting
--
-- A person's login role is made a member of one of them, e.g.
--   CREATE ROLE dana LOGIN PASSWORD '…' IN ROLE amicus_drafter;
-- Superusers and members of amicus_admin pass every role rule (the tests
-- run as the superuser); the record rules of 01-schema.sql bind everyone.

-- ---------------------------------------------------------------------------
-- Roles.

DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['amicus_drafter', 'amicus_approver', 'amicus_signer', 'amicus_admin'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', r);
        END IF;
    END LOOP;
END
$$;

-- Memberships (granting one again only says so).
DO $$
DECLARE
    g record;
BEGIN
    FOR g IN
        SELECT * FROM (VALUES
            ('amicus_drafter', 'amicus_approver'),
            ('amicus_drafter', 'amicus_signer'),
            ('amicus_drafter', 'amicus_admin'),
            ('amicus_approver', 'amicus_admin'),
            ('amicus_signer', 'amicus_admin')) AS v(role_name, member)
    LOOP
        IF NOT pg_has_role(g.member, g.role_name, 'member') THEN
            EXECUTE format('GRANT %I TO %I', g.role_name, g.member);
        END IF;
    END LOOP;
END
$$;

-- ---------------------------------------------------------------------------
-- Privileges. Granted to amicus_drafter; the other three inherit them
-- through their membership. Nobody but the owner gets TRUNCATE, REFERENCES,
-- TRIGGER or DDL (PostgreSQL 15 no longer lets PUBLIC create in `public`;
-- said again here for databases upgraded from older versions).

REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO amicus_drafter, amicus_approver, amicus_signer, amicus_admin;

-- Start from nothing, so running this again after a change takes back what
-- is no longer granted.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM amicus_drafter, amicus_approver, amicus_signer, amicus_admin;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM amicus_drafter, amicus_approver, amicus_signer, amicus_admin;

GRANT SELECT ON ALL TABLES IN SCHEMA public TO amicus_drafter;

-- The working tables.
GRANT INSERT, UPDATE ON
    persons, offices, terms, organizations, issues, positions, templates, signers,
    letters, letter_recipients, local_offices, committees, committee_members,
    saved_lists, saved_list_members, paragraphs, settings, search
TO amicus_drafter;

-- The record: written once.
GRANT INSERT ON events, archive, signed_copies TO amicus_drafter;

-- DELETE only where the store deletes (grep "DELETE FROM" crates/store/src):
--   letter_recipients   editing an unsent letter replaces its recipients
--   terms, local_offices a roster import retires rows it no longer lists
--   saved_lists, saved_list_members  deleting or rewriting a saved list
--   paragraphs          deleting a stock paragraph
GRANT DELETE ON letter_recipients, terms, local_offices, saved_lists, saved_list_members, paragraphs
TO amicus_drafter;

GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO amicus_drafter;

-- Tables of later steps, once they exist, so a run of this file after them
-- keeps their grants: follow-up work (05-followups.sql), written once; the
-- record rules' warrants (06-record-rules.sql), nobody's but the record's
-- own functions.
DO $$
BEGIN
    IF to_regclass('public.copy_contacts') IS NOT NULL THEN
        GRANT INSERT ON copy_contacts, reply_files TO amicus_drafter;
    END IF;
    IF to_regclass('public.amicus_warrants') IS NOT NULL THEN
        REVOKE ALL ON amicus_warrants FROM amicus_drafter, amicus_approver, amicus_signer, amicus_admin;
        REVOKE ALL ON SEQUENCE amicus_warrants_id_seq FROM amicus_drafter, amicus_approver, amicus_signer, amicus_admin;
    END IF;
END
$$;

-- ---------------------------------------------------------------------------
-- Role rules.

-- True for superusers and members of amicus_admin.
CREATE OR REPLACE FUNCTION amicus_privileged() RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT pg_has_role(session_user, 'amicus_admin', 'member')
        OR coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)
$$;

-- Letters move draft → approved → signed → sent (and back to draft while
-- unsent, when edited). Approving takes an approver, signing a signer; the
-- order cannot be skipped; a sent letter stays sent (for everyone: the
-- record rule that 01's letters_sent_are_final does not cover, a
-- status-only UPDATE). With the setting four_eyes = true, the approver
-- must not be the login that created the letter (the actor of its first
-- 'created' event); this binds administrators too (they can turn it off).
CREATE OR REPLACE FUNCTION amicus_letter_roles() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    old_status text := CASE WHEN TG_OP = 'UPDATE' THEN OLD.status END;
    privileged boolean;
    drafter    text;
BEGIN
    IF old_status IS NOT DISTINCT FROM NEW.status THEN
        RETURN NEW;
    END IF;
    IF old_status = 'sent' THEN
        RAISE EXCEPTION 'a sent letter cannot be edited' USING ERRCODE = 'AM001';
    END IF;
    privileged := amicus_privileged();

    IF NEW.status = 'approved' AND NOT privileged
       AND NOT pg_has_role(session_user, 'amicus_approver', 'member') THEN
        RAISE EXCEPTION 'permission denied: only an approver may approve a letter'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.status = 'signed' AND NOT privileged
       AND NOT pg_has_role(session_user, 'amicus_signer', 'member') THEN
        RAISE EXCEPTION 'permission denied: only a signer may sign a letter'
            USING ERRCODE = 'insufficient_privilege';
    END IF;

    IF NOT privileged THEN
        IF TG_OP = 'INSERT' AND NEW.status <> 'draft' THEN
            RAISE EXCEPTION 'permission denied: a new letter starts as a draft'
                USING ERRCODE = 'insufficient_privilege';
        ELSIF NEW.status = 'approved' AND old_status <> 'draft' THEN
            RAISE EXCEPTION 'permission denied: only a draft can be approved'
                USING ERRCODE = 'insufficient_privilege';
        ELSIF NEW.status = 'signed' AND old_status <> 'approved' THEN
            RAISE EXCEPTION 'permission denied: only an approved letter can be signed'
                USING ERRCODE = 'insufficient_privilege';
        ELSIF NEW.status = 'sent' AND old_status <> 'signed' THEN
            RAISE EXCEPTION 'permission denied: only a signed letter can be sent'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;

    IF NEW.status = 'approved'
       AND EXISTS (SELECT 1 FROM settings WHERE key = 'four_eyes' AND btrim(value) = 'true') THEN
        SELECT actor INTO drafter FROM events
        WHERE letter_id = NEW.id AND kind = 'created' ORDER BY id LIMIT 1;
        IF drafter IS NULL OR drafter = session_user THEN
            RAISE EXCEPTION 'permission denied: the four-eyes rule needs an approver other than the drafter'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    RETURN NEW;
END
$$;

CREATE OR REPLACE TRIGGER letters_roles BEFORE INSERT OR UPDATE OF status ON letters
FOR EACH ROW EXECUTE FUNCTION amicus_letter_roles();

-- The recipients of a sent letter stay (DELETE is granted for editing
-- unsent letters only).
CREATE OR REPLACE FUNCTION amicus_sent_recipients_stay() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM letters WHERE id = OLD.letter_id AND status = 'sent') THEN
        RAISE EXCEPTION 'a sent letter cannot be edited' USING ERRCODE = 'AM001';
    END IF;
    RETURN OLD;
END
$$;

CREATE OR REPLACE TRIGGER recipients_of_sent_letters_stay BEFORE DELETE ON letter_recipients
FOR EACH ROW EXECUTE FUNCTION amicus_sent_recipients_stay();

-- A signed copy is kept by a signer, as the letter is signed.
CREATE OR REPLACE FUNCTION amicus_signed_copy_roles() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT amicus_privileged() AND NOT pg_has_role(session_user, 'amicus_signer', 'member') THEN
        RAISE EXCEPTION 'permission denied: only a signer may sign a letter'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;

CREATE OR REPLACE TRIGGER signed_copies_roles BEFORE INSERT ON signed_copies
FOR EACH ROW EXECUTE FUNCTION amicus_signed_copy_roles();

-- events.actor is the login that wrote the row, and events.at the
-- server's clock when it was written (in the text form the store writes:
-- "2026-11-30 14:05:09.123456+00:00"): only administrators (an import)
-- may say otherwise.
CREATE OR REPLACE FUNCTION amicus_event_actor() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT amicus_privileged() THEN
        NEW.actor := session_user;
        NEW.at := to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00:00';
    END IF;
    RETURN NEW;
END
$$;

CREATE OR REPLACE TRIGGER events_actor BEFORE INSERT ON events
FOR EACH ROW EXECUTE FUNCTION amicus_event_actor();

-- The four-eyes rule, and the organization's own settings (its name and the
-- short name reports use, letterhead and address, its time zone, its mail
-- server), are the administrators' to set. (Step 12 brought records set up
-- before the short name was added to this; running this step again keeps it.)
CREATE OR REPLACE FUNCTION amicus_settings_roles() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF ((TG_OP <> 'INSERT' AND OLD.key = 'four_eyes') OR (TG_OP <> 'DELETE' AND NEW.key = 'four_eyes'))
       AND NOT amicus_privileged() THEN
        RAISE EXCEPTION 'permission denied: only an administrator may change the four-eyes rule'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF ((TG_OP <> 'INSERT' AND OLD.key IN ('organization', 'organization_short_name', 'time_zone', 'mail'))
        OR (TG_OP <> 'DELETE' AND NEW.key IN ('organization', 'organization_short_name', 'time_zone', 'mail')))
       AND NOT amicus_privileged() THEN
        RAISE EXCEPTION 'permission denied: only an administrator may change the organization''s settings (its name and short name, letterhead, time zone, mail server)'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE OR REPLACE TRIGGER settings_roles BEFORE INSERT OR UPDATE OR DELETE ON settings
FOR EACH ROW EXECUTE FUNCTION amicus_settings_roles();
