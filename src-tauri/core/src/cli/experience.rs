//! `clerkfolio experience`: positions held, conferences attended, committees, teaching.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use clerkfolio_core::exchange::{experience_json, with_uses};
use clerkfolio_core::model::{ExperienceChanges, RecordKind, Table};
use clerkfolio_core::{Result, Workspace};

use super::date_arg;
use super::education::{entered, planned_mark};
use super::output::{Out, entered_points, ids};

#[derive(Args)]
pub struct ExperienceFields {
    /// Category id (see `clerkfolio programs show cmc`)
    #[arg(long, value_name = "C")]
    category: Option<String>,
    #[arg(long, value_name = "T")]
    title: Option<String>,
    #[arg(long, value_name = "O")]
    organisation: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
    start: Option<NaiveDate>,
    /// Leave out for a current position
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
    end: Option<NaiveDate>,
    /// Points awarded or claimed (needs --reason)
    #[arg(long, value_name = "X", allow_negative_numbers = true, requires = "reason")]
    points: Option<f64>,
    #[arg(long, value_name = "R", requires = "points")]
    reason: Option<String>,
    #[arg(long, value_name = "TEXT")]
    notes: Option<String>,
    /// Supporting document (repeat for several)
    #[arg(long, value_name = "FILE")]
    evidence: Vec<PathBuf>,
    /// Not happened yet (registered, scheduled): may be dated in the future; never counted as
    /// earned, shown apart with the projected eligibility date
    #[arg(long)]
    planned: bool,
    /// Letter of Employment Verification for this position
    #[arg(long, value_name = "FILE")]
    letter: Option<PathBuf>,
}

impl ExperienceFields {
    fn into_changes(self) -> (ExperienceChanges, Vec<PathBuf>, Option<PathBuf>) {
        let changes = ExperienceChanges {
            category: self.category,
            title: self.title,
            organisation: self.organisation,
            start: self.start,
            end: self.end,
            entered: entered(self.points, self.reason),
            notes: self.notes,
            planned: self.planned.then_some(true),
            ..Default::default()
        };
        (changes, self.evidence, self.letter)
    }
}

#[derive(Subcommand)]
pub enum ExperienceCommand {
    /// Record experience; prints its id
    Add(ExperienceFields),
    /// Change an experience record (only the fields given; --evidence/--letter add files, --detach takes them off)
    Edit {
        id: i64,
        #[command(flatten)]
        fields: ExperienceFields,
        /// Remove the end date (a current position)
        #[arg(long)]
        no_end: bool,
        #[arg(long, conflicts_with = "points")]
        clear_points: bool,
        /// Take an attached evidence file (a supporting document or the employment letter) off
        /// this record (repeat for several); the file stays in the vault until `clerkfolio evidence remove`
        #[arg(long, value_name = "EVIDENCE_ID")]
        detach: Vec<i64>,
        /// A planned record has happened: it counts from now on (refused while it has not
        /// begun; attach the proof with --evidence)
        #[arg(long, conflicts_with = "planned")]
        done: bool,
    },
    /// Remove an experience record (its evidence stays in the vault)
    Remove { id: i64 },
}

pub fn run(command: ExperienceCommand, ws: &mut Workspace, out: &mut Out) -> Result<()> {
    match command {
        ExperienceCommand::Add(fields) => {
            let (changes, files, letter) = fields.into_changes();
            out.line(ws.add_experience(changes, &files, letter.as_deref())?);
        }
        ExperienceCommand::Edit { id, fields, no_end, clear_points, detach, done } => {
            let (mut changes, files, letter) = fields.into_changes();
            if done {
                changes.planned = Some(false);
            }
            changes.detach = detach;
            changes.clear_end = no_end;
            changes.clear_points = clear_points;
            ws.edit_experience(id, changes, &files, letter.as_deref())?;
        }
        ExperienceCommand::Remove { id } => ws.remove(Table::Experience, id)?,
    }
    Ok(())
}

pub fn list(ws: &mut Workspace, json: bool, out: &mut Out) -> Result<()> {
    let rows = ws.experience()?;
    if json {
        // Each record with the applications that used it (not returned) and whether it differs now.
        let applications = ws.applications()?;
        return out.json(&rows.iter().map(|e| with_uses(experience_json(e), &applications, RecordKind::Experience, e.id)).collect::<Vec<_>>());
    }
    for e in rows {
        let until = e.end.map_or("present".to_string(), |d| d.to_string());
        let points = entered_points(e.entered.as_ref());
        let letters = if e.letters.is_empty() { String::new() } else { format!(" [letter: {}]", ids(&e.letters)) };
        out.line(format_args!(
            "{:>4}  {} to {:<10} {:<16} {} {}{points}{}  [evidence: {}]{letters}",
            e.id,
            e.start,
            until,
            e.category,
            e.title,
            e.organisation,
            planned_mark(e.planned),
            ids(&e.evidence)
        ));
    }
    Ok(())
}
