//! `clerkfolio profile`: the applicant's details as they appear on the application.

use chrono::NaiveDate;
use clap::Subcommand;

use clerkfolio_core::model::{Profile, ProfileChanges};
use clerkfolio_core::{Result, Workspace};

use super::date_arg;
use super::output::Out;

#[derive(Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per run
pub enum ProfileCommand {
    /// Change profile fields (only the ones given)
    Set {
        #[arg(long, value_name = "N")]
        name: Option<String>,
        #[arg(long, value_name = "T")]
        title: Option<String>,
        #[arg(long, value_name = "M")]
        municipality: Option<String>,
        #[arg(long, value_name = "S")]
        state: Option<String>,
        #[arg(long, value_name = "C")]
        country: Option<String>,
        #[arg(long, value_name = "A")]
        address: Option<String>,
        #[arg(long, value_name = "E")]
        email: Option<String>,
        #[arg(long, value_name = "P")]
        phone: Option<String>,
        /// IIMC member number
        #[arg(long, value_name = "ID")]
        member_id: Option<String>,
        /// The day you affirmed the IIMC Code of Ethics
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
        ethics_affirmed: Option<NaiveDate>,
    },
    /// Show the profile
    Show {
        #[arg(long)]
        json: bool,
    },
}

pub fn run(command: ProfileCommand, ws: &mut Workspace, out: &mut Out) -> Result<()> {
    match command {
        ProfileCommand::Set { name, title, municipality, state, country, address, email, phone, member_id, ethics_affirmed } => {
            ws.set_profile(ProfileChanges { full_name: name, title, municipality, state, country, address, email, phone, member_id, ethics_affirmed })?;
        }
        ProfileCommand::Show { json: true } => out.json(&ws.profile()?)?,
        ProfileCommand::Show { json: false } => show(&ws.profile()?, out),
    }
    Ok(())
}

fn show(p: &Profile, out: &mut Out) {
    let rows = [
        ("Name", p.full_name.as_str()),
        ("Title", &p.title),
        ("Municipality", &p.municipality),
        ("State/province", &p.state),
        ("Country", &p.country),
        ("Address", &p.address),
        ("E-mail", &p.email),
        ("Phone", &p.phone),
        ("IIMC member no.", &p.member_id),
    ];
    for (label, value) in rows {
        out.line(format_args!("{label:<16} {value}"));
    }
    out.line(format_args!("{:<16} {}", "Ethics affirmed", p.ethics_affirmed.map_or("-".into(), |d| d.to_string())));
}
