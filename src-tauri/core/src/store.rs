//! The SQLite file. Opened with the same PRAGMAs every time (foreign keys on, WAL, `synchronous =
//! FULL` because a single clerk's years of records matter more than write speed), migrated with
//! append-only numbered migrations tracked by `user_version`. A database from a newer Clerkfolio
//! is refused before anything touches it. Reads and writes here are plain functions on a
//! connection or transaction; `workspace` decides the transaction boundaries (one per user action).

pub mod applications;
pub mod intake;
mod reminders;

pub use reminders::*;

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Row, Transaction, params};
use rusqlite_migration::{M, Migrations};

use crate::error::{Error, Result};
use crate::model::*;

/// Marks the file as ours (`PRAGMA application_id`), so a foreign SQLite file is refused.
const APPLICATION_ID: i32 = 0x436c_6b66; // "Clkf"

/// Never remove or edit an entry: each one has run on some clerk's machine.
const MIGRATION_SQL: &[&str] = &[
    include_str!("../migrations/001_portfolio.sql"),
    include_str!("../migrations/002_reminders.sql"),
    include_str!("../migrations/003_recorded_on.sql"),
    include_str!("../migrations/004_certificates.sql"),
    include_str!("../migrations/005_planned.sql"),
    include_str!("../migrations/006_sponsor_recertification.sql"),
    include_str!("../migrations/007_applications.sql"),
    include_str!("../migrations/008_evidence_formats.sql"),
    include_str!("../migrations/009_backup_settings.sql"),
    include_str!("../migrations/010_heic_rendition.sql"),
];

pub fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATION_SQL.iter().map(|sql| M::up(sql).foreign_key_check()).collect())
}

/// The schema version this build writes.
pub fn schema_version() -> i64 {
    MIGRATION_SQL.len() as i64
}

/// Between two tries for a lock another connection holds.
const BUSY_PAUSE: std::time::Duration = std::time::Duration::from_millis(20);

/// SQLite's busy handler (`tries`: how often it was called for this wait): wait in short
/// pauses up to `datadir::LOCK_WAIT`, saying once, after a moment, what is waiting; then give
/// up (the error becomes the message in `Error::from`).
fn busy(tries: i32) -> bool {
    let limit = (crate::datadir::LOCK_WAIT.as_millis() / BUSY_PAUSE.as_millis()) as i32;
    if tries == 10 {
        crate::datadir::notify_wait(&format!(
            "waiting for another Clerkfolio (the app or a command) to finish writing to the portfolio (at most {} seconds)…",
            crate::datadir::LOCK_WAIT.as_secs()
        ));
    }
    if tries >= limit {
        return false;
    }
    std::thread::sleep(BUSY_PAUSE);
    true
}

/// Opens (creating if needed) and migrates the portfolio database.
pub fn open(path: &Path) -> Result<Connection> {
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| plain(path, e))?;
    conn.busy_handler(Some(busy))?;
    // Checked before any PRAGMA that writes, so a foreign or newer file stays byte-for-byte as it was.
    let (app_id, version): (i32, i64) = conn
        .query_row("SELECT application_id, user_version FROM pragma_application_id, pragma_user_version", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .map_err(|e| plain(path, e))?;
    if app_id != 0 && app_id != APPLICATION_ID {
        return Err(Error::Integrity(format!(
            "{} is not a Clerkfolio database (another program's SQLite file); choose another data folder",
            path.display()
        )));
    }
    if version > schema_version() {
        return Err(Error::NewerDatabase(format!(
            "the portfolio at {} was saved by a newer version of Clerkfolio (data version {version}, this one reads up to {}); \
             install the newer Clerkfolio to open it. Nothing was changed.",
            path.display(),
            schema_version()
        )));
    }
    if version == 0 && app_id == 0 {
        let foreign_tables: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table'", [], |r| r.get(0))?;
        if foreign_tables > 0 {
            return Err(Error::Integrity(format!(
                "{} is not a Clerkfolio database; choose another data folder",
                path.display()
            )));
        }
    }
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    // Foreign keys are off while migrating (the bundled SQLite starts with them on): a migration
    // that rebuilds a table (SQLite's way to change a constraint) drops the old one, which they
    // would refuse while rows point at it. Each migration checks the keys before it commits.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    migrations().to_latest(&mut conn)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    if app_id == 0 {
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    Ok(conn)
}

