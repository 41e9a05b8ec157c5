-- An issue's staff contact: the person on the team who answers for it (a
-- staff name; on a team record, usually a login). The issue's page, the
-- newsletter's position paragraph and the board report name them.
ALTER TABLE issues ADD COLUMN staff_contact TEXT;
