//! Applications sent to IIMC (`application`, `application_record`, `application_exhibit`).
//! Migration 007.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::application::{ApplicationStatus, Contents, Snapshot};
use crate::error::{Error, Result};
use crate::model::{RecordKind, Submitted};

use super::{date, opt_date};

/// One application as stored; its records and exhibits are read apart.
pub struct ApplicationRow {
    pub id: i64,
    pub program: String,
    pub submitted_on: NaiveDate,
    pub packet_id: i64,
    pub generated_on: NaiveDate,
    pub status: ApplicationStatus,
    pub decided_on: Option<NaiveDate>,
    pub note: String,
    pub designation: Option<i64>,
}

pub struct RecordRow {
    pub record: RecordKind,
    pub id: i64,
    pub title: String,
    pub snapshot: Snapshot,
}

pub struct ExhibitRow {
    pub label: String,
    pub title: String,
    pub sha256: String,
    pub submitted_with: Option<i64>,
}

fn kind(text: &str) -> rusqlite::Result<RecordKind> {
    match text {
        "education" => Ok(RecordKind::Education),
        "experience" => Ok(RecordKind::Experience),
        other => Err(super::conversion_error(1, format!("unknown record kind {other}"))),
    }
}

const COLUMNS: &str = "id, program, submitted_on, packet_id, generated_on, status, decided_on, note, designation_id";

fn row(r: &rusqlite::Row) -> rusqlite::Result<ApplicationRow> {
    let status: String = r.get(5)?;
    Ok(ApplicationRow {
        id: r.get(0)?,
        program: r.get(1)?,
        submitted_on: date(r.get(2)?)?,
        packet_id: r.get(3)?,
        generated_on: date(r.get(4)?)?,
        status: ApplicationStatus::parse(&status).ok_or_else(|| super::conversion_error(5, format!("unknown status {status}")))?,
        decided_on: opt_date(r.get(6)?)?,
        note: r.get(7)?,
        designation: r.get(8)?,
    })
}

pub fn list(conn: &Connection) -> Result<Vec<ApplicationRow>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM application ORDER BY submitted_on, id"))?;
    let rows = stmt.query_map([], row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn get(conn: &Connection, id: i64) -> Result<ApplicationRow> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM application WHERE id = ?1"), [id], row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("no application with id {id}")).hint("see `clerkfolio application list`"))
}

pub fn records(conn: &Connection, application: i64) -> Result<Vec<RecordRow>> {
    let mut stmt = conn.prepare(
        "SELECT record, record_id, title, snapshot FROM application_record WHERE application_id = ?1 ORDER BY record, record_id",
    )?;
    let rows = stmt
        .query_map([application], |r| {
            let snapshot: String = r.get(3)?;
            Ok(RecordRow {
                record: kind(&r.get::<_, String>(0)?)?,
                id: r.get(1)?,
                title: r.get(2)?,
                snapshot: serde_json::from_str(&snapshot).map_err(|e| super::conversion_error(3, e.to_string()))?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn exhibits(conn: &Connection, application: i64) -> Result<Vec<ExhibitRow>> {
    let mut stmt = conn.prepare(
        "SELECT label, title, sha256, submitted_with FROM application_exhibit WHERE application_id = ?1 ORDER BY label",
    )?;
    let rows = stmt
        .query_map([application], |r| Ok(ExhibitRow { label: r.get(0)?, title: r.get(1)?, sha256: r.get(2)?, submitted_with: r.get(3)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The application that already holds this packet file, if any.
pub fn by_packet(conn: &Connection, packet_id: i64) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT id FROM application WHERE packet_id = ?1", [packet_id], |r| r.get(0)).optional()?)
}

/// Records a submitted application with what its packet contained; returns its id.
pub fn insert(tx: &Transaction, contents: &Contents, submitted_on: NaiveDate, packet_id: i64) -> Result<i64> {
    tx.execute(
        "INSERT INTO application (program, submitted_on, packet_id, generated_on) VALUES (?1, ?2, ?3, ?4)",
        params![contents.program, submitted_on.to_string(), packet_id, contents.generated_on.to_string()],
    )?;
    let id = tx.last_insert_rowid();
    for r in &contents.records {
        let snapshot = serde_json::to_string(&r.snapshot).map_err(|e| Error::Invalid(e.to_string()))?;
        tx.execute(
            "INSERT OR IGNORE INTO application_record (application_id, record, record_id, title, snapshot) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, r.record.id(), r.id, r.title, snapshot],
        )?;
    }
    for x in &contents.exhibits {
        // An earlier application the packet names that this portfolio does not hold (a packet
        // from another portfolio) is not linked: the exhibit stays listed by its hash.
        let with = x.submitted_with.filter(|a| get(tx, *a).is_ok());
        tx.execute(
            "INSERT OR IGNORE INTO application_exhibit (application_id, label, title, sha256, submitted_with) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, x.label, x.title, x.sha256, with],
        )?;
    }
    Ok(id)
}

pub fn decide(tx: &Transaction, id: i64, status: ApplicationStatus, on: NaiveDate, note: &str, designation: Option<i64>) -> Result<()> {
    tx.execute(
        "UPDATE application SET status = ?1, decided_on = ?2, note = ?3, designation_id = ?4 WHERE id = ?5",
        params![status.id(), on.to_string(), note, designation, id],
    )?;
    Ok(())
}

/// Another application whose exhibits are listed as submitted with `application`, if any.
pub fn listed_with(conn: &Connection, application: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT application_id FROM application_exhibit WHERE submitted_with = ?1 AND application_id <> ?1 LIMIT 1",
            [application],
            |r| r.get(0),
        )
        .optional()?)
}

/// Deletes an application; its records and exhibits go with it (ON DELETE CASCADE).
pub fn delete(tx: &Transaction, id: i64) -> Result<()> {
    tx.execute("DELETE FROM application WHERE id = ?1", [id])?;
    Ok(())
}

/// Every application with the records it used, for the rules.
pub fn uses(conn: &Connection) -> Result<Vec<Submitted>> {
    let mut used = Vec::new();
    for a in list(conn)? {
        let records = records(conn, a.id)?.into_iter().map(|r| (r.record, r.id)).collect();
        used.push(Submitted {
            application: a.id,
            program: a.program,
            submitted_on: a.submitted_on,
            returned: a.status == ApplicationStatus::Returned,
            records,
        });
    }
    Ok(used)
}
