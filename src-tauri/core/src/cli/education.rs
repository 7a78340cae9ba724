//! `clerkfolio education`: courses, institutes, conferences, webinars, degrees.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use clerkfolio_core::exchange::{education_json, with_uses};
use clerkfolio_core::model::{EducationChanges, EnteredPoints, Level, RecordKind, Sponsor, Table};
use clerkfolio_core::rules::fmt_points;
use clerkfolio_core::{Result, Workspace};

use super::date_arg;
use super::output::{Out, entered_points, ids};

#[derive(Args)]
pub struct EducationFields {
    #[arg(long, value_name = "T")]
    title: Option<String>,
    /// Institute, university or association
    #[arg(long, value_name = "P")]
    provider: Option<String>,
    /// Date (start date for multi-day programs)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
    date: Option<NaiveDate>,
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
    end_date: Option<NaiveDate>,
    /// Contact hours
    #[arg(long, value_name = "H", allow_negative_numbers = true)]
    hours: Option<f64>,
    /// Category id (see `clerkfolio programs show cmc`)
    #[arg(long, value_name = "C")]
    category: Option<String>,
    /// Points stated on the certificate or claimed (needs --reason)
    #[arg(long, value_name = "X", allow_negative_numbers = true, requires = "reason")]
    points: Option<f64>,
    /// Why the points are entered ("stated on the certificate")
    #[arg(long, value_name = "R", requires = "points")]
    reason: Option<String>,
    /// What you learned (IIMC asks for knowledge of program content)
    #[arg(long, value_name = "TEXT")]
    learned: Option<String>,
    /// Certificate or course number as issued
    #[arg(long, value_name = "NO")]
    certificate: Option<String>,
    #[arg(long, value_name = "LEVEL")]
    level: Option<Level>,
    /// A learning assessment was completed
    #[arg(long)]
    assessment: bool,
    /// Supporting document (repeat for several)
    #[arg(long, value_name = "FILE")]
    evidence: Vec<PathBuf>,
    /// Not happened yet (registered, scheduled): may be dated in the future; never counted as
    /// earned, shown apart with the projected eligibility date
    #[arg(long)]
    planned: bool,
    /// Who sponsored the program: the 2 contact hours = 1 point rate is the one state-association
    /// institutes and academies state; for other sponsors enter the points (default unknown)
    #[arg(long, value_name = "KIND")]
    sponsor: Option<Sponsor>,
}

impl EducationFields {
    fn into_changes(self) -> (EducationChanges, Vec<PathBuf>) {
        let changes = EducationChanges {
            title: self.title,
            provider: self.provider,
            category: self.category,
            certificate: self.certificate,
            start: self.date,
            end: self.end_date,
            hours: self.hours,
            entered: entered(self.points, self.reason),
            learned: self.learned,
            level: self.level,
            assessment: self.assessment.then_some(true),
            planned: self.planned.then_some(true),
            sponsor: self.sponsor,
            ..Default::default()
        };
        (changes, self.evidence)
    }
}

#[derive(Subcommand)]
pub enum EducationCommand {
    /// Record education; prints its id
    Add(EducationFields),
    /// Change an education record (only the fields given; --evidence adds files, --detach takes them off)
    Edit {
        id: i64,
        #[command(flatten)]
        fields: EducationFields,
        /// Remove the end date
        #[arg(long)]
        no_end_date: bool,
        /// Go back to computed points
        #[arg(long, conflicts_with = "points")]
        clear_points: bool,
        /// Record that no learning assessment was done
        #[arg(long, conflicts_with = "assessment")]
        no_assessment: bool,
        /// Take an attached evidence file off this record (repeat for several); the file stays
        /// in the vault until `clerkfolio evidence remove`
        #[arg(long, value_name = "EVIDENCE_ID")]
        detach: Vec<i64>,
        /// A planned record has happened: it counts from now on (refused while its date is
        /// still in the future; attach the certificate with --evidence)
        #[arg(long, conflicts_with = "planned")]
        done: bool,
    },
    /// Remove an education record (its evidence stays in the vault)
    Remove { id: i64 },
}

pub fn run(command: EducationCommand, ws: &mut Workspace, out: &mut Out) -> Result<()> {
    match command {
        EducationCommand::Add(fields) => {
            let (changes, files) = fields.into_changes();
            out.line(ws.add_education(changes, &files)?);
        }
        EducationCommand::Edit { id, fields, no_end_date, clear_points, no_assessment, detach, done } => {
            let (mut changes, files) = fields.into_changes();
            if done {
                changes.planned = Some(false);
            }
            changes.detach = detach;
            changes.clear_end = no_end_date;
            changes.clear_points = clear_points;
            if no_assessment {
                changes.assessment = Some(false);
            }
            ws.edit_education(id, changes, &files)?;
        }
        EducationCommand::Remove { id } => ws.remove(Table::Education, id)?,
    }
    Ok(())
}

pub fn list(ws: &mut Workspace, json: bool, out: &mut Out) -> Result<()> {
    let rows = ws.education()?;
    if json {
        // Each record with the applications that used it (not returned) and whether it differs now.
        let applications = ws.applications()?;
        return out.json(&rows.iter().map(|e| with_uses(education_json(e), &applications, RecordKind::Education, e.id)).collect::<Vec<_>>());
    }
    for e in rows {
        let points = entered_points(e.entered.as_ref());
        out.line(format_args!(
            "{:>4}  {}  {:<12} {:>6} h  {} — {}{points}{}  [evidence: {}]",
            e.id,
            e.start,
            e.category,
            fmt_points(e.hours),
            e.title,
            e.provider,
            planned_mark(e.planned),
            ids(&e.evidence)
        ));
    }
    Ok(())
}

/// Says a record is planned in a text listing (it does not count until marked done).
pub fn planned_mark(planned: bool) -> &'static str {
    if planned { "  (planned)" } else { "" }
}

/// `--points` with its `--reason` (clap makes each require the other).
pub fn entered(points: Option<f64>, reason: Option<String>) -> Option<EnteredPoints> {
    points.map(|points| EnteredPoints { points, reason: reason.unwrap_or_default() })
}