fn plain(path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => Error::Integrity(format!(
            "{} is not a Clerkfolio database or is damaged; restore it from a backup or choose another data folder",
            path.display()
        )),
        // SQLite does not say why it cannot open its files (the WAL and shared-memory files are
        // created on open). A folder that is read-only, not ours, or on a full disk are the
        // usual reasons and the ones the clerk can fix, so try writing there to find out.
        Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::SystemIoFailure) => {
            let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            match cannot_write_in(folder) {
                Some(why) => Error::io(format!("cannot open the portfolio database at {}", path.display()), why),
                None if e.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen) => Error::Io {
                    context: format!("cannot open the portfolio database at {}", path.display()),
                    source: std::io::Error::other(e.to_string()),
                },
                None => Error::from(e),
            }
        }
        _ => Error::from(e),
    }
}

/// Why nothing can be written in `folder` (read-only, permission denied, disk full), found by
/// writing 64 KiB to a temp file there (removed at once); None if that works.
fn cannot_write_in(folder: &Path) -> Option<std::io::Error> {
    use std::io::Write;
    if !folder.is_dir() {
        return None;
    }
    match tempfile::tempfile_in(folder) {
        Err(e) => Some(e),
        Ok(mut probe) => probe.write_all(&[0u8; 64 * 1024]).and_then(|_| probe.sync_all()).err(),
    }
}

/// `PRAGMA integrity_check` and `foreign_key_check`; returns the problems found.
/// SQLite's counter of commits made by OTHER connections to this file (`PRAGMA data_version`):
/// how the app notices that the command line changed the portfolio while it was open.
pub fn data_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
}

pub fn integrity_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
        let row = row?;
        if row != "ok" {
            problems.push(format!("database: {row}"));
        }
    }
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (table, rowid) = row?;
        problems.push(format!("database: {table} row {rowid} points at a missing record"));
    }
    Ok(problems)
}

fn date(text: String) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

fn opt_date(text: Option<String>) -> rusqlite::Result<Option<NaiveDate>> {
    text.map(date).transpose()
}

fn entered(points: Option<f64>, reason: Option<String>) -> Option<EnteredPoints> {
    points.map(|points| EnteredPoints { points, reason: reason.unwrap_or_default() })
}

fn conversion_error(column: usize, message: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, message.into())
}

// ---------------------------------------------------------------- profile

pub fn profile(conn: &Connection) -> Result<Profile> {
    Ok(conn.query_row(
        "SELECT full_name, title, municipality, state, country, address, email, phone, member_id, ethics_affirmed
         FROM profile WHERE id = 1",
        [],
        |r| {
            Ok(Profile {
                full_name: r.get(0)?,
                title: r.get(1)?,
                municipality: r.get(2)?,
                state: r.get(3)?,
                country: r.get(4)?,
                address: r.get(5)?,
                email: r.get(6)?,
                phone: r.get(7)?,
                member_id: r.get(8)?,
                ethics_affirmed: opt_date(r.get(9)?)?,
            })
        },
    )?)
}

pub fn save_profile(tx: &Transaction, p: &Profile) -> Result<()> {
    tx.execute(
        "UPDATE profile SET full_name = ?1, title = ?2, municipality = ?3, state = ?4, country = ?5, address = ?6,
                email = ?7, phone = ?8, member_id = ?9, ethics_affirmed = ?10 WHERE id = 1",
        params![
            p.full_name,
            p.title,
            p.municipality,
            p.state,
            p.country,
            p.address,
            p.email,
            p.phone,
            p.member_id,
            p.ethics_affirmed.map(|d| d.to_string())
        ],
    )?;
    Ok(())
}

// ---------------------------------------------------------------- membership

fn membership_row(r: &Row) -> rusqlite::Result<Membership> {
    let kind: String = r.get(1)?;
    Ok(Membership {
        id: r.get(0)?,
        member_type: MemberType::parse(&kind).map_err(|e| conversion_error(1, e.to_string()))?,
        organisation: r.get(2)?,
        start: date(r.get(3)?)?,
        end: opt_date(r.get(4)?)?,
    })
}

const MEMBERSHIP_COLUMNS: &str = "id, member_type, organisation, start_date, end_date";

