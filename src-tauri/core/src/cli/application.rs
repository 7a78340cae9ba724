//! `clerkfolio application`: packets sent to IIMC, as records (submitted, approved, returned).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Subcommand;

use clerkfolio_core::application::{ApplicationStatus, Decision};
use clerkfolio_core::{Result, Workspace};

use super::output::Out;
use super::{date_arg, today};

#[derive(Subcommand)]
pub enum ApplicationCommand {
    /// Record a generated packet as the application sent to IIMC; prints its id
    Submit {
        /// The program applied for (cmc, mmc)
        #[arg(long, value_name = "ID")]
        program: String,
        /// The packet PDF Clerkfolio generated (`clerkfolio packet --out`), kept in the vault
        #[arg(long, value_name = "FILE")]
        packet: PathBuf,
        /// The day it was sent (default: today)
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
        date: Option<NaiveDate>,
    },
    /// The applications sent, with their status and records changed since
    List {
        #[arg(long)]
        json: bool,
    },
    /// Record IIMC's decision: approved (the designation is recorded) or returned
    Decide {
        id: i64,
        /// Awarded on this day: records the designation
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg, required_unless_present = "returned", conflicts_with = "returned")]
        approved: Option<NaiveDate>,
        /// Sent back by IIMC (with --note): its records count again for the programs that follow
        #[arg(long, requires = "note")]
        returned: bool,
        /// What IIMC said
        #[arg(long, value_name = "TEXT", requires = "returned")]
        note: Option<String>,
    },
    /// Remove an application recorded by mistake: its records count again; its packet file stays in Evidence
    Remove {
        id: i64,
        /// Print the removed application as JSON (as `application list --json` listed it)
        #[arg(long)]
        json: bool,
    },
}

pub fn run(command: ApplicationCommand, ws: &mut Workspace, out: &mut Out) -> Result<()> {
    match command {
        ApplicationCommand::Submit { program, packet, date } => {
            out.line(ws.submit_application(&program, &packet, date.unwrap_or_else(today))?)
        }
        ApplicationCommand::List { json } => list(ws, json, out)?,
        ApplicationCommand::Decide { id, approved, note, .. } => {
            let decision = match approved {
                Some(day) => Decision::Approved(day),
                None => Decision::Returned(note.unwrap_or_default()),
            };
            let a = ws.decide_application(id, decision)?;
            match (a.awarded_on, a.designation) {
                (Some(on), Some(designation)) => out.line(format_args!(
                    "Application {id} approved: the {} awarded on {on} is recorded (designation {designation})",
                    a.program.to_uppercase()
                )),
                _ => out.line(format_args!(
                    "Application {id} marked returned; its records count again for the programs that follow the {}",
                    a.program.to_uppercase()
                )),
            }
        }
        ApplicationCommand::Remove { id, json } => {
            let a = ws.remove_application(id)?;
            if json {
                return out.json(&a);
            }
            let program = a.program.to_uppercase();
            let records = match a.status {
                ApplicationStatus::Returned => "its records already counted again (it was returned)".to_string(),
                _ => format!("its {} record(s) count again for the programs that follow the {program}", a.records.len()),
            };
            out.line(format_args!("Application {id} removed ({}): {records}", a.describe()));
            out.line(format_args!(
                "The packet file {} stays in Evidence (evidence {}), used by nothing now: remove it there if it is not needed (`clerkfolio evidence remove {}`)",
                a.packet.file, a.packet.evidence, a.packet.evidence
            ));
        }
    }
    Ok(())
}

fn list(ws: &mut Workspace, json: bool, out: &mut Out) -> Result<()> {
    let rows = ws.applications()?;
    if json {
        return out.json(&rows);
    }
    for a in &rows {
        let status = match (a.awarded_on, a.returned_on) {
            (Some(on), _) => format!("approved, awarded {on}"),
            (_, Some(on)) => format!("returned {on}: {}", a.note.as_deref().unwrap_or("")),
            _ => "submitted, awaiting IIMC".to_string(),
        };
        out.line(format_args!(
            "{:>4}  {:<4} submitted {}  {}  ({} records, {} exhibits; packet {}, SHA-256 {})",
            a.id,
            a.program.to_uppercase(),
            a.submitted_on,
            status,
            a.records.len(),
            a.exhibits.len(),
            a.packet.file,
            a.packet.sha256.short()
        ));
        for r in a.records.iter().filter(|r| !r.changes.is_empty()) {
            out.line(format_args!(
                "      {} {} \"{}\" differs from what was submitted: {}",
                r.record.id(),
                r.id,
                r.title,
                r.changes.join(", ")
            ));
        }
    }
    Ok(())
}
