//! `clerkfolio membership`: IIMC (or state association) membership periods.

use chrono::NaiveDate;
use clap::Subcommand;

use clerkfolio_core::model::{MemberType, MembershipChanges, Table};
use clerkfolio_core::{Result, Workspace};

use super::date_arg;
use super::output::Out;

#[derive(Subcommand)]
pub enum MembershipCommand {
    /// Record a membership period; prints its id
    Add {
        #[arg(long = "type", value_name = "TYPE")]
        member_type: MemberType,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
        start: NaiveDate,
        /// Paid-through date (leave out while the membership is ongoing)
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
        end: Option<NaiveDate>,
        /// The association (default IIMC; e.g. MCFOA for the Minnesota program)
        #[arg(long, value_name = "ORG")]
        organisation: Option<String>,
    },
    /// Change a membership period
    Edit {
        id: i64,
        #[arg(long = "type", value_name = "TYPE")]
        member_type: Option<MemberType>,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
        start: Option<NaiveDate>,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg, conflicts_with = "no_end")]
        end: Option<NaiveDate>,
        /// Make the period ongoing (remove its end date)
        #[arg(long)]
        no_end: bool,
        #[arg(long, value_name = "ORG")]
        organisation: Option<String>,
    },
    /// Remove a membership period
    Remove { id: i64 },
}

pub fn run(command: MembershipCommand, ws: &mut Workspace, out: &mut Out) -> Result<()> {
    match command {
        MembershipCommand::Add { member_type, start, end, organisation } => {
            out.line(ws.add_membership(member_type, start, end, organisation)?);
        }
        MembershipCommand::Edit { id, member_type, start, end, no_end, organisation } => {
            ws.edit_membership(id, MembershipChanges { member_type, organisation, start, end, clear_end: no_end })?;
        }
        MembershipCommand::Remove { id } => ws.remove(Table::Membership, id)?,
    }
    Ok(())
}

pub fn list(ws: &mut Workspace, json: bool, out: &mut Out) -> Result<()> {
    let rows = ws.memberships()?;
    if json {
        return out.json(&rows);
    }
    for m in rows {
        let until = m.end.map_or("ongoing".into(), |d| d.to_string());
        out.line(format_args!("{:>4}  {:<6} {:<16} {} to {until}", m.id, m.organisation, m.member_type.label(), m.start));
    }
    Ok(())
}
