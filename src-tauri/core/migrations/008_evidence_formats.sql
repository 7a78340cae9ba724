-- Clerkfolio schema: evidence may also be TIFF (scanners, copiers) or WebP. 'heic' (phones) is
-- allowed already so that reading HEIC, when it comes (docs/ARCHITECTURE.md says why it has not
-- yet), needs no second rebuild of this table; no version writes it.
-- Append-only: never edit a migration that has shipped; add a new numbered file and list it in
-- store.rs.

-- SQLite cannot change a CHECK constraint in place: the table is rebuilt, its rows keeping their
-- ids, the way SQLite's documentation gives (foreign keys are off while migrations run; the
-- other tables' REFERENCES evidence(id) name the new table once it has the old one's name, and
-- the keys are checked before this commits).
CREATE TABLE evidence_009 (
    id            INTEGER PRIMARY KEY,
    sha256        TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    original_name TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('pdf', 'jpeg', 'png', 'tiff', 'webp', 'heic')),
    size          INTEGER NOT NULL CHECK (size > 0),
    pages         INTEGER NOT NULL CHECK (pages > 0),
    added_at      TEXT NOT NULL
) STRICT;
INSERT INTO evidence_009 (id, sha256, original_name, kind, size, pages, added_at)
    SELECT id, sha256, original_name, kind, size, pages, added_at FROM evidence;
DROP TABLE evidence;
ALTER TABLE evidence_009 RENAME TO evidence;
