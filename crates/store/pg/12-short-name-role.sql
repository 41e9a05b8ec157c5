-- How the organization is named in a sentence ("the Chamber",
-- `organization_short_name`) is part of its name, and so the
-- administrators' to set, as its name and letterhead are. The position
-- paragraph's template (`position_paragraph_template`) stays the team's to
-- edit, as letter templates are. The app writes only the settings that
-- change, so a drafter saving the paragraph's template alone is not refused
-- for the short name beside it.
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