pub fn memberships(conn: &Connection) -> Result<Vec<Membership>> {
    let mut stmt =
        conn.prepare(&format!("SELECT {MEMBERSHIP_COLUMNS} FROM membership ORDER BY start_date, id"))?;
    let rows = stmt.query_map([], membership_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn membership(conn: &Connection, id: i64) -> Result<Membership> {
    conn.query_row(&format!("SELECT {MEMBERSHIP_COLUMNS} FROM membership WHERE id = ?1"), [id], membership_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("no membership period with id {id}")).hint("see `clerkfolio list membership`"))
}

pub fn save_membership(tx: &Transaction, m: &Membership) -> Result<i64> {
    let values = params![m.member_type.id(), m.organisation, m.start.to_string(), m.end.map(|d| d.to_string())];
    if m.id == 0 {
        tx.execute(
            "INSERT INTO membership (member_type, organisation, start_date, end_date) VALUES (?1, ?2, ?3, ?4)",
            values,
        )?;
        Ok(tx.last_insert_rowid())
    } else {
        tx.execute(
            "UPDATE membership SET member_type = ?1, organisation = ?2, start_date = ?3, end_date = ?4 WHERE id = ?5",
            params![m.member_type.id(), m.organisation, m.start.to_string(), m.end.map(|d| d.to_string()), m.id],
        )?;
        Ok(m.id)
    }
}

// ---------------------------------------------------------------- designation

pub fn designations(conn: &Connection) -> Result<Vec<Designation>> {
    let mut stmt =
        conn.prepare("SELECT id, program, awarded_on, evidence_id, recertification FROM designation ORDER BY awarded_on, id")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Designation {
                id: r.get(0)?,
                program: r.get(1)?,
                awarded_on: date(r.get(2)?)?,
                evidence: r.get(3)?,
                recertification: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn insert_designation(tx: &Transaction, d: &Designation) -> Result<i64> {
    tx.execute(
        "INSERT INTO designation (program, awarded_on, evidence_id, recertification) VALUES (?1, ?2, ?3, ?4)",
        params![d.program, d.awarded_on.to_string(), d.evidence, d.recertification],
    )?;
    Ok(tx.last_insert_rowid())
}

// ---------------------------------------------------------------- education

const EDUCATION_COLUMNS: &str = "id, title, provider, category, certificate, start_date, end_date, hours, points, \
                                 points_reason, learned, level, assessment, recorded_on, \
                                 EXISTS (SELECT 1 FROM education_reading r WHERE r.education_id = education.id), planned, sponsor";

fn education_row(r: &Row) -> rusqlite::Result<Education> {
    let level: Option<String> = r.get(11)?;
    Ok(Education {
        id: r.get(0)?,
        title: r.get(1)?,
        provider: r.get(2)?,
        category: r.get(3)?,
        certificate: r.get(4)?,
        start: date(r.get(5)?)?,
        end: opt_date(r.get(6)?)?,
        hours: r.get(7)?,
        entered: entered(r.get(8)?, r.get(9)?),
        learned: r.get(10)?,
        level: level.map(|l| Level::parse(&l).map_err(|e| conversion_error(11, e.to_string()))).transpose()?,
        assessment: r.get(12)?,
        recorded_on: opt_date(r.get(13)?)?,
        from_certificate: r.get(14)?,
        planned: r.get(15)?,
        sponsor: Sponsor::parse(&r.get::<_, String>(16)?).map_err(|e| conversion_error(16, e.to_string()))?,
        evidence: Vec::new(),
    })
}

pub fn education_list(conn: &Connection) -> Result<Vec<Education>> {
    let mut stmt =
        conn.prepare(&format!("SELECT {EDUCATION_COLUMNS} FROM education ORDER BY coalesce(end_date, start_date), id"))?;
    let mut rows: Vec<Education> = stmt.query_map([], education_row)?.collect::<rusqlite::Result<_>>()?;
    let links = links(conn, "SELECT education_id, evidence_id FROM education_evidence ORDER BY position")?;
    for row in &mut rows {
        row.evidence = links.iter().filter(|(id, _)| *id == row.id).map(|(_, e)| *e).collect();
    }
    Ok(rows)
}

pub fn education(conn: &Connection, id: i64) -> Result<Education> {
    let mut row = conn
        .query_row(&format!("SELECT {EDUCATION_COLUMNS} FROM education WHERE id = ?1"), [id], education_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("no education record with id {id}")).hint("see `clerkfolio list education`"))?;
    row.evidence = links(conn, &format!("SELECT {id}, evidence_id FROM education_evidence WHERE education_id = {id} ORDER BY position"))?
        .into_iter()
        .map(|(_, e)| e)
        .collect();
    Ok(row)
}

pub fn save_education(tx: &Transaction, e: &Education) -> Result<i64> {
    let (points, reason) = split_entered(&e.entered);
    let values = params![
        e.title,
        e.provider,
        e.category,
        e.certificate,
        e.start.to_string(),
        e.end.map(|d| d.to_string()),
        e.hours,
        points,
        reason,
        e.learned,
        e.level.map(Level::id),
        e.assessment,
        e.planned,
        e.sponsor.id(),
    ];
    let id = if e.id == 0 {
        // recorded_on is written once, here: an edit never moves the day a record was entered.
        tx.execute(
            "INSERT INTO education (title, provider, category, certificate, start_date, end_date, hours, points,
                                    points_reason, learned, level, assessment, planned, sponsor, recorded_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            rusqlite::params_from_iter(values.iter().copied().chain(std::iter::once(&recorded_on(e.recorded_on) as &dyn rusqlite::ToSql))),
        )?;
        tx.last_insert_rowid()
    } else {
        tx.execute(
            "UPDATE education SET title = ?1, provider = ?2, category = ?3, certificate = ?4, start_date = ?5,
                    end_date = ?6, hours = ?7, points = ?8, points_reason = ?9, learned = ?10, level = ?11,
                    assessment = ?12, planned = ?13, sponsor = ?14 WHERE id = ?15",
            rusqlite::params_from_iter(values.iter().copied().chain(std::iter::once(&e.id as &dyn rusqlite::ToSql))),
        )?;
        e.id
    };
    for evidence in &e.evidence {
        tx.execute(
            "INSERT OR IGNORE INTO education_evidence (education_id, evidence_id, position)
             VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM education_evidence WHERE education_id = ?1))",
            params![id, evidence],
        )?;
    }
    Ok(id)
}

