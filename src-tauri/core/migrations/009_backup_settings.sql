-- Clerkfolio schema: automatic backups. Append-only: never edit a migration that has shipped;
-- add a new numbered file and list it in store.rs.

-- Where the automatic backups go and whether the app makes them. Kept in the database so the
-- app and `clerkfolio backup --auto` (a scheduled task) use the same folder, and a restored
-- portfolio keeps its choice.
CREATE TABLE backup_settings (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    -- 1: the app backs up on its own after a change (at most once a day) and when it closes.
    automatic INTEGER NOT NULL DEFAULT 1 CHECK (automatic IN (0, 1)),
    -- The folder chosen in Settings; NULL: `Clerkfolio Backups` in the clerk's Documents.
    folder    TEXT CHECK (folder IS NULL OR folder <> '')
) STRICT;
INSERT INTO backup_settings (id) VALUES (1);
