//! Education and experience records: the one set of checks every add, edit and import goes
//! through, and CSV/JSON import and export built on them.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{FieldNames, Workspace, new_evidence};
use crate::datadir;
use crate::error::{Error, Result};
use crate::exchange::{self, ExportFormat, ImportPlan, ImportSummary, PlannedRow, Record, RecordChanges, RowProblem};
use crate::files;
use crate::model::*;
use crate::store;
use crate::text::{self, Kind};
use crate::vault::{self, Stored};

impl Workspace {
    // ------------------------------------------------------------ education

    /// A new education record from the fields given, checked by the same rules as every save.
    /// `names` says how the person typed the fields (flags or CSV columns), for the messages.
    pub fn new_education(&self, c: EducationChanges, names: FieldNames) -> Result<Education> {
        let needs = |what: &str, flag: &str, column: &str| {
            names.invalid(format!("an education record needs {what}"), flag, column)
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
            recorded_on: Some(self.today()),
            evidence: Vec::new(),
            from_certificate: false,
            planned: false,
            sponsor: Sponsor::Unknown,
        };
        apply_education(&mut record, c);
        self.check_education(&mut record, names)?;
        self.check_happened(RecordKind::Education, record.planned, record.dated(), Saving::New(names))?;
        Ok(record)
    }

    pub fn add_education(&mut self, c: EducationChanges, files: &[PathBuf]) -> Result<i64> {
        let record = self.new_education(c, FieldNames::Flags)?;
        self.save_education(record, files, &[])
    }

    /// Changes a record: the fields given, `files` attached, `c.detach` taken off (all or nothing).
    pub fn edit_education(&mut self, id: i64, mut c: EducationChanges, files: &[PathBuf]) -> Result<Education> {
        let mut record = store::education(&self.conn, id)?;
        let detach = std::mem::take(&mut c.detach);
        let dating = c.start.is_some() || c.end.is_some() || c.clear_end || c.planned.is_some();
        let marking_done = c.planned == Some(false);
        apply_education(&mut record, c);
        record.evidence.clear();
        self.check_education(&mut record, FieldNames::Flags)?;
        if dating {
            self.check_happened(RecordKind::Education, record.planned, record.dated(), Saving::Edit { id, marking_done })?;
        }
        let id = self.save_education(record, files, &detach)?;
        store::education(&self.conn, id)
    }

    /// Tidies and checks a record before it is saved: the one set of rules for adds, edits and imports.
    fn check_education(&self, record: &mut Education, names: FieldNames) -> Result<()> {
        record.title = text::field(&record.title, "the title", Kind::Line)?;
        record.provider = text::field(&record.provider, "the provider", Kind::Line)?;
        record.category = text::field(&record.category, "the category", Kind::Line)?;
        record.certificate = text::field(&record.certificate, "the certificate number", Kind::Line)?;
        record.learned = text::field(&record.learned, "what was learned", Kind::Text)?;
        check_reason(&mut record.entered)?;
        self.programs.check_category(RecordKind::Education, &record.category)?;
        check_order(record.start, record.end, "course")?;
        check_hours(record.hours)?;
        check_entered(record.entered.as_ref(), names)?;
        if record.title.is_empty() {
            return Err(Error::Invalid("the title cannot be empty".into()));
        }
        Ok(())
    }

    /// Saves a checked record, its evidence files first (checked outside the transaction,
    /// stored atomically under its write lock), after taking the `detach` ids off it.
    fn save_education(&mut self, mut record: Education, files: &[PathBuf], detach: &[i64]) -> Result<i64> {
        let checked = vault::check_all(files)?;
        let tx = self.write_storing(&checked)?;
        detach_evidence(&tx, RecordKind::Education, record.id, detach)?;
        for c in checked {
            record.evidence.push(store::insert_evidence(&tx, &new_evidence(c.stored))?);
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
            names.invalid(format!("an experience record needs {what}"), flag, column)
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
            recorded_on: Some(self.today()),
            evidence: Vec::new(),
            letters: Vec::new(),
            planned: false,
        };
        apply_experience(&mut record, c);
        self.check_experience(&mut record, names)?;
        self.check_happened(RecordKind::Experience, record.planned, record.start, Saving::New(names))?;
        Ok(record)
    }

