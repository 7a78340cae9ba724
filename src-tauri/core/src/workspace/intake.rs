//! Certificates in, records out: what a read certificate would become in this portfolio, and
//! what the clerk must look at before it does (the name on it is not hers, the file is already
//! in the vault, a record like it exists, it states CEUs only). Reading itself is
//! `certificate::read`, which needs no workspace and runs on any thread; these checks need the
//! portfolio and run after it.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, SecondsFormat, Utc};
use serde::Serialize;

use super::{FieldNames, Workspace, new_evidence};
use crate::certificate::amounts::UNIT_CEU;
use crate::certificate::{self, FieldName, Reading};
use crate::error::{Error, Result};
use crate::model::{EducationChanges, Sha256Hex};
use crate::{store, vault};

/// A read certificate checked against the portfolio.
#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    #[serde(flatten)]
    pub reading: Reading,
    /// What the clerk should know before accepting (besides the reading's own warnings).
    pub checks: Vec<String>,
    /// Fields a record needs that were not read: she fills them in.
    pub missing: Vec<&'static str>,
    /// Nothing is missing and nothing above needs her: `intake --apply` may add it as it is.
    pub ready: bool,
    /// The record the suggestion makes (only what was read is set).
    #[serde(skip)]
    pub changes: EducationChanges,
}

/// Days apart within which two records of the same course are "the same date, or nearly".
const NEAR_DAYS: i64 = 3;

impl Workspace {
    /// `reading` of the file at `path`, checked against this portfolio.
    pub fn suggest(&self, path: &Path, reading: Reading) -> Result<Suggestion> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
        self.suggest_for(&Sha256Hex::of(&bytes), reading)
    }

    /// [`Workspace::suggest`] for the file whose content hashes to `sha256`.
    fn suggest_for(&self, sha256: &Sha256Hex, reading: Reading) -> Result<Suggestion> {
        let changes = certificate::education_changes(&reading);
        let mut checks = Vec::new();
        let profile = store::profile(&self.conn)?;
        if let Some(name) = reading.value(FieldName::Recipient)
            && !profile.full_name.is_empty()
            && !same_person(name, &profile.full_name)
        {
            checks.push(format!(
                "The certificate is made out to “{name}”, not to your profile name “{}”: IIMC wants the applicant's name on each document.",
                profile.full_name
            ));
        }
        if let Some(e) = store::evidence_by_hash(&self.conn, sha256)? {
            let users = store::evidence_users(&self.conn, e.id)?;
            let used = if users.is_empty() { "not used by any record".to_string() } else { format!("used by {}", users.join(", ")) };
            checks.push(format!("This file is already in your evidence as “{}” ({used}).", e.original_name));
        }
        if let Some(twin) = self.similar_record(&changes)? {
            checks.push(twin);
        }
        if reading.value(FieldName::CreditsUnit) == Some(UNIT_CEU) && reading.value(FieldName::Hours).is_none() {
            checks.push(format!(
                "The certificate states {} CEU and no contact hours. 1 CEU is usually 10 contact hours, but that is a convention: confirm the hours yourself.",
                reading.value(FieldName::Credits).unwrap_or("?")
            ));
        }
        let missing = missing(&changes);
        let ready = missing.is_empty() && checks.is_empty();
        Ok(Suggestion { reading, checks, missing, ready, changes })
    }

    /// An education record with the same title (ignoring case, spaces and punctuation) dated
    /// within a few days: words for the clerk, or None.
    fn similar_record(&self, changes: &EducationChanges) -> Result<Option<String>> {
        let (Some(title), Some(start)) = (&changes.title, changes.start) else { return Ok(None) };
        let key = simplified(title);
        let near = |d: NaiveDate| (d - start).num_days().abs() <= NEAR_DAYS;
        Ok(store::education_list(&self.conn)?.into_iter().find(|e| simplified(&e.title) == key && near(e.start)).map(|e| {
            format!("A record of this course already exists: “{}” on {} (education {}).", e.title, e.start, e.id)
        }))
    }

    /// Adds the record a reading makes (`changes`, as confirmed), with the certificate attached
    /// as its evidence and the reading kept beside it (the record is "read from a certificate").
    pub fn add_from_certificate(&mut self, changes: EducationChanges, file: &Path, reading: &Reading) -> Result<i64> {
        let reading = serde_json::to_string(reading).map_err(|e| Error::Invalid(format!("cannot keep the reading: {e}")))?;
        self.save_read_record(changes, file, &reading, None)
    }

    // ------------------------------------------------------------ the review queue

    /// Queues a read certificate for the clerk's review (the same file queued twice is one item).
    pub fn queue_add(&mut self, path: &Path, reading: &Reading) -> Result<i64> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
        let reading = serde_json::to_string(reading).map_err(|e| Error::Invalid(format!("cannot queue the reading: {e}")))?;
        let added_at = Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true);
        let tx = self.write()?;
        let id = store::intake::insert(&tx, &path.display().to_string(), &Sha256Hex::of(&bytes), &reading, &added_at)?;
        tx.commit()?;
        Ok(id)
    }

    /// The queue, each item checked against the portfolio as it is now.
    pub fn queue(&self) -> Result<Vec<QueueItem>> {
        store::intake::list(&self.conn)?
            .into_iter()
            .map(|row| {
                let reading: Reading = serde_json::from_str(&row.reading)
                    .map_err(|e| Error::Integrity(format!("queued certificate {} cannot be read back ({e}); skip it", row.id)))?;
                let path = PathBuf::from(&row.path);
                let suggestion = self.suggest_for(&row.sha256, reading)?;
                let name = path.file_name().map_or(row.path.clone(), |n| n.to_string_lossy().into_owned());
                Ok(QueueItem { id: row.id, path, name, added_at: row.added_at, suggestion })
            })
            .collect()
    }

    /// Accepts queued certificate `id` as the record `changes` (as the clerk confirmed it): the
    /// record, its evidence and the end of the item in one transaction. The file must still be
    /// where it was and unchanged since it was read.
    pub fn queue_accept(&mut self, id: i64, changes: EducationChanges) -> Result<i64> {
        let item = store::intake::item(&self.conn, id)?;
        self.save_read_record(changes, Path::new(&item.path), &item.reading, Some((id, &item.sha256)))
    }

    /// Where queued certificate `id` was read from.
    pub fn queue_path(&self, id: i64) -> Result<PathBuf> {
        Ok(PathBuf::from(store::intake::item(&self.conn, id)?.path))
    }

    /// Takes a certificate out of the queue without making a record.
    pub fn queue_skip(&mut self, id: i64) -> Result<()> {
        let tx = self.write()?;
        if !store::intake::delete(&tx, id)? {
            return Err(Error::NotFound(format!("no certificate {id} in the review queue (accepted or skipped already?)")));
        }
        tx.commit()?;
        Ok(())
    }

    /// The one way a record is made from a certificate (the command line's `intake --apply`, the
    /// app's review queue): checked like any record, saved with its file and reading, and the
    /// queue item (if any: its id and the hash read) gone, all in one transaction.
    fn save_read_record(&mut self, changes: EducationChanges, file: &Path, reading: &str, queued: Option<(i64, &Sha256Hex)>) -> Result<i64> {
        let mut record = self.new_education(changes, FieldNames::Flags)?;
        let checked = vault::check_all(&[file.to_path_buf()]).map_err(|e| match e {
            Error::Refused(why) if queued.is_some() => {
                Error::Refused(format!("{why}. It was read from there: if you moved it, add it to the queue again"))
            }
            other => other,
        })?;
        if let Some((_, read)) = queued
            && checked.iter().any(|c| &c.stored.sha256 != read)
        {
            return Err(Error::Conflict(format!("{} changed after it was read: add it to the queue again", file.display())));
        }
        let tx = self.write_storing(&checked)?;
        for c in checked {
            record.evidence.push(store::insert_evidence(&tx, &new_evidence(c.stored))?);
        }
        let id = store::save_education(&tx, &record)?;
        store::intake::save_reading(&tx, id, reading)?;
        if let Some((item, _)) = queued {
            store::intake::delete(&tx, item)?;
        }
        tx.commit()?;
        Ok(id)
    }
}

