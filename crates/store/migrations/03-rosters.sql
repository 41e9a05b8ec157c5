-- Rosters imported from public data (the congress-legislators snapshot):
-- stable outside ids so an import can be repeated, and a record of which
-- fields staff edited by hand, which imports then leave alone.

ALTER TABLE persons ADD COLUMN bioguide TEXT;
ALTER TABLE persons ADD COLUMN party TEXT;
-- JSON array of field names edited by hand ("full_name", "party", …).
ALTER TABLE persons ADD COLUMN edited TEXT NOT NULL DEFAULT '[]';
CREATE UNIQUE INDEX persons_by_bioguide ON persons (bioguide) WHERE bioguide IS NOT NULL;

-- "sen-CA-1" (Senate seat, class 1), "rep-CA-12", "rep-AK-0" (at large).
ALTER TABLE offices ADD COLUMN seat TEXT;
ALTER TABLE offices ADD COLUMN phone TEXT;
CREATE UNIQUE INDEX offices_by_seat ON offices (seat) WHERE seat IS NOT NULL;

ALTER TABLE terms ADD COLUMN party TEXT;
CREATE UNIQUE INDEX terms_by_holder_start ON terms (person_id, office_id, start_on);