    pub fn add_experience(&mut self, c: ExperienceChanges, files: &[PathBuf], letter: Option<&Path>) -> Result<i64> {
        let record = self.new_experience(c, FieldNames::Flags)?;
        self.save_experience(record, files, letter, &[])
    }

    /// Changes a record: the fields given, files attached, `c.detach` taken off (all or nothing).
    pub fn edit_experience(&mut self, id: i64, mut c: ExperienceChanges, files: &[PathBuf], letter: Option<&Path>) -> Result<Experience> {
        let mut record = store::experience(&self.conn, id)?;
        let detach = std::mem::take(&mut c.detach);
        let dating = c.start.is_some() || c.planned.is_some();
        let marking_done = c.planned == Some(false);
        apply_experience(&mut record, c);
        record.evidence.clear();
        record.letters.clear();
        self.check_experience(&mut record, FieldNames::Flags)?;
        if dating {
            self.check_happened(RecordKind::Experience, record.planned, record.start, Saving::Edit { id, marking_done })?;
        }
        let id = self.save_experience(record, files, letter, &detach)?;
        store::experience(&self.conn, id)
    }

    /// Tidies and checks a record before it is saved: the one set of rules for adds, edits and imports.
    fn check_experience(&self, record: &mut Experience, names: FieldNames) -> Result<()> {
        record.title = text::field(&record.title, "the title", Kind::Line)?;
        record.category = text::field(&record.category, "the category", Kind::Line)?;
        record.organisation = text::field(&record.organisation, "the organisation", Kind::Line)?;
        record.notes = text::field(&record.notes, "the notes", Kind::Text)?;
        check_reason(&mut record.entered)?;
        if record.title.is_empty() {
            return Err(Error::Invalid("the title cannot be empty".into()));
        }
        self.programs.check_category(RecordKind::Experience, &record.category)?;
        check_order(record.start, record.end, "experience")?;
        check_entered(record.entered.as_ref(), names)
    }

    /// Saves a checked record, its evidence files (supporting documents, letter) first (checked
    /// outside the transaction, stored atomically under its write lock), after taking the
    /// `detach` ids off it.
    fn save_experience(&mut self, mut record: Experience, files: &[PathBuf], letter: Option<&Path>, detach: &[i64]) -> Result<i64> {
        let mut all: Vec<PathBuf> = files.to_vec();
        all.extend(letter.map(Path::to_path_buf));
        let checked = vault::check_all(&all)?;
        let tx = self.write_storing(&checked)?;
        detach_evidence(&tx, RecordKind::Experience, record.id, detach)?;
        let mut stored: Vec<Stored> = checked.into_iter().map(|c| c.stored).collect();
        let letter = letter.and_then(|_| stored.pop());
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

    /// A record that is not planned has happened, so it cannot be dated after today: saved, it
    /// would sit "not counted" with nothing saying why (a 2099 typo, next spring's conference).
    /// Planned, it is reported apart and gives a projected eligibility date. `dated` is when the
    /// record counts from: a course's last day, the day a position or an activity begins.
    /// Edits are checked only when they touch the dates or the mark, so a record saved before
    /// this rule can still have its title corrected.
    fn check_happened(&self, kind: RecordKind, planned: bool, dated: NaiveDate, saving: Saving) -> Result<()> {
        let today = self.today();
        if planned || dated <= today {
            return Ok(());
        }
        let what = kind.id();
        Err(match saving {
            Saving::Edit { id, marking_done: true } => Error::Invalid(format!(
                "{what} record {id} is dated {dated}, after today ({today}): it cannot be marked done before it has \
                 happened; it stays planned (correct its date if it happened earlier)"
            )),
            Saving::Edit { id, marking_done: false } => Error::Invalid(format!(
                "{what} record {id} would be dated {dated}, after today ({today}): a record that has not happened yet \
                 must be planned; mark it planned, or correct the date"
            ))
            .hint(format!("clerkfolio {what} edit {id} --planned")),
            Saving::New(FieldNames::Flags) => Error::Invalid(format!(
                "this {what} record is dated {dated}, after today ({today}): a record that has not happened yet is \
                 recorded as planned (reported apart, with the projected eligibility date); add it as planned, or \
                 correct the date"
            ))
            .hint("--planned"),
            Saving::New(FieldNames::Columns) => Error::Invalid(format!(
                "dated {dated}, after today ({today}): only what has happened can be imported; add it as planned with \
                 `clerkfolio {what} add … --planned`, or correct the date"
            )),
        })
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
                Err(e) => plan.problems.push(RowProblem { line: row.line, message: e.message(), hint: e.command_hint().map(String::from) }),
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
                "{}: {} of {total} rows are invalid; nothing was imported. Correct them, or import only the {} valid rows",
                plan.name,
                plan.problems.len(),
                plan.rows.len()
            ))
            .hint("--skip-invalid"));
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
        datadir::refuse_inside(&self.dir, target, "the export")?;
        let tx = self.conn.transaction()?;
        let (portfolio, applications) = (store::load_portfolio(&tx)?, super::applications::all(&tx, None)?);
        tx.finish()?;
        let bytes = exchange::render(&portfolio, &applications, format)?;
        files::write_atomically(target, &files::temp_prefix_for(target), &bytes, format!("cannot write {}", target.display()))?;
        Ok((portfolio.education.len(), portfolio.experience.len()))
    }

}

