-- Clerkfolio schema, version 4: certificates read into records. Append-only: never edit a
-- migration that has shipped; add a new numbered file and list it in store.rs.

-- The review queue: certificates read and waiting for the clerk to accept (a record is made, the
-- file attached) or skip (the item goes). Nothing here counts toward progress. The file stays
-- where she keeps it until she accepts; its hash tells whether it changed in between.
CREATE TABLE intake_item (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    path     TEXT NOT NULL CHECK (path <> ''),
    sha256   TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    -- certificate::Reading as JSON: the fields read, with the words they came from.
    reading  TEXT NOT NULL,
    added_at TEXT NOT NULL
) STRICT;

-- An education record made from a certificate: what was read (she may have corrected it before
-- accepting; the record holds what she confirmed).
CREATE TABLE education_reading (
    education_id INTEGER PRIMARY KEY REFERENCES education (id) ON DELETE CASCADE,
    reading      TEXT NOT NULL
) STRICT;
