//! A data folder opened for use: the database, the vault and the programs, with one method per
//! user action. Each action that writes runs in one transaction; evidence files are checked
//! before it and copied into the vault (atomically) inside it, under its write lock, before the
//! rows that name them: a crash at any point leaves either no record or a complete record whose
//! files are all present, and a removal in another process cannot delete a file in between.
//! The CLI and the desktop shell both drive this type and nothing below it.

mod applications;
mod intake;
mod records;
mod reminders;

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, SecondsFormat, Utc};
use rusqlite::Connection;
use serde::Serialize;

use crate::datadir;
use crate::error::{Error, Result};
use crate::model::*;
use crate::program::Programs;
use crate::rules::{self, Progress};
use crate::store;
use crate::text::{self, Kind};
use crate::vault::{self, Checked, Retired, Stored, Vault};

pub use intake::{QueueItem, Suggestion, files_under};
pub use records::MAX_HOURS;
use records::check_order;

/// How the person named the fields they typed, so a message points at the right thing: a
/// command-line flag (`--title`) or a CSV column (`column title`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldNames {
    Flags,
    Columns,
}

impl FieldNames {
    /// An invalid-input error naming the field as the person typed it: a flag is a command-line
    /// hint (a window's form has none), a CSV column belongs to the words.
    fn invalid(self, message: String, flag: &str, column: &str) -> Error {
        match self {
            FieldNames::Flags => Error::Invalid(message).hint(format!("--{flag}")),
            FieldNames::Columns => Error::Invalid(format!("{message} (column {column})")),
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
    /// The day taken as today when a record is entered; None: the computer's clock.
    today: Option<NaiveDate>,
    /// The shared lock on `datadir::LOCK_FILE`, released when the workspace is dropped.
    _lock: Option<std::fs::File>,
}

impl Workspace {
    /// Opens the data folder, creating it, the database and the vault if they do not exist.
    pub fn open(dir: &Path) -> Result<Workspace> {
        datadir::recover_interrupted_restore(dir);
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(format!("cannot create the data folder {}", dir.display()), e))?;
        let lock = datadir::lock_shared(dir)?;
        let conn = store::open(&dir.join(datadir::DATABASE_FILE))?;
        let vault = Vault::open(dir.join(datadir::VAULT_DIR))?;
        let programs = Programs::load(&dir.join(datadir::PROGRAMS_DIR))?;
        Ok(Workspace { dir: dir.to_path_buf(), conn, vault, programs, today: None, _lock: lock })
    }

    /// A write transaction that takes the write lock up front: a deferred one that reads first
    /// fails at once with "database is locked" when another process (the desktop app and the CLI
    /// together) commits in between, instead of waiting for the busy timeout.
    fn write(&mut self) -> Result<rusqlite::Transaction<'_>> {
        immediate(&mut self.conn)
    }

