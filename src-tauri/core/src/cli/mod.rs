//! `clerkfolio`: the command-line face of the engine, for power users and scripts. Its commands,
//! flags and JSON fields are a contract (docs/CLI.md): add to them, never rename. Each command
//! group is one file here, its arguments beside its `run`; every command maps to one
//! `Workspace` call and writes its text through [`output::Out`]. Errors print as one line on
//! stderr with a non-zero exit.

mod application;
mod backup;
mod certificates;
mod designation;
mod education;
mod evidence;
mod exchange;
mod experience;
mod membership;
mod output;
mod packet;
mod profile;
mod programs;
mod reminders;
mod status;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use clerkfolio_core::model::{Table, parse_date};
use clerkfolio_core::{Error, Result, Workspace, datadir, demo};

use output::Out;

#[derive(Parser)]
#[command(name = "clerkfolio", version, about = "Track your IIMC CMC/MMC certification portfolio: records, evidence, progress.")]
#[command(propagate_version = true, arg_required_else_help = true)]
struct Cli {
    /// Data folder (default: your user data folder, or $CLERKFOLIO_DATA_DIR)
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per run
enum Command {
    /// Create the data folder and database (safe to run again)
    Init,
    /// Your details as they appear on the application
    #[command(subcommand)]
    Profile(profile::ProfileCommand),
    /// IIMC (or state association) membership periods
    #[command(subcommand)]
    Membership(membership::MembershipCommand),
    /// Designations you hold (the CMC award date starts the MMC clock)
    #[command(subcommand)]
    Designation(designation::DesignationCommand),
    /// Applications sent to IIMC: a generated packet marked as submitted, then approved or returned
    #[command(subcommand)]
    Application(application::ApplicationCommand),
    /// Courses, institutes, conferences, webinars, degrees
    #[command(subcommand)]
    Education(education::EducationCommand),
    /// Positions held, conferences attended, committees, teaching
    #[command(subcommand)]
    Experience(experience::ExperienceCommand),
    /// Supporting documents in the vault (PDF, JPEG, PNG, TIFF, WebP)
    #[command(subcommand)]
    Evidence(evidence::EvidenceCommand),
    /// List records
    List {
        what: Table,
        /// Machine-readable output (documented in docs/CLI.md)
        #[arg(long)]
        json: bool,
    },
    /// Progress toward a program: points, membership, paperwork, what is missing
    Status(status::StatusArgs),
    /// The certification programs, their requirements and category ids
    Programs(programs::ProgramsArgs),
    /// Build the application packet PDF: summary, ledgers, exhibit index, then every exhibit
    Packet(packet::PacketArgs),
    /// What is due: membership anniversaries and dues, eligibility dates, missing certificates and letters, your own
    Reminders(reminders::RemindersArgs),
    /// Your own reminders; dismiss, snooze, lead times, settings
    #[command(subcommand)]
    Reminder(reminders::ReminderCommand),
    /// Check every vault file against its hash and the database's integrity
    Verify {
        #[arg(long)]
        json: bool,
    },
    /// Write everything (database and evidence files) to one backup file, checked after writing
    Backup(backup::BackupArgs),
    /// Put a backup in place: into an empty data folder, or over the current one with --replace
    Restore(backup::RestoreArgs),
    /// Write your education and experience records to a CSV or JSON file
    Export(exchange::ExportArgs),
    /// Add education and experience records from a CSV file (header: docs/CLI.md)
    Import(exchange::ImportArgs),
    /// Read one certificate (PDF, JPEG, PNG, TIFF) and say what it states; changes nothing
    Read(certificates::ReadArgs),
    /// Read every certificate under the paths and check each against your portfolio; --apply adds the ready ones
    Intake(certificates::IntakeArgs),
    /// Fill the data folder with a realistic demo portfolio (with evidence files)
    Demo {
        /// Do nothing (and succeed) if the folder already holds a portfolio
        #[arg(long)]
        if_empty: bool,
    },
}

/// Parses the command line, runs the command, prints what it said.
pub fn main() -> ExitCode {
    // A command kept waiting by another Clerkfolio says so once, instead of sitting silent.
    clerkfolio_core::datadir::on_wait(|what| eprintln!("{what}"));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::from(2);
        }
        Err(e) => {
            // One line, as scripts expect: clap's message without its usage block; `--help` has the rest.
            let text = e.to_string();
            let message = text.split("\n\nUsage:").next().unwrap_or("invalid arguments");
            let message = message.split("\n\nFor more information").next().unwrap_or(message);
            let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
            eprintln!("error: {} (see --help)", message.trim_start_matches("error: "));
            return ExitCode::from(2);
        }
    };
    let mut out = Out::default();
    match run(cli, &mut out) {
        Ok(()) => out.finish(),
        Err(e) => {
            // What was printed before the error still goes out (an import's invalid rows).
            let _ = std::mem::take(&mut out).finish();
            eprintln!("error: {}", e.to_string().replace('\n', " "));
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli, out: &mut Out) -> Result<()> {
    today_override()?;
    let dir = datadir::resolve(cli.data_dir)?;
    match cli.command {
        Command::Init => out.line(format_args!("Portfolio ready in {}", open(&dir)?.dir().display())),
        Command::Profile(command) => profile::run(command, &mut open(&dir)?, out)?,
        Command::Membership(command) => membership::run(command, &mut open(&dir)?, out)?,
        Command::Designation(command) => designation::run(command, &mut open(&dir)?, out)?,
        Command::Application(command) => application::run(command, &mut open(&dir)?, out)?,
        Command::Education(command) => education::run(command, &mut open(&dir)?, out)?,
        Command::Experience(command) => experience::run(command, &mut open(&dir)?, out)?,
        Command::Evidence(command) => evidence::run(command, &mut open(&dir)?, out)?,
        Command::List { what, json } => list(what, json, &mut open(&dir)?, out)?,
        Command::Status(args) => status::run(args, &mut open(&dir)?, out)?,
        Command::Programs(args) => programs::run(args, &dir, out)?,
        Command::Packet(args) => packet::run(args, &mut open(&dir)?, out)?,
        Command::Reminders(args) => reminders::show(args, &mut open(&dir)?, out)?,
        Command::Reminder(command) => reminders::run(command, &mut open(&dir)?, out)?,
        Command::Verify { json } => backup::verify(json, &open(&dir)?, out)?,
        Command::Backup(args) => backup::create(args, &open(&dir)?, out)?,
        // Never opens the data folder itself: it may be empty, missing, or about to be replaced.
        Command::Restore(args) => backup::restore(args, &dir, out)?,
        Command::Export(args) => exchange::export(args, &mut open(&dir)?, out)?,
        Command::Import(args) => exchange::import(args, &mut open(&dir)?, out)?,
        Command::Read(args) => certificates::read(args, out)?,
        Command::Intake(args) => certificates::intake(args, &mut open(&dir)?, out)?,
        Command::Demo { if_empty } => demo(if_empty, &mut open(&dir)?, out)?,
    }
    Ok(())
}

fn open(dir: &Path) -> Result<Workspace> {
    let mut ws = Workspace::open(dir)?;
    if let Some(day) = today_override()? {
        ws.set_today(Some(day));
    }
    Ok(ws)
}

fn list(what: Table, json: bool, ws: &mut Workspace, out: &mut Out) -> Result<()> {
    match what {
        Table::Education => education::list(ws, json, out),
        Table::Experience => experience::list(ws, json, out),
        Table::Membership => membership::list(ws, json, out),
        Table::Evidence => evidence::list(ws, json, out),
        Table::Designation => designation::list(ws, json, out),
    }
}

fn demo(if_empty: bool, ws: &mut Workspace, out: &mut Out) -> Result<()> {
    if if_empty && !demo::is_empty(ws)? {
        out.line(format_args!("The data folder {} already holds a portfolio; left as it is.", ws.dir().display()));
        return Ok(());
    }
    demo::fill(ws)?;
    let p = ws.portfolio()?;
    out.line(format_args!(
        "Demo portfolio created in {}: {} education, {} experience records, {} evidence files.",
        ws.dir().display(),
        p.education.len(),
        p.experience.len(),
        ws.evidence()?.len()
    ));
    Ok(())
}

/// A `YYYY-MM-DD` flag, with the engine's message for anything else.
fn date_arg(text: &str) -> std::result::Result<NaiveDate, String> {
    parse_date(text).map_err(|e| e.to_string())
}

/// The day the command line takes as today instead of the clock, for a script replaying a
/// history and for tests with fixed dates: the default of every `--today` and the day new
/// records are entered on (docs/CLI.md).
const TODAY_ENV: &str = "CLERKFOLIO_TODAY";

/// `CLERKFOLIO_TODAY` when set; a value that is not a date is refused rather than ignored, so
/// a script never runs on the clock by mistake.
fn today_override() -> Result<Option<NaiveDate>> {
    let Some(value) = std::env::var_os(TODAY_ENV) else { return Ok(None) };
    parse_date(&value.to_string_lossy()).map(Some).map_err(|e| Error::Invalid(format!("{TODAY_ENV}: {}", e.message())))
}

fn today() -> NaiveDate {
    today_override().ok().flatten().unwrap_or_else(|| chrono::Local::now().date_naive())
}
