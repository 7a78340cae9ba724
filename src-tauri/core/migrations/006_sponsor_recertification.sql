-- Clerkfolio schema, version 6: who sponsored an education program, and recertifications.
-- Append-only: never edit a migration that has shipped; add a new numbered file and list it in
-- store.rs.

-- The 2 contact hours = 1 point rate is stated by institutes and academies sponsored by a state
-- association; for other sponsors the points are open. Records from before this version did not
-- say who sponsored them: 'unknown' (they keep the inferred estimate they had, shown as such).
ALTER TABLE education ADD COLUMN sponsor TEXT NOT NULL DEFAULT 'unknown'
    CHECK (sponsor IN ('unknown', 'state-association', 'iimc', 'university', 'other'));

-- A CMC recertification is a designation of its own date: the MMC counts only material dated
-- after the latest prior designation (CMC, CMC recertification, prior levels). Designations
-- from before this version were awards: 0.
ALTER TABLE designation ADD COLUMN recertification INTEGER NOT NULL DEFAULT 0 CHECK (recertification IN (0, 1));
