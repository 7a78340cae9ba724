//! A data folder opened for use: the database, the vault and the programs, with one method per
//! user action. Each action that writes runs in one transaction; evidence files are copied into
//! the vault (atomically) before that transaction, so a crash at any point leaves either no
//! record or a complete record whose files are all present. The CLI and the desktop shell both
//! drive this type and nothing below it.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::Connection;
use serde::Serialize;

use crate::backup;
use crate::error::{Error, Result};
use crate::exchange::{self, ExportFormat, ImportPlan, ImportSummary, PlannedRow, Record, RecordChanges, RowProblem};
use crate::files;
use crate::model::*;
use crate::program::Programs;
use crate::reminders::{self, MAX_DAYS, OwnReminder, Reminder, Settings};
use crate::rules::{self, Progress};
use crate::vault::{Stored, Vault};
use crate::{ics, store};

/// Tauri's identifier for the desktop app; its app data folder is `<OS data dir>/<identifier>`,
/// which the CLI computes the same way so both use the same portfolio.
pub const APP_IDENTIFIER: &str = "org.clerkfolio.desktop";
pub const DATA_DIR_ENV: &str = "CLERKFOLIO_DATA_DIR";
pub const DATABASE_FILE: &str = "clerkfolio.sqlite3";
/// Held shared by everything that has the data folder open (the app, each command), so that a
/// restore can tell the portfolio is in use and refuse to move it away underneath them.
pub const LOCK_FILE: &str = ".clerkfolio-lock";

/// `--data-dir` wins, then `CLERKFOLIO_DATA_DIR`, then the per-user data folder.
pub fn resolve_data_dir(flag: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(dir) = flag {
        return Ok(dir);
    }
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    dirs::data_dir()
        .map(|d| d.join(APP_IDENTIFIER))
        .ok_or_else(|| Error::Invalid(format!("cannot find your user data folder; set {DATA_DIR_ENV} or pass --data-dir")))
}

/// Changes to an education record; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct EducationChanges {
    pub title: Option<String>,
    pub provider: Option<String>,
    pub category: Option<String>,
    pub certificate: Option<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub clear_end: bool,
    pub hours: Option<f64>,
    pub entered: Option<EnteredPoints>,
    pub clear_points: bool,
    pub learned: Option<String>,
    pub level: Option<Level>,
    pub assessment: Option<bool>,
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ExperienceChanges {
    pub category: Option<String>,
    pub title: Option<String>,
    pub organisation: Option<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub clear_end: bool,
    pub entered: Option<EnteredPoints>,
    pub clear_points: bool,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct MembershipChanges {
    pub member_type: Option<MemberType>,
    pub organisation: Option<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub clear_end: bool,
}

/// Changes to one of the clerk's own reminders; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ReminderChanges {
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
    pub yearly: Option<bool>,
    pub notes: Option<String>,
    pub lead_days: Option<u32>,
    /// Back to the default lead time.
    pub clear_lead: bool,
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ProfileChanges {
    pub full_name: Option<String>,
    pub title: Option<String>,
    pub municipality: Option<String>,
    pub state: Option<String>,
    pub country: Option<String>,
    pub address: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub member_id: Option<String>,
    pub ethics_affirmed: Option<NaiveDate>,
}

/// How the person named the fields they typed, so a message points at the right thing: a
/// command-line flag (`--title`) or a CSV column (`column title`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldNames {
    Flags,
    Columns,
}

impl FieldNames {
    fn of(self, flag: &str, column: &str) -> String {
        match self {
            FieldNames::Flags => format!("--{flag}"),
            FieldNames::Columns => format!("column {column}"),
        }
    }
}

/// A record as typed in a form, for `Workspace::preview`.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(tag = "record", content = "changes", rename_all = "lowercase")]
pub enum PreviewRecord {
    Education(EducationChanges),
    Experience(ExperienceChanges),
}

/// What a record would earn under one program.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    pub program: String,
    pub program_name: String,
    /// None: the program does not count this category.
    pub points: Option<rules::RecordPoints>,
}

/// Where an evidence file is attached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attach {
    Education(i64),
    Experience(i64),
    Letter(i64),
}

