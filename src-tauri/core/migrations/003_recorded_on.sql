-- Clerkfolio schema, version 3: the day each education and experience record was entered.
-- Append-only: never edit a migration that has shipped; add a new numbered file and list it in store.rs.

-- A follow-up (attach the certificate, the employment letter) counts from the later of the
-- event's date and this day, so a back-dated record is not overdue the moment it is entered.
-- NULL for records entered before this version: the day is unknown, and the follow-up counts
-- from the event's date as it did.
ALTER TABLE education ADD COLUMN recorded_on TEXT;
ALTER TABLE experience ADD COLUMN recorded_on TEXT;
