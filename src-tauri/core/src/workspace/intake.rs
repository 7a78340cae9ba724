//! Certificates in, records out: what a read certificate would become in this portfolio, and
//! what the clerk must look at before it does (the name on it is not hers, the file is already
//! in the vault, a record like it exists, it states CEUs only). Reading itself is
//! `certificate::read`, which needs no workspace and runs on any thread; these checks need the
//! portfolio and run after it.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use super::Workspace;
use crate::certificate::amounts::UNIT_CEU;
use crate::certificate::{self, FieldName, Reading};
use crate::error::Result;
use crate::model::{EducationChanges, Sha256Hex};
use crate::store;

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
        if let Ok(bytes) = std::fs::read(path)
            && let Some(e) = store::evidence_by_hash(&self.conn, &Sha256Hex::of(&bytes))?
        {
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

    /// Adds the record a suggestion makes, with the certificate attached as its evidence.
    pub fn accept_suggestion(&mut self, changes: EducationChanges, file: &Path) -> Result<i64> {
        self.add_education(changes, &[file.to_path_buf()])
    }
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