fn recorded_on(day: Option<NaiveDate>) -> Option<String> {
    day.map(|d| d.to_string())
}

fn split_entered(entered: &Option<EnteredPoints>) -> (Option<f64>, Option<&str>) {
    match entered {
        Some(p) => (Some(p.points), Some(p.reason.as_str())),
        None => (None, None),
    }
}

// ---------------------------------------------------------------- experience

const EXPERIENCE_COLUMNS: &str =
    "id, category, title, organisation, start_date, end_date, points, points_reason, notes, recorded_on, planned";

fn experience_row(r: &Row) -> rusqlite::Result<Experience> {
    Ok(Experience {
        id: r.get(0)?,
        category: r.get(1)?,
        title: r.get(2)?,
        organisation: r.get(3)?,
        start: date(r.get(4)?)?,
        end: opt_date(r.get(5)?)?,
        entered: entered(r.get(6)?, r.get(7)?),
        notes: r.get(8)?,
        recorded_on: opt_date(r.get(9)?)?,
        planned: r.get(10)?,
        evidence: Vec::new(),
        letters: Vec::new(),
    })
}

fn fill_experience_links(conn: &Connection, rows: &mut [Experience], filter: &str) -> Result<()> {
    let sql = format!(
        "SELECT experience_id, evidence_id, role FROM experience_evidence {filter} ORDER BY position"
    );
    let mut stmt = conn.prepare(&sql)?;
    let links: Vec<(i64, i64, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    for row in rows {
        for (record, evidence, role) in &links {
            if *record == row.id {
                if role == "letter" { row.letters.push(*evidence) } else { row.evidence.push(*evidence) }
            }
        }
    }
    Ok(())
}

pub fn experience_list(conn: &Connection) -> Result<Vec<Experience>> {
    let mut stmt = conn
        .prepare(&format!("SELECT {EXPERIENCE_COLUMNS} FROM experience ORDER BY start_date, id"))?;
    let mut rows: Vec<Experience> = stmt.query_map([], experience_row)?.collect::<rusqlite::Result<_>>()?;
    fill_experience_links(conn, &mut rows, "")?;
    Ok(rows)
}

pub fn experience(conn: &Connection, id: i64) -> Result<Experience> {
    let row = conn
        .query_row(&format!("SELECT {EXPERIENCE_COLUMNS} FROM experience WHERE id = ?1"), [id], experience_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("no experience record with id {id}")).hint("see `clerkfolio list experience`"))?;
    let mut rows = [row];
    fill_experience_links(conn, &mut rows, &format!("WHERE experience_id = {id}"))?;
    let [row] = rows;
    Ok(row)
}

