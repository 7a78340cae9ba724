-- Clerkfolio schema, version 7: applications sent to IIMC, kept as records. Append-only: never
-- edit a migration that has shipped; add a new numbered file and list it in store.rs.

-- A packet the clerk marked as submitted: the file itself is an evidence row (in the vault under
-- its SHA-256, so backups, restores and `verify` carry and check it like any certificate).
-- Material used, even in part, for the CMC cannot count for the MMC: while an application is
-- submitted or approved, its records are left out of the programs that follow it. A returned one
-- releases them. AUTOINCREMENT: an id is never reused.
CREATE TABLE application (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    program        TEXT NOT NULL CHECK (program <> ''),
    submitted_on   TEXT NOT NULL,
    packet_id      INTEGER NOT NULL REFERENCES evidence (id) ON DELETE RESTRICT,
    -- The day the packet was generated (from the list of contents inside it).
    generated_on   TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'approved', 'returned')),
    -- approved: the award date; returned: the day it was marked returned. NULL while submitted.
    decided_on     TEXT,
    note           TEXT NOT NULL DEFAULT '',
    -- The designation an approval created (the clerk may remove it later).
    designation_id INTEGER REFERENCES designation (id) ON DELETE SET NULL,
    CHECK ((status = 'submitted') = (decided_on IS NULL))
) STRICT;

-- The records the packet contained, each with its content as submitted (JSON of its fields and
-- its files' hashes), so a later edit shows. No foreign key: a record removed later leaves its
-- snapshot, which says what was sent.
CREATE TABLE application_record (
    application_id INTEGER NOT NULL REFERENCES application (id) ON DELETE CASCADE,
    record         TEXT NOT NULL CHECK (record IN ('education', 'experience')),
    record_id      INTEGER NOT NULL,
    title          TEXT NOT NULL,
    snapshot       TEXT NOT NULL,
    PRIMARY KEY (application_id, record, record_id)
) STRICT;

-- The exhibits it contained, by the SHA-256 of their content. `submitted_with`: an exhibit an
-- MMC packet listed as already submitted with that earlier application instead of appending it.
CREATE TABLE application_exhibit (
    application_id INTEGER NOT NULL REFERENCES application (id) ON DELETE CASCADE,
    label          TEXT NOT NULL,
    title          TEXT NOT NULL,
    sha256         TEXT NOT NULL CHECK (length(sha256) = 64),
    submitted_with INTEGER REFERENCES application (id),
    PRIMARY KEY (application_id, label)
) STRICT;
