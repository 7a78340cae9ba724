-- Clerkfolio schema, version 2: reminders. Append-only: never edit a migration that has shipped;
-- add a new numbered file and list it in store.rs.

-- The clerk's own dated reminders (a state's recurring training, an institute's dates).
-- AUTOINCREMENT: an id is never reused, so the dismiss/snooze marks of a removed reminder can
-- never attach to a new one.
CREATE TABLE own_reminder (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    title     TEXT NOT NULL CHECK (title <> ''),
    due_date  TEXT NOT NULL,
    yearly    INTEGER NOT NULL DEFAULT 0 CHECK (yearly IN (0, 1)),
    notes     TEXT NOT NULL DEFAULT '',
    -- Days before the date it starts to show; NULL: the default lead time.
    lead_days INTEGER CHECK (lead_days IS NULL OR lead_days BETWEEN 0 AND 365)
) STRICT;

-- Dismiss and snooze, keyed by the computed reminder id ("anniversary:membership:3:2027").
-- A dismissal names the due date it was given for, so a reminder whose date moves (a course's
-- end date corrected, the eligibility date pushed back) comes back.
CREATE TABLE reminder_mark (
    reminder_id   TEXT PRIMARY KEY CHECK (reminder_id <> ''),
    dismissed_due TEXT,
    snoozed_until TEXT,
    CHECK (dismissed_due IS NOT NULL OR snoozed_until IS NOT NULL)
) STRICT;

-- A lead time chosen for one computed reminder series ("anniversary:membership:3": every year).
CREATE TABLE reminder_lead (
    series    TEXT PRIMARY KEY CHECK (series <> ''),
    lead_days INTEGER NOT NULL CHECK (lead_days BETWEEN 0 AND 365)
) STRICT;

CREATE TABLE reminder_settings (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    -- Days before a dated reminder it starts to show.
    lead_days        INTEGER NOT NULL DEFAULT 30 CHECK (lead_days BETWEEN 0 AND 365),
    -- Days after a course ends before a missing certificate is asked for.
    certificate_days INTEGER NOT NULL DEFAULT 30 CHECK (certificate_days BETWEEN 0 AND 365),
    -- Random, made once: keeps the UIDs of exported calendar events unique to this portfolio
    -- and stable across exports, so re-importing updates events instead of duplicating them.
    calendar_token   TEXT NOT NULL CHECK (length(calendar_token) = 16)
) STRICT;
INSERT INTO reminder_settings (id, calendar_token) VALUES (1, lower(hex(randomblob(8))));