/// What a save is, for the words of `check_happened`.
#[derive(Debug, Clone, Copy)]
enum Saving {
    New(FieldNames),
    Edit { id: i64, marking_done: bool },
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
    if let Some(v) = c.planned { r.planned = v; }
    if let Some(v) = c.sponsor { r.sponsor = v; }
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
    if let Some(v) = c.planned { r.planned = v; }
}

/// Takes the `detach` evidence ids off record `id`, inside the edit's transaction: detached
/// first, so a file attached again in the same edit stays. An id not attached to the record is
/// refused, and the transaction, never committed, leaves everything as it was. The files stay in
/// the vault, listed as not used, until `evidence remove`.
fn detach_evidence(tx: &rusqlite::Transaction, kind: RecordKind, id: i64, detach: &[i64]) -> Result<()> {
    for &evidence in detach {
        let attached = match kind {
            RecordKind::Education => store::detach_education(tx, id, evidence)?,
            RecordKind::Experience => store::detach_experience(tx, id, evidence)?,
        };
        if !attached {
            let what = kind.id();
            return Err(Error::NotFound(format!("evidence {evidence} is not attached to {what} record {id}; nothing was changed"))
                .hint(format!("see `clerkfolio list {what}`")));
        }
    }
    Ok(())
}

pub(super) fn check_order(start: NaiveDate, end: Option<NaiveDate>, what: &str) -> Result<()> {
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

/// The reason given for entered points goes through the same edge as every other text.
fn check_reason(entered: &mut Option<EnteredPoints>) -> Result<()> {
    if let Some(p) = entered {
        p.reason = text::field(&p.reason, "the reason for the points", Kind::Text)?;
    }
    Ok(())
}

fn check_entered(entered: Option<&EnteredPoints>, names: FieldNames) -> Result<()> {
    let Some(p) = entered else { return Ok(()) };
    if !p.points.is_finite() || p.points < 0.0 || p.points > 1000.0 {
        return Err(Error::Invalid(format!("points must be between 0 and 1000 (got {})", p.points)));
    }
    if p.reason.trim().is_empty() {
        return Err(names.invalid("entered points need a reason, e.g. \"stated on the certificate\"".into(), "reason", "points_reason"));
    }
    Ok(())
}


/// A required text field: given and not blank.
fn required(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}