/// A certificate in the review queue.
#[derive(Debug, Clone, Serialize)]
pub struct QueueItem {
    pub id: i64,
    pub path: PathBuf,
    /// The file's name, for lists.
    pub name: String,
    pub added_at: String,
    #[serde(flatten)]
    pub suggestion: Suggestion,
}

/// What a record needs that the suggestion lacks, by the names `clerkfolio read` uses.
fn missing(c: &EducationChanges) -> Vec<&'static str> {
    let mut out = Vec::new();
    for (name, present) in [
        ("title", c.title.is_some()),
        ("provider", c.provider.is_some()),
        ("date", c.start.is_some()),
        ("hours", c.hours.is_some() || c.entered.is_some()),
        ("category", c.category.is_some()),
    ] {
        if !present {
            out.push(name);
        }
    }
    out
}

/// Letters and digits only, lower case: "Records Management 101" = "records management, 101".
fn simplified(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The same person: every part of the shorter name appears in the longer one, ignoring case,
/// accents' absence and punctuation ("Renee Castaneda-Wojcik" on a certificate is "Renée
/// Castañeda-Wójcik"; "R. Castaneda" is not decided, so it is flagged for her to look at).
fn same_person(a: &str, b: &str) -> bool {
    let parts = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric()).filter(|p| p.chars().count() > 1).map(|p| folded(&p.to_lowercase())).collect()
    };
    let (a, b) = (parts(a), parts(b));
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    !short.is_empty() && short.iter().all(|p| long.contains(p))
}

/// Latin letters without their accents, for comparing names typed on keyboards without them.
fn folded(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ą' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ę' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' | 'ń' => 'n',
            'ç' | 'ć' => 'c',
            'ł' => 'l',
            'ś' | 'š' => 's',
            'ź' | 'ż' | 'ž' => 'z',
            other => other,
        })
        .collect()
}

/// Every file under `paths` (folders recursively, links not followed, in name order), for
/// `intake`; what is neither a file nor a folder is left out.
pub fn files_under(paths: &[PathBuf]) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let mut entries: Vec<_> = entries.flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            match entry.file_type() {
                Ok(t) if t.is_dir() => walk(&entry.path(), out),
                Ok(t) if t.is_file() => out.push(entry.path()),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for path in paths {
        match std::fs::symlink_metadata(path) {
            Ok(m) if m.is_dir() => walk(path, &mut out),
            _ => out.push(path.clone()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_without_accents_and_with_middle_names() {
        assert!(same_person("Renee Castaneda-Wojcik", "Renée Castañeda-Wójcik"));
        assert!(same_person("RENÉE CASTAÑEDA-WÓJCIK", "Renée Castañeda-Wójcik"));
        assert!(same_person("Renée M. Castañeda-Wójcik", "Renée Castañeda-Wójcik"));
        assert!(!same_person("Robert Castaneda", "Renée Castañeda-Wójcik"));
        assert!(!same_person("City of Riverton", "Renée Castañeda-Wójcik"));
    }

    #[test]
    fn the_same_course_whatever_its_punctuation() {
        assert_eq!(simplified("Records Management: 101"), simplified("records management 101"));
        assert_ne!(simplified("Records Management 101"), simplified("Records Management 102"));
    }
}