    /// [`Workspace::write`], with the checked files put in the vault once the write lock is
    /// held. A removal in another process deletes a vault file only under that lock, after
    /// proving no row names it; so a file found (or written) here cannot vanish before this
    /// transaction's rows name it. Written before the commit, a crash leaves at worst an
    /// unreferenced file.
    fn write_storing(&mut self, files: &[Checked]) -> Result<rusqlite::Transaction<'_>> {
        let tx = immediate(&mut self.conn)?;
        self.vault.store(files)?;
        Ok(tx)
    }

    /// Takes `day` as today from now on, instead of the clock (None: the clock again): the day
    /// new records are entered on (a script replaying a history, a test with fixed dates, the
    /// demo, whose fictional clerk entered each record when it happened).
    pub fn set_today(&mut self, day: Option<NaiveDate>) {
        self.today = day;
    }

    /// The day records entered now are entered on: the local calendar day, as the clerk sees it.
    fn today(&self) -> NaiveDate {
        self.today.unwrap_or_else(|| chrono::Local::now().date_naive())
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

    /// Changes whenever another process (the command line, a second window) commits a change to
    /// this portfolio; never for this workspace's own writes.
    pub fn outside_changes(&self) -> Result<i64> {
        store::data_version(&self.conn)
    }

    // ------------------------------------------------------------ profile

    pub fn profile(&self) -> Result<Profile> {
        store::profile(&self.conn)
    }

    pub fn set_profile(&mut self, c: ProfileChanges) -> Result<Profile> {
        let tx = self.write()?;
        let mut p = store::profile(&tx)?;
        let set = |new: Option<String>, old: &mut String, what: &str, kind: Kind| -> Result<()> {
            if let Some(v) = text::optional(new, what, kind)? {
                *old = v;
            }
            Ok(())
        };
        set(c.full_name, &mut p.full_name, "the name", Kind::Line)?;
        set(c.title, &mut p.title, "the job title", Kind::Line)?;
        set(c.municipality, &mut p.municipality, "the municipality", Kind::Line)?;
        set(c.state, &mut p.state, "the state", Kind::Line)?;
        set(c.country, &mut p.country, "the country", Kind::Line)?;
        set(c.address, &mut p.address, "the address", Kind::Text)?;
        set(c.email, &mut p.email, "the e-mail address", Kind::Line)?;
        set(c.phone, &mut p.phone, "the phone number", Kind::Line)?;
        set(c.member_id, &mut p.member_id, "the member id", Kind::Line)?;
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
            organisation: text::optional(organisation, "the organisation", Kind::Line)?.filter(|o| !o.is_empty()).unwrap_or_else(|| "IIMC".into()),
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
        if let Some(o) = text::optional(c.organisation, "the organisation", Kind::Line)?.filter(|o| !o.is_empty()) {
            m.organisation = o;
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

    /// `program` is a designation id as program files use them: `cmc`, or `cmc-recert` for a
    /// CMC recertification (the suffix marks it, so one text field in a form can say either).
    pub fn add_designation(&mut self, program: &str, awarded_on: NaiveDate, evidence: Option<&Path>) -> Result<i64> {
        let key = program.trim().to_lowercase();
        let (program, recertification) = match key.strip_suffix("-recert") {
            Some(program) => (program.to_string(), true),
            None => (key, false),
        };
        if program.is_empty() {
            return Err(Error::Invalid("a designation needs a program, e.g. --program cmc".into()).hint("--program"));
        }
        let checked = vault::check_all(evidence.map(Path::to_path_buf).as_slice())?;
        let tx = self.write_storing(&checked)?;
        let evidence = checked.into_iter().next().map(|c| store::insert_evidence(&tx, &new_evidence(c.stored))).transpose()?;
        let id = store::insert_designation(&tx, &Designation { id: 0, program, awarded_on, evidence, recertification })?;
        tx.commit()?;
        Ok(id)
    }

    pub fn designations(&self) -> Result<Vec<Designation>> {
        store::designations(&self.conn)
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
        let checked = vault::check_all(&[file.to_path_buf()])?;
        let tx = self.write_storing(&checked)?;
        let id = store::insert_evidence(&tx, &new_evidence(checked[0].stored.clone()))?;
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
    pub fn remove(&mut self, table: Table, id: i64) -> Result<()> {
        let tx = immediate(&mut self.conn)?;
        let evidence = if table == Table::Evidence { Some(unused_evidence(&tx, id)?) } else { None };
        if !store::delete_row(&tx, table, id)? {
            let table = table.name();
            return Err(Error::NotFound(format!("no {table} record with id {id}")).hint(format!("see `clerkfolio list {table}`")));
        }
        // The file goes while this transaction holds the write lock and no row names its hash
        // (one another process committed before we took the lock would be seen here); an add
        // that waits for the lock then finds it gone and writes it again (`write_storing`).
        // A HEIC photo's rendition goes with it, unless another row names it.
        let mut retired = Vec::new();
        if let Some(e) = evidence {
            let mut take = || -> Result<()> {
                if store::evidence_by_hash(&tx, &e.sha256)?.is_none() {
                    retired.extend(self.vault.retire(&e.sha256, e.kind)?);
                }
                if let Some(rendition) = &e.rendition_sha256
                    && store::rendition_unused(&tx, rendition)?
                {
                    retired.extend(self.vault.retire_rendition(rendition)?);
                }
                Ok(())
            };
            if let Err(err) = take() {
                retired.into_iter().for_each(Retired::put_back);
                return Err(err);
            }
        }
        let committed = tx.commit();
        for file in retired {
            if committed.is_ok() { file.discard() } else { file.put_back() }
        }
        Ok(committed?)
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
        // The record being edited keeps the applications that used it (and so what they exclude).
        for used in portfolio.applications.iter_mut().flat_map(|a| a.records.iter_mut()) {
            if used.0 == kind && Some(used.1) == existing {
                used.1 = PREVIEW_ID;
            }
        }
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

    /// A small PNG of an exhibit (longest side `max` pixels), for lists.
    /// A PDF's first page is drawn (hayro) at a small size; one that cannot be drawn (a
    /// password, a damaged page) has no thumbnail and keeps its "PDF" badge.
    pub fn evidence_thumbnail(&self, id: i64, max: u32) -> Result<Option<Vec<u8>>> {
        let e = store::evidence(&self.conn, id)?;
        // A HEIC photo's JPEG rendition: what the packet shows.
        let bytes = self.vault.read_shown(&e)?;
        let image = if e.kind == FileKind::Pdf {
            // 36 dpi: a letter page is 306 × 396 pixels, more than a list's thumbnail needs.
            match crate::certificate::pdf::render_page(&bytes, 0, 36.0) {
                Ok(page) => image::DynamicImage::ImageLuma8(page),
                Err(_) => return Ok(None),
            }
        } else if e.kind == FileKind::Tiff {
            crate::tiff_pages::first_page(&bytes).map_err(|err| Error::Integrity(format!("{} cannot be read: {err}", e.original_name)))?
        } else {
            image::load_from_memory(&bytes).map_err(|err| Error::Integrity(format!("{} cannot be read: {err}", e.original_name)))?
        };
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

    // ------------------------------------------------------------ integrity

    /// Every evidence file present with its hash; database integrity and foreign keys.
    pub fn verify(&self) -> Result<VerifyReport> {
        let mut problems = store::integrity_problems(&self.conn)?;
        let evidence = store::evidence_list(&self.conn)?;
        let mut known = std::collections::HashSet::new();
        for e in &evidence {
            known.extend(self.vault.paths_of(e));
            if let Err(err) = self.vault.check_files(e) {
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

    // ------------------------------------------------------------ automatic backups

    pub fn backup_settings(&self) -> Result<store::BackupSettings> {
        store::backup_settings(&self.conn)
    }

    /// Turns the app's automatic backups on or off and chooses their folder (None: the default,
    /// `Clerkfolio Backups` in Documents). A chosen folder must be a full path to a folder
    /// that exists, outside the data folder, with a name that can be stored as text.
    pub fn set_backup_settings(&mut self, automatic: bool, folder: Option<PathBuf>) -> Result<store::BackupSettings> {
        if let Some(folder) = &folder {
            crate::backup::auto::check_folder(self.dir(), folder)?;
        }
        let settings = store::BackupSettings { automatic, folder };
        let tx = self.write()?;
        store::save_backup_settings(&tx, &settings)?;
        tx.commit()?;
        Ok(settings)
    }
}

/// A write transaction that takes the write lock up front (see [`Workspace::write`]).
fn immediate(conn: &mut Connection) -> Result<rusqlite::Transaction<'_>> {
    Ok(conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
}

/// The evidence row `id`, refused while any record uses it.
fn unused_evidence(tx: &rusqlite::Transaction, id: i64) -> Result<Evidence> {
    let e = store::evidence(tx, id)?;
    let users = store::evidence_users(tx, id)?;
    if !users.is_empty() {
        return Err(Error::Conflict(format!(
            "evidence {id} ({}) is still used by {}; remove it from those records first",
            e.original_name,
            users.join(", ")
        )));
    }
    Ok(e)
}

pub(crate) fn new_evidence(s: Stored) -> Evidence {
    Evidence {
        id: 0,
        sha256: s.sha256,
        original_name: s.original_name,
        kind: s.kind,
        size: s.size,
        pages: s.pages,
        added_at: Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true),
        rendition_sha256: s.rendition_sha256,
    }
}

fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else { return false };
    !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.') && !text.contains(char::is_whitespace)
}
