-- A Capitol office address belongs to the member's term, not to the seat
-- (issue 30): a back-dated letter goes to the rooms the person had then.
-- NULL: no address is known for that term (the office's own address, today's,
-- is then used, with a warning when someone else holds the office since).
-- Lines are newline-separated, as offices.address.
ALTER TABLE terms ADD COLUMN address TEXT;