pub fn save_experience(tx: &Transaction, e: &Experience) -> Result<i64> {
    let (points, reason) = split_entered(&e.entered);
    let values = params![
        e.category,
        e.title,
        e.organisation,
        e.start.to_string(),
        e.end.map(|d| d.to_string()),
        points,
        reason,
        e.notes,
        e.planned,
    ];
    let id = if e.id == 0 {
        tx.execute(
            "INSERT INTO experience (category, title, organisation, start_date, end_date, points, points_reason, notes, planned, recorded_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            rusqlite::params_from_iter(values.iter().copied().chain(std::iter::once(&recorded_on(e.recorded_on) as &dyn rusqlite::ToSql))),
        )?;
        tx.last_insert_rowid()
    } else {
        tx.execute(
            "UPDATE experience SET category = ?1, title = ?2, organisation = ?3, start_date = ?4, end_date = ?5,
                    points = ?6, points_reason = ?7, notes = ?8, planned = ?9 WHERE id = ?10",
            rusqlite::params_from_iter(values.iter().copied().chain(std::iter::once(&e.id as &dyn rusqlite::ToSql))),
        )?;
        e.id
    };
    for (role, list) in [("proof", &e.evidence), ("letter", &e.letters)] {
        for evidence in list {
            tx.execute(
                "INSERT OR IGNORE INTO experience_evidence (experience_id, evidence_id, role, position)
                 VALUES (?1, ?2, ?3, (SELECT coalesce(max(position), 0) + 1 FROM experience_evidence WHERE experience_id = ?1))",
                params![id, evidence, role],
            )?;
        }
    }
    Ok(id)
}

/// Takes evidence `evidence` off education record `record`; false if it was not attached.
pub fn detach_education(tx: &Transaction, record: i64, evidence: i64) -> Result<bool> {
    Ok(tx.execute("DELETE FROM education_evidence WHERE education_id = ?1 AND evidence_id = ?2", [record, evidence])? > 0)
}

/// Takes evidence `evidence` off experience record `record`, as a supporting document and as its
/// employment letter; false if it was attached as neither.
pub fn detach_experience(tx: &Transaction, record: i64, evidence: i64) -> Result<bool> {
    Ok(tx.execute("DELETE FROM experience_evidence WHERE experience_id = ?1 AND evidence_id = ?2", [record, evidence])? > 0)
}

// ---------------------------------------------------------------- evidence

const EVIDENCE_COLUMNS: &str = "id, sha256, original_name, kind, size, pages, added_at, rendition_sha256";

fn evidence_row(r: &Row) -> rusqlite::Result<Evidence> {
    let kind: String = r.get(3)?;
    let id: i64 = r.get(0)?;
    let rendition_sha256 = match r.get::<_, Option<String>>(7)? {
        None => None,
        Some(text) => Some(Sha256Hex::parse(&text).ok_or_else(|| conversion_error(7, format!("evidence {id}: its rendition's hash is not a SHA-256")))?),
    };
    let sha256 = Sha256Hex::parse(&r.get::<_, String>(1)?).ok_or_else(|| {
        let bad = Error::Integrity(format!(
            "evidence {id} is damaged in the database: its hash is not a SHA-256 (64 lower-case hex digits), so its file \
             cannot be found or removed; the database was changed outside Clerkfolio. Restore the portfolio from a backup"
        ));
        rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, Box::new(bad))
    })?;
    Ok(Evidence {
        id,
        sha256,
        original_name: r.get(2)?,
        kind: FileKind::parse(&kind).ok_or_else(|| conversion_error(3, format!("unknown file kind {kind}")))?,
        size: r.get(4)?,
        pages: r.get(5)?,
        added_at: r.get(6)?,
        rendition_sha256,
    })
}

/// The damaged-hash error `evidence_row` carried through rusqlite, back as itself.
fn evidence_error(e: rusqlite::Error) -> Error {
    match e {
        rusqlite::Error::FromSqlConversionFailure(column, kind, inner) => match inner.downcast::<Error>() {
            Ok(ours) => *ours,
            Err(other) => Error::from(rusqlite::Error::FromSqlConversionFailure(column, kind, other)),
        },
        e => Error::from(e),
    }
}

pub fn evidence_list(conn: &Connection) -> Result<Vec<Evidence>> {
    let mut stmt = conn.prepare(&format!("SELECT {EVIDENCE_COLUMNS} FROM evidence ORDER BY id"))?;
    let rows = stmt.query_map([], evidence_row)?.collect::<rusqlite::Result<_>>().map_err(evidence_error)?;
    Ok(rows)
}

pub fn evidence(conn: &Connection, id: i64) -> Result<Evidence> {
    conn.query_row(&format!("SELECT {EVIDENCE_COLUMNS} FROM evidence WHERE id = ?1"), [id], evidence_row)
        .optional()
        .map_err(evidence_error)?
        .ok_or_else(|| Error::NotFound(format!("no evidence file with id {id}")).hint("see `clerkfolio list evidence`"))
}

