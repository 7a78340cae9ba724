//! The review queue of certificates read and waiting for the clerk (`intake_item`), and the
//! readings education records were made from (`education_reading`). Migration 004.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::error::{Error, Result};
use crate::model::Sha256Hex;

/// One queued certificate as stored.
pub struct QueuedRow {
    pub id: i64,
    pub path: String,
    pub sha256: Sha256Hex,
    /// `certificate::Reading` as JSON.
    pub reading: String,
    pub added_at: String,
}

fn row(r: &rusqlite::Row) -> rusqlite::Result<(i64, String, String, String, String)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

fn checked((id, path, sha256, reading, added_at): (i64, String, String, String, String)) -> Result<QueuedRow> {
    let sha256 = Sha256Hex::parse(&sha256)
        .ok_or_else(|| Error::Integrity(format!("queued certificate {id} has a malformed hash; skip it and add the file again")))?;
    Ok(QueuedRow { id, path, sha256, reading, added_at })
}

/// Queues a certificate; the same content queued twice is one item (its id is returned).
pub fn insert(tx: &Transaction, path: &str, sha256: &Sha256Hex, reading: &str, added_at: &str) -> Result<i64> {
    tx.execute(
        "INSERT INTO intake_item (path, sha256, reading, added_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (sha256) DO NOTHING",
        params![path, sha256.as_str(), reading, added_at],
    )?;
    Ok(tx.query_row("SELECT id FROM intake_item WHERE sha256 = ?1", [sha256.as_str()], |r| r.get(0))?)
}

pub fn list(conn: &Connection) -> Result<Vec<QueuedRow>> {
    let mut stmt = conn.prepare("SELECT id, path, sha256, reading, added_at FROM intake_item ORDER BY id")?;
    let rows = stmt.query_map([], row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(checked).collect()
}

pub fn item(conn: &Connection, id: i64) -> Result<QueuedRow> {
    let found = conn.query_row("SELECT id, path, sha256, reading, added_at FROM intake_item WHERE id = ?1", [id], row).optional()?;
    checked(found.ok_or_else(|| Error::NotFound(format!("no certificate {id} in the review queue (accepted or skipped already?)")))?)
}

pub fn delete(tx: &Transaction, id: i64) -> Result<bool> {
    Ok(tx.execute("DELETE FROM intake_item WHERE id = ?1", [id])? == 1)
}

/// Records what education record `education_id` was read from.
pub fn save_reading(tx: &Transaction, education_id: i64, reading: &str) -> Result<()> {
    tx.execute("INSERT OR REPLACE INTO education_reading (education_id, reading) VALUES (?1, ?2)", params![education_id, reading])?;
    Ok(())
}