impl Attach {
    /// Parses `education:ID` or `experience:ID` (and `letter:ID` for an employment letter).
    pub fn parse(text: &str) -> Result<Attach> {
        let bad = || Error::Invalid(format!("'{text}' is not a record: use education:ID or experience:ID"));
        let (kind, id) = text.split_once(':').ok_or_else(bad)?;
        let id: i64 = id.trim().parse().map_err(|_| bad())?;
        match kind.trim() {
            "education" => Ok(Attach::Education(id)),
            "experience" => Ok(Attach::Experience(id)),
            "letter" => Ok(Attach::Letter(id)),
            _ => Err(bad()),
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct VerifyReport {
    pub files_checked: usize,
    pub problems: Vec<String>,
    /// Vault files no record uses (left by an interrupted add; harmless).
    pub unreferenced: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceRow {
    #[serde(flatten)]
    pub evidence: Evidence,
    /// The records it backs, in words ("education 3").
    pub used_by: Vec<String>,
}

pub struct Workspace {
    dir: PathBuf,
    conn: Connection,
    vault: Vault,
    programs: Programs,
    /// The shared lock on `LOCK_FILE`, released when the workspace is dropped.
    _lock: Option<std::fs::File>,
}

impl Workspace {
    /// Opens the data folder, creating it, the database and the vault if they do not exist.
    pub fn open(dir: &Path) -> Result<Workspace> {
        backup::recover_interrupted_restore(dir);
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(format!("cannot create the data folder {}", dir.display()), e))?;
        let lock = lock_shared(dir)?;
        let conn = store::open(&dir.join(DATABASE_FILE))?;
        let vault = Vault::open(dir.join("vault"))?;
        let programs = Programs::load(&dir.join("programs"))?;
        Ok(Workspace { dir: dir.to_path_buf(), conn, vault, programs, _lock: lock })
    }

    /// A write transaction that takes the write lock up front: a deferred one that reads first
    /// fails at once with "database is locked" when another process (the desktop app and the CLI
    /// together) commits in between, instead of waiting for the busy timeout.
    fn write(&mut self) -> Result<rusqlite::Transaction<'_>> {
        Ok(self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn vault(&self) -> &Vault {
        &self.vault
    }

    pub fn programs(&self) -> &Programs {
        &self.programs
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    // ------------------------------------------------------------ profile

    pub fn profile(&self) -> Result<Profile> {
        store::profile(&self.conn)
    }

    pub fn set_profile(&mut self, c: ProfileChanges) -> Result<Profile> {
        let tx = self.write()?;
        let mut p = store::profile(&tx)?;
        let text = |new: Option<String>, old: &mut String| {
            if let Some(v) = new {
                *old = v.trim().to_string();
            }
        };
        text(c.full_name, &mut p.full_name);
        text(c.title, &mut p.title);
        text(c.municipality, &mut p.municipality);
        text(c.state, &mut p.state);
        text(c.country, &mut p.country);
        text(c.address, &mut p.address);
        text(c.email, &mut p.email);
        text(c.phone, &mut p.phone);
        text(c.member_id, &mut p.member_id);
        if c.ethics_affirmed.is_some() {
            p.ethics_affirmed = c.ethics_affirmed;
        }
        if !p.email.is_empty() && !looks_like_email(&p.email) {
            return Err(Error::Invalid(format!("'{}' is not an e-mail address (expected name@example.org)", p.email)));
        }
        store::save_profile(&tx, &p)?;
        tx.commit()?;
        Ok(p)
    }

    // ------------------------------------------------------------ membership

    pub fn add_membership(&mut self, member_type: MemberType, start: NaiveDate, end: Option<NaiveDate>, organisation: Option<String>) -> Result<i64> {
        let m = Membership {
            id: 0,
            member_type,
            organisation: organisation.map(|o| o.trim().to_string()).filter(|o| !o.is_empty()).unwrap_or_else(|| "IIMC".into()),
            start,
            end,
        };
        check_order(start, end, "membership")?;
        let tx = self.write()?;
        let id = store::save_membership(&tx, &m)?;
        tx.commit()?;
        Ok(id)
    }

    pub fn edit_membership(&mut self, id: i64, c: MembershipChanges) -> Result<Membership> {
        let tx = self.write()?;
        let mut m = store::membership(&tx, id)?;
        if let Some(t) = c.member_type {
            m.member_type = t;
        }
        if let Some(o) = c.organisation.filter(|o| !o.trim().is_empty()) {
            m.organisation = o.trim().to_string();
        }
        if let Some(s) = c.start {
            m.start = s;
        }
        if c.clear_end {
            m.end = None;
        }
        if let Some(e) = c.end {
            m.end = Some(e);
        }
        check_order(m.start, m.end, "membership")?;
        store::save_membership(&tx, &m)?;
        tx.commit()?;
        Ok(m)
    }

    pub fn memberships(&self) -> Result<Vec<Membership>> {
        store::memberships(&self.conn)
    }

    // ------------------------------------------------------------ designations

    pub fn add_designation(&mut self, program: &str, awarded_on: NaiveDate, evidence: Option<&Path>) -> Result<i64> {
        let program = program.trim().to_lowercase();
        if program.is_empty() {
            return Err(Error::Invalid("a designation needs a program, e.g. --program cmc".into()));
        }
        let stored = evidence.map(|path| self.vault.import(path)).transpose()?;
        let tx = self.write()?;
        let evidence = stored.map(|s| store::insert_evidence(&tx, &new_evidence(s))).transpose()?;
        let id = store::insert_designation(&tx, &Designation { id: 0, program, awarded_on, evidence })?;
        tx.commit()?;
        Ok(id)
    }

    pub fn designations(&self) -> Result<Vec<Designation>> {
        store::designations(&self.conn)
    }

    // ------------------------------------------------------------ education

    /// A new education record from the fields given, checked by the same rules as every save.
    /// `names` says how the person typed the fields (flags or CSV columns), for the messages.
    pub fn new_education(&self, c: EducationChanges, names: FieldNames) -> Result<Education> {
        let needs = |what: &str, flag: &str, column: &str| {
            Error::Invalid(format!("an education record needs {what} ({})", names.of(flag, column)))
        };
        let mut record = Education {
            id: 0,
            title: required(c.title.clone()).ok_or_else(|| needs("a title", "title", "title"))?,
            provider: required(c.provider.clone()).ok_or_else(|| needs("a provider", "provider", "provider"))?,
            category: required(c.category.clone()).ok_or_else(|| needs("a category", "category", "category"))?,
            certificate: String::new(),
            start: c.start.ok_or_else(|| needs("a date", "date YYYY-MM-DD", "start"))?,
            end: None,
            hours: c.hours.ok_or_else(|| needs("contact hours", "hours", "hours"))?,
            entered: None,
            learned: String::new(),
            level: None,
            assessment: false,
            evidence: Vec::new(),
        };
        apply_education(&mut record, c);
        self.check_education(&mut record, names)?;
        Ok(record)
    }

    pub fn add_education(&mut self, c: EducationChanges, files: &[PathBuf]) -> Result<i64> {
        let record = self.new_education(c, FieldNames::Flags)?;
        self.save_education(record, files)
    }

    pub fn edit_education(&mut self, id: i64, c: EducationChanges, files: &[PathBuf]) -> Result<Education> {
        let mut record = store::education(&self.conn, id)?;
        apply_education(&mut record, c);
        record.evidence.clear();
        self.check_education(&mut record, FieldNames::Flags)?;
        let id = self.save_education(record, files)?;
        store::education(&self.conn, id)
    }

    /// Tidies and checks a record before it is saved: the one set of rules for adds, edits and imports.
    fn check_education(&self, record: &mut Education, names: FieldNames) -> Result<()> {
        record.title = record.title.trim().to_string();
        record.provider = record.provider.trim().to_string();
        record.category = record.category.trim().to_string();
        self.programs.check_category(RecordKind::Education, &record.category)?;
        check_order(record.start, record.end, "course")?;
        check_hours(record.hours)?;
        check_entered(record.entered.as_ref(), names)?;
        if record.title.is_empty() {
            return Err(Error::Invalid("the title cannot be empty".into()));
        }
        Ok(())
    }

    /// Saves a checked record, its evidence files first (outside the transaction, atomically).
    fn save_education(&mut self, mut record: Education, files: &[PathBuf]) -> Result<i64> {
        let stored = self.vault.import_all(files)?;
        let tx = self.write()?;
        for s in stored {
            record.evidence.push(store::insert_evidence(&tx, &new_evidence(s))?);
        }
        let id = store::save_education(&tx, &record)?;
        tx.commit()?;
        Ok(id)
    }

    pub fn education(&self) -> Result<Vec<Education>> {
        store::education_list(&self.conn)
    }

    // ------------------------------------------------------------ experience

    /// A new experience record from the fields given, checked by the same rules as every save.
    pub fn new_experience(&self, c: ExperienceChanges, names: FieldNames) -> Result<Experience> {
        let needs = |what: &str, flag: &str, column: &str| {
            Error::Invalid(format!("an experience record needs {what} ({})", names.of(flag, column)))
        };
        let mut record = Experience {
            id: 0,
            category: required(c.category.clone()).ok_or_else(|| needs("a category", "category", "category"))?,
            title: required(c.title.clone()).ok_or_else(|| needs("a title", "title", "title"))?,
            organisation: String::new(),
            start: c.start.ok_or_else(|| needs("a start date", "start YYYY-MM-DD", "start"))?,
            end: None,
            entered: None,
            notes: String::new(),
            evidence: Vec::new(),
            letters: Vec::new(),
        };
        apply_experience(&mut record, c);
        self.check_experience(&mut record, names)?;
        Ok(record)
    }

    pub fn add_experience(&mut self, c: ExperienceChanges, files: &[PathBuf], letter: Option<&Path>) -> Result<i64> {
        let record = self.new_experience(c, FieldNames::Flags)?;
        self.save_experience(record, files, letter)
    }

    pub fn edit_experience(&mut self, id: i64, c: ExperienceChanges, files: &[PathBuf], letter: Option<&Path>) -> Result<Experience> {
        let mut record = store::experience(&self.conn, id)?;
        apply_experience(&mut record, c);
        record.evidence.clear();
        record.letters.clear();
        self.check_experience(&mut record, FieldNames::Flags)?;
        let id = self.save_experience(record, files, letter)?;
        store::experience(&self.conn, id)
    }

    /// Tidies and checks a record before it is saved: the one set of rules for adds, edits and imports.
    fn check_experience(&self, record: &mut Experience, names: FieldNames) -> Result<()> {
        record.title = record.title.trim().to_string();
        record.category = record.category.trim().to_string();
        if record.title.is_empty() {
            return Err(Error::Invalid("the title cannot be empty".into()));
        }
        self.programs.check_category(RecordKind::Experience, &record.category)?;
        check_order(record.start, record.end, "experience")?;
        check_entered(record.entered.as_ref(), names)
    }

    /// Saves a checked record, its evidence files first (outside the transaction, atomically).
    fn save_experience(&mut self, mut record: Experience, files: &[PathBuf], letter: Option<&Path>) -> Result<i64> {
        let mut all: Vec<PathBuf> = files.to_vec();
        all.extend(letter.map(Path::to_path_buf));
        let mut stored = self.vault.import_all(&all)?;
        let letter = letter.and_then(|_| stored.pop());
        let tx = self.write()?;
        for s in stored {
            record.evidence.push(store::insert_evidence(&tx, &new_evidence(s))?);
        }
        if let Some(l) = letter {
            record.letters.push(store::insert_evidence(&tx, &new_evidence(l))?);
        }
        let id = store::save_experience(&tx, &record)?;
        tx.commit()?;
        Ok(id)
    }

    pub fn experience(&self) -> Result<Vec<Experience>> {
        store::experience_list(&self.conn)
    }

    // ------------------------------------------------------------ import and export

    /// Reads a CSV (the bytes of `name`) into the records it would add and what is wrong with
    /// it, row by row, through the same checks as the add commands. Writes nothing: this is the
    /// preview (`import --dry-run`, the app's import dialog).
    pub fn plan_import(&self, bytes: &[u8], name: &str) -> Result<ImportPlan> {
        let mut plan = ImportPlan { name: name.to_string(), rows: Vec::new(), problems: Vec::new() };
        for row in exchange::parse_csv(bytes, name)? {
            let checked = row.fields.map_err(Error::Invalid).and_then(|fields| match fields {
                RecordChanges::Education(c) => self.new_education(c, FieldNames::Columns).map(Record::Education),
                RecordChanges::Experience(c) => self.new_experience(c, FieldNames::Columns).map(Record::Experience),
            });
            match checked {
                Ok(record) => plan.rows.push(PlannedRow { line: row.line, record }),
                Err(e) => plan.problems.push(RowProblem { line: row.line, message: e.to_string() }),
            }
        }
        Ok(plan)
    }

    /// Adds the records of a plan in one transaction: all of them, or none when any row is
    /// invalid, unless `skip_invalid` (then the valid ones).
    pub fn import(&mut self, plan: &ImportPlan, skip_invalid: bool) -> Result<ImportSummary> {
        let total = plan.rows.len() + plan.problems.len();
        if !plan.problems.is_empty() && !skip_invalid {
            return Err(Error::Invalid(format!(
                "{}: {} of {total} rows are invalid; nothing was imported. Correct them, or import only the {} valid rows (--skip-invalid)",
                plan.name,
                plan.problems.len(),
                plan.rows.len()
            )));
        }
        // Checked again here, so a plan made before a rules file changed cannot slip past the rules.
        let mut records = plan.rows.iter().map(|r| r.record.clone()).collect::<Vec<_>>();
        for (record, row) in records.iter_mut().zip(&plan.rows) {
            match record {
                Record::Education(e) => self.check_education(e, FieldNames::Columns),
                Record::Experience(e) => self.check_experience(e, FieldNames::Columns),
            }
            .map_err(|e| Error::Invalid(format!("{} line {}: {e}", plan.name, row.line)))?;
        }
        let tx = self.write()?;
        let mut summary = ImportSummary { education: 0, experience: 0, skipped: plan.problems.len() };
        for record in &records {
            match record {
                Record::Education(e) => {
                    store::save_education(&tx, e)?;
                    summary.education += 1;
                }
                Record::Experience(e) => {
                    store::save_experience(&tx, e)?;
                    summary.experience += 1;
                }
            }
        }
        tx.commit()?;
        Ok(summary)
    }

    /// Writes every education and experience record to `target` (CSV or JSON), atomically, from
    /// one consistent read. Returns how many records of each kind were written.
    pub fn export(&mut self, format: ExportFormat, target: &Path) -> Result<(usize, usize)> {
        let portfolio = self.portfolio()?;
        let bytes = exchange::render(&portfolio, format)?;
        files::write_atomically(target, &files::temp_prefix_for(target), &bytes, format!("cannot write {}", target.display()))?;
        Ok((portfolio.education.len(), portfolio.experience.len()))
    }

    // ------------------------------------------------------------ evidence

    /// Adds a file to the vault (once, whatever its name) and optionally attaches it; returns its id.
    pub fn add_evidence(&mut self, file: &Path, to: Option<Attach>) -> Result<i64> {
        // The record must exist before anything is written to the vault.
        match to {
            Some(Attach::Education(record)) => drop(store::education(&self.conn, record)?),
            Some(Attach::Experience(record)) | Some(Attach::Letter(record)) => drop(store::experience(&self.conn, record)?),
            None => {}
        }
        let stored = self.vault.import(file)?;
        let tx = self.write()?;
        let id = store::insert_evidence(&tx, &new_evidence(stored))?;
        match to {
            None => {}
            Some(Attach::Education(record)) => {
                let mut e = store::education(&tx, record)?;
                e.evidence = vec![id];
                store::save_education(&tx, &e)?;
            }
            Some(Attach::Experience(record)) | Some(Attach::Letter(record)) => {
                let mut e = store::experience(&tx, record)?;
                (e.evidence, e.letters) = if matches!(to, Some(Attach::Letter(_))) { (vec![], vec![id]) } else { (vec![id], vec![]) };
                store::save_experience(&tx, &e)?;
            }
        }
        tx.commit()?;
        Ok(id)
    }

    pub fn evidence(&self) -> Result<Vec<EvidenceRow>> {
        store::evidence_list(&self.conn)?
            .into_iter()
            .map(|evidence| Ok(EvidenceRow { used_by: store::evidence_users(&self.conn, evidence.id)?, evidence }))
            .collect()
    }

    /// The stored bytes of an evidence file, checked against its hash.
    pub fn evidence_bytes(&self, id: i64) -> Result<(Evidence, Vec<u8>)> {
        let e = store::evidence(&self.conn, id)?;
        let bytes = self.vault.read_verified(&e.sha256, e.kind)?;
        Ok((e, bytes))
    }

    // ------------------------------------------------------------ removal

    /// Removes a record. Evidence is removed only when nothing uses it (and its file with it).
    pub fn remove(&mut self, table: &str, id: i64) -> Result<()> {
        let tx = self.write()?;
        let mut vault_file = None;
        if table == "evidence" {
            let e = store::evidence(&tx, id)?;
            let users = store::evidence_users(&tx, id)?;
            if !users.is_empty() {
                return Err(Error::Conflict(format!(
                    "evidence {id} ({}) is still used by {}; remove it from those records first",
                    e.original_name,
                    users.join(", ")
                )));
            }
            vault_file = Some((e.sha256, e.kind));
        }
        if !store::delete_row(&tx, table, id)? {
            return Err(Error::NotFound(format!("no {table} record with id {id} (see `clerkfolio list {table}`)")));
        }
        tx.commit()?;
        if let Some((sha, kind)) = vault_file {
            self.vault.remove(&sha, kind)?;
        }
        Ok(())
    }

    // ------------------------------------------------------------ rules

    pub fn portfolio(&mut self) -> Result<Portfolio> {
        store::portfolio(&mut self.conn)
    }

    /// What a record being typed would earn under each program on `as_of`: the form's live
    /// points. `existing` is the id of the record being edited (it is replaced, not doubled).
    /// Invalid or incomplete input gives an error the form shows inline.
    pub fn preview(&mut self, record: PreviewRecord, existing: Option<i64>, as_of: NaiveDate) -> Result<Vec<Preview>> {
        const PREVIEW_ID: i64 = i64::MAX;
        let mut portfolio = self.portfolio()?;
        let kind = match record {
            PreviewRecord::Education(c) => {
                let mut e = self.new_education(c, FieldNames::Flags)?;
                e.id = PREVIEW_ID;
                portfolio.education.retain(|x| Some(x.id) != existing);
                portfolio.education.push(e);
                RecordKind::Education
            }
            PreviewRecord::Experience(c) => {
                let mut e = self.new_experience(c, FieldNames::Flags)?;
                e.id = PREVIEW_ID;
                portfolio.experience.retain(|x| Some(x.id) != existing);
                portfolio.experience.push(e);
                RecordKind::Experience
            }
        };
        self.programs
            .ids()
            .iter()
            .map(|id| {
                let program = self.programs.get(id, as_of)?;
                let progress = rules::progress(&portfolio, program, as_of);
                let points = progress.requirements.iter().flat_map(|r| &r.records).find(|r| r.record == kind && r.id == PREVIEW_ID).cloned();
                Ok(Preview { program: program.id.clone(), program_name: program.name.clone(), points })
            })
            .collect()
    }

    /// A small PNG of an image exhibit (longest side `max` pixels), for lists; None for PDFs.
    pub fn evidence_thumbnail(&self, id: i64, max: u32) -> Result<Option<Vec<u8>>> {
        let (e, bytes) = self.evidence_bytes(id)?;
        if e.kind == FileKind::Pdf {
            return Ok(None);
        }
        let image = image::load_from_memory(&bytes).map_err(|err| Error::Integrity(format!("{} cannot be read: {err}", e.original_name)))?;
        let mut png = Vec::new();
        image
            .thumbnail(max, max)
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .map_err(|err| Error::Integrity(format!("cannot make a thumbnail of {}: {err}", e.original_name)))?;
        Ok(Some(png))
    }

    pub fn status(&mut self, program: &str, as_of: NaiveDate) -> Result<Progress> {
        let portfolio = self.portfolio()?;
        let program = self.programs.get(program, as_of)?;
        Ok(rules::progress(&portfolio, program, as_of))
    }

    // ------------------------------------------------------------ reminders

    /// Every reminder current on `day`, dismissed and snoozed ones marked (see `reminders::compute`).
    pub fn reminders(&mut self, day: NaiveDate) -> Result<Vec<Reminder>> {
        let tx = self.conn.transaction()?;
        let portfolio = store::load_portfolio(&tx)?;
        let stored = store::load_reminders(&tx)?;
        tx.finish()?;
        Ok(reminders::compute(&portfolio, &self.programs, &stored, day))
    }

    /// The reminder `id` current on `day`; a series id (without the year) names its current occurrence.
    fn current_reminder(&mut self, id: &str, day: NaiveDate) -> Result<Reminder> {
        let id = id.trim();
        let all = self.reminders(day)?;
        let found = all.iter().find(|r| r.id == id).or_else(|| all.iter().find(|r| r.series == id));
        found.cloned().ok_or_else(|| {
            Error::NotFound(format!("no current reminder '{id}' on {day} (see `clerkfolio reminders --all` for the ids)"))
        })
    }

    pub fn reminder_settings(&self) -> Result<Settings> {
        store::reminder_settings(&self.conn)
    }

    /// Changes the default lead time and/or the days after a course before its certificate is asked for.
    pub fn set_reminder_settings(&mut self, lead_days: Option<u32>, certificate_days: Option<u32>) -> Result<Settings> {
        for (value, what) in [(lead_days, "the lead time"), (certificate_days, "the certificate follow-up")] {
            check_days(value, what)?;
        }
        let tx = self.write()?;
        let mut settings = store::reminder_settings(&tx)?;
        settings.lead_days = lead_days.unwrap_or(settings.lead_days);
        settings.certificate_days = certificate_days.unwrap_or(settings.certificate_days);
        store::save_reminder_settings(&tx, &settings)?;
        tx.commit()?;
        Ok(settings)
    }

    pub fn own_reminders(&self) -> Result<Vec<OwnReminder>> {
        store::own_reminders(&self.conn)
    }

    pub fn add_reminder(&mut self, c: ReminderChanges) -> Result<i64> {
        let date = c.date.ok_or_else(|| Error::Invalid("a reminder needs a date (--date YYYY-MM-DD)".into()))?;
        let blank = OwnReminder { id: 0, title: String::new(), date, yearly: false, notes: String::new(), lead_days: None };
        self.save_reminder(blank, c)
    }

    pub fn edit_reminder(&mut self, id: i64, c: ReminderChanges) -> Result<OwnReminder> {
        let current = store::own_reminder(&self.conn, id)?;
        self.save_reminder(current, c)?;
        store::own_reminder(&self.conn, id)
    }

    fn save_reminder(&mut self, mut o: OwnReminder, c: ReminderChanges) -> Result<i64> {
        if let Some(title) = c.title {
            o.title = title.trim().to_string();
        }
        if o.title.is_empty() {
            return Err(Error::Invalid("a reminder needs a title (--title)".into()));
        }
        o.date = c.date.unwrap_or(o.date);
        o.yearly = c.yearly.unwrap_or(o.yearly);
        if let Some(notes) = c.notes {
            o.notes = notes.trim().to_string();
        }
        check_days(c.lead_days, "the lead time")?;
        if c.clear_lead {
            o.lead_days = None;
        }
        o.lead_days = c.lead_days.or(o.lead_days);
        let tx = self.write()?;
        let id = store::save_own_reminder(&tx, &o)?;
        tx.commit()?;
        Ok(id)
    }

    pub fn remove_reminder(&mut self, id: i64) -> Result<()> {
        let tx = self.write()?;
        if !store::delete_own_reminder(&tx, id)? {
            return Err(Error::NotFound(format!("no reminder of yours with id {id} (see `clerkfolio reminder list`)")));
        }
        tx.commit()?;
        Ok(())
    }

    /// Dismisses the current occurrence of a reminder: a yearly one comes back next year, one
    /// whose date changes comes back at the new date.
    pub fn dismiss_reminder(&mut self, id: &str, day: NaiveDate) -> Result<Reminder> {
        let r = self.current_reminder(id, day)?;
        let tx = self.write()?;
        store::dismiss_reminder(&tx, &r.id, r.due)?;
        tx.commit()?;
        Ok(r)
    }

    /// Hides a reminder until `until` (it shows again that day).
    pub fn snooze_reminder(&mut self, id: &str, until: NaiveDate, day: NaiveDate) -> Result<Reminder> {
        if until <= day {
            return Err(Error::Invalid(format!("snooze until a day after {day} (got {until})")));
        }
        let r = self.current_reminder(id, day)?;
        let tx = self.write()?;
        store::snooze_reminder(&tx, &r.id, until)?;
        tx.commit()?;
        Ok(r)
    }

    /// Undoes a dismissal or snooze of the occurrence `id`.
    pub fn restore_reminder(&mut self, id: &str) -> Result<()> {
        let tx = self.write()?;
        if !store::clear_reminder_mark(&tx, id.trim())? {
            return Err(Error::NotFound(format!("reminder '{}' is neither dismissed nor snoozed", id.trim())));
        }
        tx.commit()?;
        Ok(())
    }

    /// The lead time of one reminder, every year for a yearly one; None: the default again.
    pub fn set_reminder_lead(&mut self, id: &str, lead_days: Option<u32>, day: NaiveDate) -> Result<Reminder> {
        check_days(lead_days, "the lead time")?;
        let r = self.current_reminder(id, day)?;
        // The clerk's own reminders keep their lead time in their own row.
        let own = (r.kind == reminders::Kind::Own).then(|| r.series.strip_prefix("own:")?.parse::<i64>().ok()).flatten();
        let tx = self.write()?;
        match own {
            Some(own) => {
                let mut o = store::own_reminder(&tx, own)?;
                o.lead_days = lead_days;
                store::save_own_reminder(&tx, &o)?;
            }
            None => store::set_reminder_lead(&tx, &r.series, lead_days)?,
        }
        tx.commit()?;
        self.current_reminder(&r.id, day)
    }

    /// The reminders as an iCalendar file's text and its number of events (see `ics::calendar`).
    pub fn calendar(&mut self, day: NaiveDate, stamp: DateTime<Utc>) -> Result<(String, usize)> {
        let all = self.reminders(day)?;
        let token = store::reminder_settings(&self.conn)?.calendar_token;
        ics::calendar(&all, &token, stamp, day).ok_or_else(|| {
            Error::NotFound(format!(
                "no reminder has a date on or after {day} to put in a calendar (record your membership or add a reminder of your own first); nothing was written"
            ))
        })
    }

    /// Writes the calendar to `path` atomically (temp file, fsync, rename); returns the number of events.
    pub fn export_calendar(&mut self, path: &Path, day: NaiveDate, stamp: DateTime<Utc>) -> Result<usize> {
        let (text, events) = self.calendar(day, stamp)?;
        files::existing_folder(path, "the calendar file")?;
        files::write_atomically(path, &files::temp_prefix_for(path), text.as_bytes(), format!("cannot write the calendar file {}", path.display()))?;
        Ok(events)
    }

    // ------------------------------------------------------------ integrity

    /// Every evidence file present with its hash; database integrity and foreign keys.
    pub fn verify(&self) -> Result<VerifyReport> {
        let mut problems = store::integrity_problems(&self.conn)?;
        let evidence = store::evidence_list(&self.conn)?;
        let mut known = std::collections::HashSet::new();
        for e in &evidence {
            known.insert(self.vault.path_of(&e.sha256, e.kind));
            if let Err(err) = self.vault.read_verified(&e.sha256, e.kind) {
                problems.push(format!("evidence {} ({}): {err}", e.id, e.original_name));
            }
        }
        let unreferenced = self
            .vault
            .files()?
            .into_iter()
            .filter(|f| !known.contains(f))
            .map(|f| f.display().to_string())
            .collect();
        Ok(VerifyReport { files_checked: evidence.len(), problems, unreferenced })
    }
}

/// Takes `LOCK_FILE` shared, waiting while a restore holds it. A read-only folder cannot hold
/// a new lock file; it can still be read (and cannot be restored over), so it goes without.
fn lock_shared(dir: &Path) -> Result<Option<std::fs::File>> {
    let path = dir.join(LOCK_FILE);
    let file = match std::fs::File::options().read(true).write(true).create(true).truncate(false).open(&path) {
        Ok(file) => file,
        Err(e) if matches!(e.kind(), std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem) => {
            match std::fs::File::open(&path) {
                Ok(file) => file,
                Err(_) => return Ok(None),
            }
        }
        Err(e) => return Err(Error::io(format!("cannot open the data folder {}", dir.display()), e)),
    };
    file.lock_shared().map_err(|e| Error::io(format!("cannot lock the data folder {}", dir.display()), e))?;
    Ok(Some(file))
}

fn new_evidence(s: Stored) -> Evidence {
    Evidence {
        id: 0,
        sha256: s.sha256,
        original_name: s.original_name,
        kind: s.kind,
        size: s.size,
        pages: s.pages,
        added_at: Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true),
    }
}

fn apply_education(r: &mut Education, c: EducationChanges) {
    if let Some(v) = c.title { r.title = v; }
    if let Some(v) = c.provider { r.provider = v; }
    if let Some(v) = c.category { r.category = v; }
    if let Some(v) = c.certificate { r.certificate = v.trim().to_string(); }
    if let Some(v) = c.start { r.start = v; }
    if c.clear_end { r.end = None; }
    if let Some(v) = c.end { r.end = Some(v); }
    if let Some(v) = c.hours { r.hours = v; }
    if c.clear_points { r.entered = None; }
    if let Some(v) = c.entered { r.entered = Some(v); }
    if let Some(v) = c.learned { r.learned = v.trim().to_string(); }
    if let Some(v) = c.level { r.level = Some(v); }
    if let Some(v) = c.assessment { r.assessment = v; }
}

fn apply_experience(r: &mut Experience, c: ExperienceChanges) {
    if let Some(v) = c.category { r.category = v; }
    if let Some(v) = c.title { r.title = v; }
    if let Some(v) = c.organisation { r.organisation = v.trim().to_string(); }
    if let Some(v) = c.start { r.start = v; }
    if c.clear_end { r.end = None; }
    if let Some(v) = c.end { r.end = Some(v); }
    if c.clear_points { r.entered = None; }
    if let Some(v) = c.entered { r.entered = Some(v); }
    if let Some(v) = c.notes { r.notes = v.trim().to_string(); }
}

fn check_order(start: NaiveDate, end: Option<NaiveDate>, what: &str) -> Result<()> {
    match end {
        Some(end) if end < start => Err(Error::Invalid(format!("the {what} ends ({end}) before it starts ({start})"))),
        _ => Ok(()),
    }
}

/// Contact hours: a week-long institute is 40; more than a year of full days is a typo.
pub const MAX_HOURS: f64 = 2000.0;

fn check_hours(hours: f64) -> Result<()> {
    if !hours.is_finite() || hours < 0.0 {
        return Err(Error::Invalid(format!("contact hours must be 0 or more (got {hours})")));
    }
    if hours > MAX_HOURS {
        return Err(Error::Invalid(format!("{hours} contact hours is more than {MAX_HOURS} for one record; check the number")));
    }
    Ok(())
}

fn check_entered(entered: Option<&EnteredPoints>, names: FieldNames) -> Result<()> {
    let Some(p) = entered else { return Ok(()) };
    if !p.points.is_finite() || p.points < 0.0 || p.points > 1000.0 {
        return Err(Error::Invalid(format!("points must be between 0 and 1000 (got {})", p.points)));
    }
    if p.reason.trim().is_empty() {
        return Err(Error::Invalid(format!(
            "entered points need a reason ({}), e.g. \"stated on the certificate\"",
            names.of("reason", "points_reason")
        )));
    }
    Ok(())
}

fn check_days(days: Option<u32>, what: &str) -> Result<()> {
    match days {
        Some(d) if d > MAX_DAYS => Err(Error::Invalid(format!("{what} must be 0 to {MAX_DAYS} days (got {d})"))),
        _ => Ok(()),
    }
}

/// A required text field: given and not blank.
fn required(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else { return false };
    !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.') && !text.contains(char::is_whitespace)
}
