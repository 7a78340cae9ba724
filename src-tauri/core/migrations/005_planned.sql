-- Clerkfolio schema, version 5: planned activities. Append-only: never edit a migration that has
-- shipped; add a new numbered file and list it in store.rs.

-- A planned record (an institute week she is registered for, next spring's conference) is dated
-- when it is expected to happen. It never counts as earned: the rules report its points apart and
-- project the day eligibility would be reached if it happens as planned. Marked done (0) once it
-- has happened. Records from before this version happened: 0.
ALTER TABLE education ADD COLUMN planned INTEGER NOT NULL DEFAULT 0 CHECK (planned IN (0, 1));
ALTER TABLE experience ADD COLUMN planned INTEGER NOT NULL DEFAULT 0 CHECK (planned IN (0, 1));
