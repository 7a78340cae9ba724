//! `clerkfolio designation`: designations the clerk holds (the CMC award date starts the MMC clock).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Subcommand;

use clerkfolio_core::model::Table;
use clerkfolio_core::{Result, Workspace};

use super::date_arg;
use super::output::Out;

#[derive(Subcommand)]
pub enum DesignationCommand {
    /// Record a designation you were awarded; prints its id
    Add {
        /// cmc, mmc or another program id (cmc-recert: a CMC recertification)
        #[arg(long, value_name = "ID")]
        program: String,
        /// A recertification of the program (a CMC recertification): it moves the MMC cut-off
        /// date like an award does
        #[arg(long)]
        recertification: bool,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
        date: NaiveDate,
        /// The award certificate
        #[arg(long, value_name = "FILE")]
        evidence: Option<PathBuf>,
    },
    /// Remove a designation
    Remove { id: i64 },
}

pub fn run(command: DesignationCommand, ws: &mut Workspace, out: &mut Out) -> Result<()> {
    match command {
        DesignationCommand::Add { program, date, recertification, evidence } => {
            // The workspace takes the id program files use: `cmc-recert` for a recertification.
            let key = if recertification && !program.ends_with("-recert") { format!("{program}-recert") } else { program };
            out.line(ws.add_designation(&key, date, evidence.as_deref())?)
        }
        DesignationCommand::Remove { id } => ws.remove(Table::Designation, id)?,
    }
    Ok(())
}

pub fn list(ws: &mut Workspace, json: bool, out: &mut Out) -> Result<()> {
    let rows = ws.designations()?;
    if json {
        return out.json(&rows);
    }
    for d in rows {
        out.line(format_args!("{:>4}  {:<6} awarded {}", d.id, d.describe(), d.awarded_on));
    }
    Ok(())
}
