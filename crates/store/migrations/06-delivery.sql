-- Where an office takes letters other than by post: an e-mail address and a
-- web contact form (the congress roster's `contact_form`). A person's own
-- e-mail address (persons.email) is used first when the record has one.
ALTER TABLE offices ADD COLUMN email TEXT;
ALTER TABLE offices ADD COLUMN contact_form TEXT;