pub fn evidence_by_hash(conn: &Connection, sha256: &Sha256Hex) -> Result<Option<Evidence>> {
    conn.query_row(&format!("SELECT {EVIDENCE_COLUMNS} FROM evidence WHERE sha256 = ?1"), [sha256.as_str()], evidence_row)
        .optional()
        .map_err(evidence_error)
}

/// True when no evidence row names this JPEG rendition (its file may go with a removal).
pub fn rendition_unused(conn: &Connection, sha256: &Sha256Hex) -> Result<bool> {
    let users: i64 = conn.query_row("SELECT count(*) FROM evidence WHERE rendition_sha256 = ?1", [sha256.as_str()], |r| r.get(0))?;
    Ok(users == 0)
}

/// Inserts the evidence row unless the same content is already stored; returns its id.
pub fn insert_evidence(tx: &Transaction, e: &Evidence) -> Result<i64> {
    if let Some(existing) = evidence_by_hash(tx, &e.sha256)? {
        return Ok(existing.id);
    }
    tx.execute(
        "INSERT INTO evidence (sha256, original_name, kind, size, pages, added_at, rendition_sha256) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![e.sha256.as_str(), e.original_name, e.kind.id(), e.size, e.pages, e.added_at, e.rendition_sha256.as_ref().map(Sha256Hex::as_str)],
    )?;
    Ok(tx.last_insert_rowid())
}

/// What uses an evidence file, in words ("education 3", "experience 2 (letter)", "designation 1").
pub fn evidence_users(conn: &Connection, id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT 'education ' || education_id FROM education_evidence WHERE evidence_id = ?1
         UNION ALL SELECT 'experience ' || experience_id || CASE role WHEN 'letter' THEN ' (employment letter)' ELSE '' END
                   FROM experience_evidence WHERE evidence_id = ?1
         UNION ALL SELECT 'designation ' || id FROM designation WHERE evidence_id = ?1
         UNION ALL SELECT 'application ' || id || ' (packet)' FROM application WHERE packet_id = ?1",
    )?;
    let users = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(users)
}

pub fn delete_row(tx: &Transaction, table: Table, id: i64) -> Result<bool> {
    let sql = match table {
        Table::Membership => "DELETE FROM membership WHERE id = ?1",
        Table::Designation => "DELETE FROM designation WHERE id = ?1",
        Table::Education => "DELETE FROM education WHERE id = ?1",
        Table::Experience => "DELETE FROM experience WHERE id = ?1",
        Table::Evidence => "DELETE FROM evidence WHERE id = ?1",
    };
    Ok(tx.execute(sql, [id])? == 1)
}

fn links(conn: &Connection, sql: &str) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The whole portfolio, read in one transaction so the rules see a consistent snapshot.
pub fn portfolio(conn: &mut Connection) -> Result<Portfolio> {
    let tx = conn.transaction()?;
    let portfolio = load_portfolio(&tx)?;
    tx.finish()?;
    Ok(portfolio)
}

/// The whole portfolio, inside a transaction the caller holds.
pub fn load_portfolio(conn: &Connection) -> Result<Portfolio> {
    Ok(Portfolio {
        profile: profile(conn)?,
        memberships: memberships(conn)?,
        designations: designations(conn)?,
        education: education_list(conn)?,
        experience: experience_list(conn)?,
        applications: applications::uses(conn)?,
    })
}

// ------------------------------------------------------------------ backup settings (migration 009)

/// Whether the app backs up on its own, and the folder chosen (None: the default folder).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BackupSettings {
    pub automatic: bool,
    pub folder: Option<std::path::PathBuf>,
}

pub fn backup_settings(conn: &Connection) -> Result<BackupSettings> {
    Ok(conn.query_row("SELECT automatic, folder FROM backup_settings WHERE id = 1", [], |r| {
        Ok(BackupSettings { automatic: r.get::<_, i64>(0)? == 1, folder: r.get::<_, Option<String>>(1)?.map(Into::into) })
    })?)
}

pub fn save_backup_settings(tx: &Transaction, s: &BackupSettings) -> Result<()> {
    let folder = s.folder.as_ref().map(|f| f.to_string_lossy().into_owned());
    tx.execute("UPDATE backup_settings SET automatic = ?1, folder = ?2 WHERE id = 1", params![s.automatic as i64, folder])?;
    Ok(())
}
