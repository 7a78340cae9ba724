//! The database inside a backup, checked before it is opened as a portfolio: a valid SQLite file
//! can still be wrong in ways the app would only meet later, e.g. empty (restored as an empty
//! portfolio), a column dropped (every list fails), a trigger or view added (a trigger runs
//! inside the app's own writes and can delete records), or an evidence hash that is a path
//! (the vault would delete that path). Its layout must be exactly what this build's migrations
//! make at the database's version, compared with a freshly migrated database's `sqlite_master`.

use std::collections::BTreeSet;
use std::path::Path;

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::model::Sha256Hex;
use crate::store;

/// One `sqlite_master` row: type, name, table, SQL text.
type SchemaRow = (String, String, String, Option<String>);

/// Refuses the staged database at `path` unless it is a portfolio this build made or migrates.
/// A newer or foreign database passes here: `store::open` refuses those with its own words.
pub(super) fn check_database(path: &Path, name: &str) -> Result<()> {
    check(path, name).map_err(|e| match e {
        Error::Refused(_) => e,
        // SQLite's own complaint (not a database at all): still a refusal of this backup.
        other => Error::Refused(format!("{name} cannot be restored ({other}); nothing was changed. Use another copy of the backup")),
    })
}

fn check(path: &Path, name: &str) -> Result<()> {
    let conn = Connection::open(path)?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let found = layout(&conn)?;
    if version == 0 && found.is_empty() {
        return Err(Error::Refused(format!(
            "{name} holds an empty database (no portfolio in it); nothing was changed. Use another copy of the backup"
        )));
    }
    if version == 0 || version > store::schema_version() {
        return Ok(());
    }
    let differences = compare(&expected_layout(version)?, &found);
    if !differences.is_empty() {
        return Err(Error::Refused(format!(
            "{name} holds a database that is not the layout Clerkfolio makes ({}); nothing was changed. It was altered \
             or not made by Clerkfolio: use another copy of the backup",
            differences.join("; ")
        )));
    }
    check_hashes(&conn, name)
}

/// What the app's migrations make at `version`, in a fresh in-memory database.
fn expected_layout(version: i64) -> Result<BTreeSet<SchemaRow>> {
    let mut fresh = Connection::open_in_memory()?;
    store::migrations().to_version(&mut fresh, version as usize)?;
    layout(&fresh)
}

/// Tables, columns (in the SQL text), indexes, triggers and views; SQLite's own objects left out.
fn layout(conn: &Connection) -> Result<BTreeSet<SchemaRow>> {
    let mut stmt = conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Each object that is missing, extra or different, in words ("table education differs").
fn compare(expected: &BTreeSet<SchemaRow>, found: &BTreeSet<SchemaRow>) -> Vec<String> {
    let named = |rows: &BTreeSet<SchemaRow>| rows.iter().map(|(kind, name, ..)| (kind.clone(), name.clone())).collect::<BTreeSet<_>>();
    let (want, have) = (named(expected), named(found));
    let mut differences = Vec::new();
    for (kind, name) in want.union(&have) {
        let same = |rows: &BTreeSet<SchemaRow>| rows.iter().find(|r| &r.0 == kind && &r.1 == name).cloned();
        match (same(expected), same(found)) {
            (Some(_), None) => differences.push(format!("{kind} {name} is missing")),
            (None, Some(_)) => differences.push(format!("{kind} {name} is not one Clerkfolio creates")),
            (Some(a), Some(b)) if a != b => differences.push(format!("{kind} {name} differs")),
            _ => {}
        }
    }
    differences
}

/// Every evidence hash is joined into a vault path once restored: each must be a SHA-256.
fn check_hashes(conn: &Connection, name: &str) -> Result<()> {
    // A HEIC photo's rendition hash is joined into a path too (a backup from before it has no
    // such column: migrations add it once the backup is opened).
    let has_rendition = conn.prepare("SELECT rendition_sha256 FROM evidence LIMIT 0").is_ok();
    let sql = if has_rendition { "SELECT id, sha256, rendition_sha256 FROM evidence ORDER BY id" } else { "SELECT id, sha256, NULL FROM evidence ORDER BY id" };
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, rusqlite::types::Value>(1)?, r.get::<_, rusqlite::types::Value>(2)?))
    })?;
    for row in rows {
        let (id, hash, rendition) = row?;
        let is_hash = |value: &rusqlite::types::Value| matches!(value, rusqlite::types::Value::Text(text) if Sha256Hex::parse(text).is_some());
        let valid = is_hash(&hash) && (rendition == rusqlite::types::Value::Null || is_hash(&rendition));
        if !valid {
            return Err(Error::Refused(format!(
                "{name} holds a damaged database: evidence {id} has a hash that is not a SHA-256 (64 lower-case hex \
                 digits), which could name a file outside the data folder; nothing was changed. Use another copy of the backup"
            )));
        }
    }
    Ok(())
}
