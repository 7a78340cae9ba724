-- Clerkfolio schema, version 1. Append-only: never edit a migration that has shipped;
-- add a new numbered file and list it in store.rs.
CREATE TABLE profile (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    full_name       TEXT NOT NULL DEFAULT '',
    title           TEXT NOT NULL DEFAULT '',
    municipality    TEXT NOT NULL DEFAULT '',
    state           TEXT NOT NULL DEFAULT '',
    country         TEXT NOT NULL DEFAULT '',
    address         TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    member_id       TEXT NOT NULL DEFAULT '',
    ethics_affirmed TEXT
) STRICT;
INSERT INTO profile (id) VALUES (1);

CREATE TABLE evidence (
    id            INTEGER PRIMARY KEY,
    sha256        TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    original_name TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('pdf', 'jpeg', 'png')),
    size          INTEGER NOT NULL CHECK (size > 0),
    pages         INTEGER NOT NULL CHECK (pages > 0),
    added_at      TEXT NOT NULL
) STRICT;

CREATE TABLE membership (
    id           INTEGER PRIMARY KEY,
    member_type  TEXT NOT NULL CHECK (member_type IN ('full', 'additional-full', 'retired', 'associate')),
    organisation TEXT NOT NULL DEFAULT 'IIMC',
    start_date   TEXT NOT NULL,
    end_date     TEXT CHECK (end_date IS NULL OR end_date >= start_date)
) STRICT;

CREATE TABLE designation (
    id          INTEGER PRIMARY KEY,
    program     TEXT NOT NULL,
    awarded_on  TEXT NOT NULL,
    evidence_id INTEGER REFERENCES evidence(id) ON DELETE RESTRICT
) STRICT;

CREATE TABLE education (
    id            INTEGER PRIMARY KEY,
    title         TEXT NOT NULL CHECK (title <> ''),
    provider      TEXT NOT NULL,
    category      TEXT NOT NULL,
    certificate   TEXT NOT NULL DEFAULT '',
    start_date    TEXT NOT NULL,
    end_date      TEXT CHECK (end_date IS NULL OR end_date >= start_date),
    hours         REAL NOT NULL CHECK (hours >= 0),
    points        REAL CHECK (points IS NULL OR points >= 0),
    points_reason TEXT,
    learned       TEXT NOT NULL DEFAULT '',
    level         TEXT CHECK (level IS NULL OR level IN ('basic', 'intermediate', 'advanced')),
    assessment    INTEGER NOT NULL DEFAULT 0 CHECK (assessment IN (0, 1)),
    CHECK ((points IS NULL) = (points_reason IS NULL))
) STRICT;

CREATE TABLE experience (
    id            INTEGER PRIMARY KEY,
    category      TEXT NOT NULL,
    title         TEXT NOT NULL CHECK (title <> ''),
    organisation  TEXT NOT NULL DEFAULT '',
    start_date    TEXT NOT NULL,
    end_date      TEXT CHECK (end_date IS NULL OR end_date >= start_date),
    points        REAL CHECK (points IS NULL OR points >= 0),
    points_reason TEXT,
    notes         TEXT NOT NULL DEFAULT '',
    CHECK ((points IS NULL) = (points_reason IS NULL))
) STRICT;

-- Links: removing a record drops its links; evidence in use cannot be removed.
CREATE TABLE education_evidence (
    education_id INTEGER NOT NULL REFERENCES education(id) ON DELETE CASCADE,
    evidence_id  INTEGER NOT NULL REFERENCES evidence(id) ON DELETE RESTRICT,
    position     INTEGER NOT NULL,
    PRIMARY KEY (education_id, evidence_id)
) STRICT;

CREATE TABLE experience_evidence (
    experience_id INTEGER NOT NULL REFERENCES experience(id) ON DELETE CASCADE,
    evidence_id   INTEGER NOT NULL REFERENCES evidence(id) ON DELETE RESTRICT,
    -- 'proof' backs the record; 'letter' is the employment verification letter for a position.
    role          TEXT NOT NULL CHECK (role IN ('proof', 'letter')),
    position      INTEGER NOT NULL,
    PRIMARY KEY (experience_id, evidence_id, role)
) STRICT;

CREATE INDEX education_evidence_by_evidence ON education_evidence(evidence_id);
CREATE INDEX experience_evidence_by_evidence ON experience_evidence(evidence_id);
