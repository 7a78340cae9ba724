//! `clerkfolio evidence`: supporting documents in the vault.

use std::path::PathBuf;

use clap::Subcommand;

use clerkfolio_core::model::Table;
use clerkfolio_core::workspace::Attach;
use clerkfolio_core::{Result, Workspace};

use super::output::Out;

#[derive(Subcommand)]
pub enum EvidenceCommand {
    /// Add a file to the vault, optionally attached to a record; prints its id
    Add {
        file: PathBuf,
        /// education:ID, experience:ID, or letter:ID (employment letter for experience ID)
        #[arg(long, value_name = "RECORD")]
        to: Option<String>,
    },
    /// Remove an evidence file that no record uses
    Remove { id: i64 },
}

pub fn run(command: EvidenceCommand, ws: &mut Workspace, out: &mut Out) -> Result<()> {
    match command {
        EvidenceCommand::Add { file, to } => {
            let to = to.as_deref().map(Attach::parse).transpose()?;
            out.line(ws.add_evidence(&file, to)?);
        }
        EvidenceCommand::Remove { id } => ws.remove(Table::Evidence, id)?,
    }
    Ok(())
}

pub fn list(ws: &mut Workspace, json: bool, out: &mut Out) -> Result<()> {
    let rows = ws.evidence()?;
    if json {
        return out.json(&rows);
    }
    for r in rows {
        let e = &r.evidence;
        let used = if r.used_by.is_empty() { "not used".to_string() } else { r.used_by.join(", ") };
        out.line(format_args!("{:>4}  {:<4} {:>3} p. {:>9} B  {}  ({used})  {}", e.id, e.kind.id(), e.pages, e.size, e.original_name, e.sha256.short()));
    }
    Ok(())
}
