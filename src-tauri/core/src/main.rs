//! `clerkfolio`: the command-line face of the engine, for power users and scripts. Its commands,
//! flags and JSON fields are a contract (docs/CLI.md): add to them, never rename. Every command
//! maps to one `Workspace` call; errors print as one line on stderr with a non-zero exit.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Datelike, NaiveDate, Utc};
use clap::{Args, Parser, Subcommand, ValueEnum};
use serde_json::{Value, json};

use clerkfolio_core::exchange::{ExportFormat, ImportPlan, Record, date_json, education_json, experience_json};
use clerkfolio_core::model::*;
use clerkfolio_core::packet::{PacketOptions, Paper};
use clerkfolio_core::program::{Program, Rate, Status};
use clerkfolio_core::reminders::{self, Reminder};
use clerkfolio_core::rules::{Basis, Progress, fmt_points};
use clerkfolio_core::workspace::{
    self, Attach, EducationChanges, ExperienceChanges, MembershipChanges, ProfileChanges, ReminderChanges,
};
use clerkfolio_core::backup::{self, RestoreReport};
use clerkfolio_core::{Error, Result, Workspace, demo};

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
enum Command {
    /// Create the data folder and database (safe to run again)
    Init,
    /// Your details as they appear on the application
    #[command(subcommand)]
    Profile(ProfileCommand),
    /// IIMC (or state association) membership periods
    #[command(subcommand)]
    Membership(MembershipCommand),
    /// Designations you hold (the CMC award date starts the MMC clock)
    #[command(subcommand)]
    Designation(DesignationCommand),
    /// Courses, institutes, conferences, webinars, degrees
    #[command(subcommand)]
    Education(EducationCommand),
    /// Positions held, conferences attended, committees, teaching
    #[command(subcommand)]
    Experience(ExperienceCommand),
    /// Supporting documents in the vault (PDF, JPEG, PNG)
    #[command(subcommand)]
    Evidence(EvidenceCommand),
    /// List records
    List {
        what: ListWhat,
        /// Machine-readable output (documented in docs/CLI.md)
        #[arg(long)]
        json: bool,
    },
    /// Progress toward a program: points, membership, paperwork, what is missing
    Status {
        /// Program id (see `clerkfolio programs`)
        #[arg(long, default_value = "cmc")]
        program: String,
        /// The day to evaluate (default: today)
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
        today: Option<NaiveDate>,
        #[arg(long)]
        json: bool,
    },
    /// The certification programs, their requirements and category ids
    Programs {
        #[command(subcommand)]
        command: Option<ProgramsCommand>,
        #[arg(long, global = true)]
        json: bool,
    },
    /// Build the application packet PDF: summary, ledgers, exhibit index, then every exhibit
    Packet {
        /// Program id (see `clerkfolio programs`)
        #[arg(long, default_value = "cmc")]
        program: String,
        /// Where to write the PDF (replaced atomically if it exists)
        #[arg(long, value_name = "FILE.pdf", required_unless_present = "check")]
        out: Option<PathBuf>,
        /// The day the packet is prepared (default: today)
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
        today: Option<NaiveDate>,
        #[arg(long, value_enum, default_value = "letter")]
        paper: PaperArg,
        /// List problems (missing or changed files, records without evidence, unmet requirements) without writing
        #[arg(long)]
        check: bool,
        /// Also write each exhibit as its own PDF into DIR, for IIMC's upload portal
        #[arg(long, value_name = "DIR")]
        folder: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// What is due: membership anniversaries and dues, eligibility dates, missing certificates and letters, your own
    Reminders {
        /// The day to look from (default: today)
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
        today: Option<NaiveDate>,
        /// Also list what is due within this many days (default: each reminder's own lead time)
        #[arg(long, value_name = "DAYS")]
        within: Option<u32>,
        /// Every current reminder, also dismissed, snoozed and not yet due ones
        #[arg(long, conflicts_with = "within")]
        all: bool,
        #[arg(long)]
        json: bool,
        /// Write them as an iCalendar file (.ics, `-` for stdout) for Outlook, Google or Apple Calendar
        #[arg(long, value_name = "FILE", conflicts_with_all = ["within", "all", "json"])]
        ics: Option<PathBuf>,
    },
    /// Your own reminders; dismiss, snooze, lead times, settings
    #[command(subcommand)]
    Reminder(ReminderCommand),
    /// Check every vault file against its hash and the database's integrity
    Verify {
        #[arg(long)]
        json: bool,
    },
    /// Write everything (database and evidence files) to one backup file, checked after writing
    Backup {
        /// The backup file to write (a .zip; replaced atomically if it exists)
        file: PathBuf,
    },
    /// Put a backup in place: into an empty data folder, or over the current one with --replace
    Restore {
        /// A backup file written by `clerkfolio backup`
        file: PathBuf,
        /// Replace the portfolio in the data folder (it is kept aside as <folder>.before-restore-<time>)
        #[arg(long)]
        replace: bool,
    },
    /// Write your education and experience records to a CSV or JSON file
    Export {
        format: FormatArg,
        file: PathBuf,
    },
    /// Add education and experience records from a CSV file (header: docs/CLI.md)
    Import {
        format: ImportFormatArg,
        file: PathBuf,
        /// Show what would be imported, and every problem, without writing anything
        #[arg(long)]
        dry_run: bool,
        /// Import the valid rows even if some rows are invalid (those are listed and left out)
        #[arg(long)]
        skip_invalid: bool,
        /// With --dry-run: the preview as JSON (documented in docs/CLI.md)
        #[arg(long, requires = "dry_run")]
        json: bool,
    },
    /// Fill the data folder with a realistic demo portfolio (with evidence files)
    Demo {
        /// Do nothing (and succeed) if the folder already holds a portfolio
        #[arg(long)]
        if_empty: bool,
    },
}

#[derive(Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per run
enum ProfileCommand {
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

#[derive(Clone, Copy, ValueEnum)]
enum TypeArg {
    Full,
    AdditionalFull,
    Retired,
    Associate,
}

impl From<TypeArg> for MemberType {
    fn from(t: TypeArg) -> Self {
        match t {
            TypeArg::Full => MemberType::Full,
            TypeArg::AdditionalFull => MemberType::AdditionalFull,
            TypeArg::Retired => MemberType::Retired,
            TypeArg::Associate => MemberType::Associate,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum LevelArg {
    Basic,
    Intermediate,
    Advanced,
}

impl From<LevelArg> for Level {
    fn from(l: LevelArg) -> Self {
        match l {
            LevelArg::Basic => Level::Basic,
            LevelArg::Intermediate => Level::Intermediate,
            LevelArg::Advanced => Level::Advanced,
        }
    }
}

#[derive(Subcommand)]
enum MembershipCommand {
    /// Record a membership period; prints its id
    Add {
        #[arg(long = "type", value_name = "TYPE")]
        member_type: TypeArg,
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
        member_type: Option<TypeArg>,
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

#[derive(Subcommand)]
enum DesignationCommand {
    /// Record a designation you were awarded; prints its id
    Add {
        /// cmc, mmc or another program id
        #[arg(long, value_name = "ID")]
        program: String,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
        date: NaiveDate,
        /// The award certificate
        #[arg(long, value_name = "FILE")]
        evidence: Option<PathBuf>,
    },
    /// Remove a designation
    Remove { id: i64 },
}

#[derive(Args)]
struct EducationFields {
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
    level: Option<LevelArg>,
    /// A learning assessment was completed
    #[arg(long)]
    assessment: bool,
    /// Supporting document (repeat for several)
    #[arg(long, value_name = "FILE")]
    evidence: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum EducationCommand {
    /// Record education; prints its id
    Add(EducationFields),
    /// Change an education record (only the fields given; --evidence adds files)
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
    },
    /// Remove an education record (its evidence stays in the vault)
    Remove { id: i64 },
}

#[derive(Args)]
struct ExperienceFields {
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
    /// Letter of Employment Verification for this position
    #[arg(long, value_name = "FILE")]
    letter: Option<PathBuf>,
}

#[derive(Subcommand)]
enum ExperienceCommand {
    /// Record experience; prints its id
    Add(ExperienceFields),
    /// Change an experience record (only the fields given; --evidence/--letter add files)
    Edit {
        id: i64,
        #[command(flatten)]
        fields: ExperienceFields,
        /// Remove the end date (a current position)
        #[arg(long)]
        no_end: bool,
        #[arg(long, conflicts_with = "points")]
        clear_points: bool,
    },
    /// Remove an experience record (its evidence stays in the vault)
    Remove { id: i64 },
}

#[derive(Subcommand)]
enum EvidenceCommand {
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

#[derive(Subcommand)]
enum ReminderCommand {
    /// Add a reminder of your own (e.g. a state's recurring training); prints its id
    Add {
        #[arg(long, value_name = "T")]
        title: String,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
        date: NaiveDate,
        /// Repeat every year on this date
        #[arg(long)]
        yearly: bool,
        #[arg(long, value_name = "TEXT")]
        notes: Option<String>,
        /// Days before the date it starts to show (default: the reminder settings' lead time)
        #[arg(long, value_name = "DAYS")]
        lead: Option<u32>,
    },
    /// Change one of your reminders (only the fields given)
    Edit {
        id: i64,
        #[arg(long, value_name = "T")]
        title: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
        date: Option<NaiveDate>,
        /// Repeat every year
        #[arg(long, conflicts_with = "once")]
        yearly: bool,
        /// Stop repeating: only the date given
        #[arg(long)]
        once: bool,
        #[arg(long, value_name = "TEXT")]
        notes: Option<String>,
        #[arg(long, value_name = "DAYS", conflicts_with = "default_lead")]
        lead: Option<u32>,
        /// Go back to the default lead time
        #[arg(long)]
        default_lead: bool,
    },
    /// Remove one of your reminders
    Remove { id: i64 },
    /// List your own reminders
    List {
        #[arg(long)]
        json: bool,
    },
    /// Dismiss a reminder (this occurrence: a yearly one comes back next year)
    Dismiss {
        /// Reminder id, as `clerkfolio reminders` shows it
        id: String,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
        today: Option<NaiveDate>,
    },
    /// Hide a reminder until a day
    Snooze {
        id: String,
        /// It shows again on this day
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
        until: NaiveDate,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
        today: Option<NaiveDate>,
    },
    /// Undo a dismissal or a snooze
    Restore { id: String },
    /// How many days ahead one reminder shows (every year for a yearly one)
    Lead {
        id: String,
        #[arg(long, value_name = "DAYS", required_unless_present = "default", conflicts_with = "default")]
        days: Option<u32>,
        /// Go back to the default lead time
        #[arg(long)]
        default: bool,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
        today: Option<NaiveDate>,
    },
    /// Show or change the default lead time and the certificate follow-up
    Settings {
        /// Days before a date that its reminder starts to show (default 30)
        #[arg(long, value_name = "DAYS")]
        lead: Option<u32>,
        /// Days after a course ends before a missing certificate is asked for (default 30)
        #[arg(long, value_name = "DAYS")]
        certificate_days: Option<u32>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum ProgramsCommand {
    /// A program's requirements, rates, caps and category ids
    Show { id: String },
    /// Validate a rules file before putting it in <data folder>/programs/
    Check { file: PathBuf },
}

#[derive(Clone, Copy, ValueEnum)]
enum PaperArg {
    Letter,
    A4,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Csv,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ImportFormatArg {
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListWhat {
    Education,
    Experience,
    Membership,
    Evidence,
    Designation,
}

fn date_arg(text: &str) -> std::result::Result<NaiveDate, String> {
    parse_date(text).map_err(|e| e.to_string())
}

fn main() -> ExitCode {
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
            let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
            eprintln!("error: {} (see --help)", message.trim_start_matches("error: "));
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", e.to_string().replace('\n', " "));
            ExitCode::from(1)
        }
    }
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn print_json(value: &impl serde::Serialize) -> Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Error::Invalid(format!("cannot write JSON: {e}")))?;
    println!("{text}");
    Ok(())
}

fn entered(points: Option<f64>, reason: Option<String>) -> Option<EnteredPoints> {
    points.map(|points| EnteredPoints { points, reason: reason.unwrap_or_default() })
}

fn education_changes(f: EducationFields) -> (EducationChanges, Vec<PathBuf>) {
    let changes = EducationChanges {
        title: f.title,
        provider: f.provider,
        category: f.category,
        certificate: f.certificate,
        start: f.date,
        end: f.end_date,
        hours: f.hours,
        entered: entered(f.points, f.reason),
        learned: f.learned,
        level: f.level.map(Level::from),
        assessment: f.assessment.then_some(true),
        ..Default::default()
    };
    (changes, f.evidence)
}

fn experience_changes(f: ExperienceFields) -> (ExperienceChanges, Vec<PathBuf>, Option<PathBuf>) {
    let changes = ExperienceChanges {
        category: f.category,
        title: f.title,
        organisation: f.organisation,
        start: f.start,
        end: f.end,
        entered: entered(f.points, f.reason),
        notes: f.notes,
        ..Default::default()
    };
    (changes, f.evidence, f.letter)
}

fn run(cli: Cli) -> Result<ExitCode> {
    let dir = workspace::resolve_data_dir(cli.data_dir)?;
    if let Command::Programs { command: Some(ProgramsCommand::Check { file }), .. } = &cli.command {
        let text = std::fs::read_to_string(file).map_err(|e| Error::io(format!("cannot read {}", file.display()), e))?;
        let p = Program::parse(&text, &file.display().to_string())?;
        println!("{}: valid program '{}' ({}), effective {}", file.display(), p.id, p.name, p.effective_from);
        return Ok(ExitCode::SUCCESS);
    }
    if let Command::Restore { file, replace } = &cli.command {
        // Never opens the data folder itself: it may be empty, missing, or about to be replaced.
        let report = backup::restore(file, &dir, *replace)?;
        show_restore(&report, file);
        return Ok(ExitCode::SUCCESS);
    }
    let mut ws = Workspace::open(&dir)?;
    match cli.command {
        Command::Init => println!("Portfolio ready in {}", ws.dir().display()),
        Command::Profile(ProfileCommand::Set { name, title, municipality, state, country, address, email, phone, member_id, ethics_affirmed }) => {
            ws.set_profile(ProfileChanges { full_name: name, title, municipality, state, country, address, email, phone, member_id, ethics_affirmed })?;
        }
        Command::Profile(ProfileCommand::Show { json }) => {
            let p = ws.profile()?;
            if json {
                print_json(&p)?;
            } else {
                show_profile(&p);
            }
        }
        Command::Membership(MembershipCommand::Add { member_type, start, end, organisation }) => {
            println!("{}", ws.add_membership(member_type.into(), start, end, organisation)?);
        }
        Command::Membership(MembershipCommand::Edit { id, member_type, start, end, no_end, organisation }) => {
            ws.edit_membership(id, MembershipChanges { member_type: member_type.map(Into::into), organisation, start, end, clear_end: no_end })?;
        }
        Command::Membership(MembershipCommand::Remove { id }) => ws.remove("membership", id)?,
        Command::Designation(DesignationCommand::Add { program, date, evidence }) => {
            println!("{}", ws.add_designation(&program, date, evidence.as_deref())?);
        }
        Command::Designation(DesignationCommand::Remove { id }) => ws.remove("designation", id)?,
        Command::Education(EducationCommand::Add(fields)) => {
            let (changes, files) = education_changes(fields);
            println!("{}", ws.add_education(changes, &files)?);
        }
        Command::Education(EducationCommand::Edit { id, fields, no_end_date, clear_points, no_assessment }) => {
            let (mut changes, files) = education_changes(fields);
            changes.clear_end = no_end_date;
            changes.clear_points = clear_points;
            if no_assessment {
                changes.assessment = Some(false);
            }
            ws.edit_education(id, changes, &files)?;
        }
        Command::Education(EducationCommand::Remove { id }) => ws.remove("education", id)?,
        Command::Experience(ExperienceCommand::Add(fields)) => {
            let (changes, files, letter) = experience_changes(fields);
            println!("{}", ws.add_experience(changes, &files, letter.as_deref())?);
        }
        Command::Experience(ExperienceCommand::Edit { id, fields, no_end, clear_points }) => {
            let (mut changes, files, letter) = experience_changes(fields);
            changes.clear_end = no_end;
            changes.clear_points = clear_points;
            ws.edit_experience(id, changes, &files, letter.as_deref())?;
        }
        Command::Experience(ExperienceCommand::Remove { id }) => ws.remove("experience", id)?,
        Command::Evidence(EvidenceCommand::Add { file, to }) => {
            let to = to.as_deref().map(Attach::parse).transpose()?;
            println!("{}", ws.add_evidence(&file, to)?);
        }
        Command::Evidence(EvidenceCommand::Remove { id }) => ws.remove("evidence", id)?,
        Command::List { what, json } => list(&mut ws, what, json)?,
        Command::Status { program, today: day, json } => {
            let progress = ws.status(&program, day.unwrap_or_else(today))?;
            if json {
                print_json(&status_json(&progress))?;
            } else {
                show_status(&progress);
            }
        }
        Command::Programs { command: None, json } => {
            let day = today();
            let programs: Vec<&Program> = ws.programs().ids().iter().map(|id| ws.programs().get(id, day)).collect::<Result<_>>()?;
            if json {
                print_json(&programs)?;
            } else {
                for p in programs {
                    let reqs: Vec<String> = p.requirements.iter().map(|r| format!("{} {}", fmt_points(r.required), r.label)).collect();
                    println!("{:<8} {} ({}), effective {}: {}", p.id, p.name, p.authority, p.effective_from, reqs.join(" + "));
                }
                println!("\nDetails and category ids: clerkfolio programs show ID");
            }
        }
        Command::Programs { command: Some(ProgramsCommand::Show { id }), json } => {
            let p = ws.programs().get(&id, today())?;
            if json {
                print_json(p)?;
            } else {
                show_program(p);
            }
        }
        Command::Programs { command: Some(ProgramsCommand::Check { .. }), .. } => unreachable!("handled above"),
        Command::Packet { program, out, today: day, paper, check, folder, json } => {
            let options = PacketOptions {
                program,
                today: day.unwrap_or_else(today),
                paper: match paper {
                    PaperArg::Letter => Paper::LETTER,
                    PaperArg::A4 => Paper::A4,
                },
            };
            return packet(&mut ws, &options, out, check, folder, json);
        }
        Command::Reminders { today: day, within, all, json, ics } => {
            let day = day.unwrap_or_else(today);
            if let Some(file) = ics {
                if file.as_os_str() == "-" {
                    print!("{}", ws.calendar(day, Utc::now())?.0);
                } else {
                    let events = ws.export_calendar(&file, day, Utc::now())?;
                    println!(
                        "Wrote {events} calendar event(s) to {}: import it into Outlook, Google Calendar or Apple Calendar.",
                        file.display()
                    );
                }
            } else {
                let every = ws.reminders(day)?;
                let shown: Vec<&Reminder> =
                    if all { every.iter().collect() } else { reminders::due_on(&every, day, within.unwrap_or(0)) };
                if json {
                    print_json(&shown.iter().map(|r| r.to_json(day)).collect::<Vec<_>>())?;
                } else {
                    let lead = ws.reminder_settings()?.lead_days;
                    show_reminders(&shown, day, all, within, lead);
                }
            }
        }
        Command::Reminder(command) => reminder(&mut ws, command)?,
        Command::Verify { json } => {
            let report = ws.verify()?;
            if json {
                print_json(&report)?;
            } else {
                for p in &report.problems {
                    println!("problem: {p}");
                }
                for f in &report.unreferenced {
                    println!("note: {f} is not used by any record (left by an interrupted add; harmless)");
                }
                if report.problems.is_empty() {
                    println!("ok: {} evidence files match their hashes; database integrity ok", report.files_checked);
                }
            }
            if !report.problems.is_empty() {
                eprintln!("error: {} problem(s) found; restore from a backup or re-add the files named above", report.problems.len());
                return Ok(ExitCode::from(1));
            }
        }
        Command::Export { format, file } => {
            let format = match format {
                FormatArg::Csv => ExportFormat::Csv,
                FormatArg::Json => ExportFormat::Json,
            };
            let (education, experience) = ws.export(format, &file)?;
            println!("Exported {education} education and {experience} experience records to {}", file.display());
        }
        Command::Import { format: ImportFormatArg::Csv, file, dry_run, skip_invalid, json } => {
            let bytes = std::fs::read(&file).map_err(|e| Error::io(format!("cannot read {}", file.display()), e))?;
            let plan = ws.plan_import(&bytes, &file.display().to_string())?;
            if json {
                print_json(&plan.to_json())?;
            } else {
                show_import_plan(&plan, dry_run);
            }
            let refused = !plan.problems.is_empty() && !skip_invalid;
            if dry_run {
                if refused {
                    eprintln!(
                        "error: {}: {} of {} rows are invalid (listed above); the import would add nothing. Correct them, or add --skip-invalid",
                        file.display(),
                        plan.problems.len(),
                        plan.rows.len() + plan.problems.len()
                    );
                    return Ok(ExitCode::from(1));
                }
            } else {
                let done = ws.import(&plan, skip_invalid)?;
                let skipped = if done.skipped > 0 { format!("; {} invalid rows left out", done.skipped) } else { String::new() };
                println!("Imported {} education and {} experience records from {}{skipped}", done.education, done.experience, file.display());
            }
        }
        Command::Backup { file } => {
            let report = backup::create(&ws, &file)?;
            for w in &report.warnings {
                println!("warning: {w}");
            }
            let r = report.records;
            println!(
                "Backup written to {} and checked: {} files ({} education, {} experience, {} membership, {} designation records; {} evidence files), {}",
                report.file.display(),
                report.files,
                r.education,
                r.experience,
                r.membership,
                r.designation,
                r.evidence,
                size(report.bytes)
            );
        }
        Command::Restore { .. } => unreachable!("handled before the data folder is opened"),
        Command::Demo { if_empty } => {
            if if_empty && !demo::is_empty(&mut ws)? {
                println!("The data folder {} already holds a portfolio; left as it is.", ws.dir().display());
            } else {
                demo::fill(&mut ws)?;
                let p = ws.portfolio()?;
                println!(
                    "Demo portfolio created in {}: {} education, {} experience records, {} evidence files.",
                    ws.dir().display(),
                    p.education.len(),
                    p.experience.len(),
                    ws.evidence()?.len()
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn packet(ws: &mut Workspace, options: &PacketOptions, out: Option<PathBuf>, check: bool, folder: Option<PathBuf>, json: bool) -> Result<ExitCode> {
    if check {
        let findings = clerkfolio_core::packet::preflight(ws, &options.program, options.today)?;
        if json {
            print_json(&findings)?;
        } else {
            for f in &findings {
                println!("{}: {}", f.kind, f.message);
            }
            if findings.is_empty() {
                println!("ok: every exhibit is present and unchanged, every record has evidence, every requirement is met");
            }
        }
        if !findings.is_empty() {
            eprintln!("error: {} problem(s) found for the {} packet (listed above)", findings.len(), options.program);
            return Ok(ExitCode::from(1));
        }
        return Ok(ExitCode::SUCCESS);
    }
    let out = out.expect("clap requires --out without --check");
    let mut report = clerkfolio_core::packet::write_packet(ws, options, &out, &mut |_| {})?;
    if let Some(dir) = &folder {
        report.folder_files = clerkfolio_core::packet::write_folder(ws, options, dir)?;
    }
    if json {
        print_json(&report)?;
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "Packet written: {} ({} pages: {} application pages and {} exhibits; {:.1} MB)",
        report.path.display(),
        report.pages,
        report.generated_pages,
        report.exhibits,
        report.bytes as f64 / 1_048_576.0
    );
    for s in &report.skipped {
        println!("Not included: {} {} ({}); a placeholder page stands in its place", s.exhibit, s.file, s.reason);
    }
    if let Some(dir) = folder {
        println!("Upload folder: {} ({} files)", dir.display(), report.folder_files.len());
    }
    Ok(ExitCode::SUCCESS)
}

fn reminder(ws: &mut Workspace, command: ReminderCommand) -> Result<()> {
    match command {
        ReminderCommand::Add { title, date, yearly, notes, lead } => {
            let changes = ReminderChanges { title: Some(title), date: Some(date), yearly: Some(yearly), notes, lead_days: lead, clear_lead: false };
            println!("{}", ws.add_reminder(changes)?);
        }
        ReminderCommand::Edit { id, title, date, yearly, once, notes, lead, default_lead } => {
            let yearly = (yearly || once).then_some(yearly);
            ws.edit_reminder(id, ReminderChanges { title, date, yearly, notes, lead_days: lead, clear_lead: default_lead })?;
        }
        ReminderCommand::Remove { id } => ws.remove_reminder(id)?,
        ReminderCommand::List { json } => {
            let own = ws.own_reminders()?;
            if json {
                return print_json(&own);
            }
            for o in own {
                let repeat = if o.yearly { "yearly" } else { "once" };
                let lead = o.lead_days.map_or(String::new(), |d| format!(", shown {d} days ahead"));
                let notes = if o.notes.is_empty() { String::new() } else { format!(" — {}", o.notes) };
                println!("{:>4}  {}  {repeat:<6} {}{notes}{lead}", o.id, o.date, o.title);
            }
        }
        ReminderCommand::Dismiss { id, today: day } => {
            let r = ws.dismiss_reminder(&id, day.unwrap_or_else(today))?;
            let again = if r.yearly { format!("; it comes back for {}", r.in_year(r.due.year() + 1)) } else { String::new() };
            println!("Dismissed {} (due {}){again}.", r.id, r.due);
        }
        ReminderCommand::Snooze { id, until, today: day } => {
            let r = ws.snooze_reminder(&id, until, day.unwrap_or_else(today))?;
            println!("Snoozed {} until {until}.", r.id);
        }
        ReminderCommand::Restore { id } => ws.restore_reminder(&id)?,
        ReminderCommand::Lead { id, days, default: _, today: day } => {
            let r = ws.set_reminder_lead(&id, days, day.unwrap_or_else(today))?;
            println!("{} shows from {} ({} days before {}).", r.series, r.shows_from, r.lead_days, r.due);
        }
        ReminderCommand::Settings { lead, certificate_days, json } => {
            let settings = if lead.is_some() || certificate_days.is_some() {
                ws.set_reminder_settings(lead, certificate_days)?
            } else {
                ws.reminder_settings()?
            };
            if json {
                return print_json(&settings);
            }
            println!("Lead time: reminders show {} days before their date.", settings.lead_days);
            println!("Certificates: asked for {} days after a course ends if none is attached.", settings.certificate_days);
        }
    }
    Ok(())
}

fn show_reminders(shown: &[&Reminder], day: NaiveDate, all: bool, within: Option<u32>, lead: u32) {
    if shown.is_empty() {
        let window = match within {
            Some(days) => format!("within {days} days of {day}"),
            None => format!("on {day} (a reminder shows from {lead} days before its date; --within 365 looks a year ahead)"),
        };
        println!("Nothing due {window}.");
        return;
    }
    println!("Reminders on {day}");
    for r in shown {
        let days = (r.due - day).num_days();
        let when = match days {
            0 => "today".to_string(),
            1 => "tomorrow".to_string(),
            d if d > 0 => format!("in {d} days"),
            d => format!("overdue by {} days", -d),
        };
        let mut tags = vec![r.id.clone()];
        if r.yearly {
            tags.push("yearly".into());
        }
        if r.dismissed {
            tags.push("dismissed".into());
        }
        if let Some(until) = r.snoozed_until {
            tags.push(format!("snoozed until {until}"));
        }
        println!();
        println!("  {} ({when})  {}", r.due, r.title);
        for line in wrap(&r.detail, 96) {
            println!("      {line}");
        }
        println!("      [{}]", tags.join(" · "));
    }
    println!();
    if !all {
        println!("Dismiss one with `clerkfolio reminder dismiss ID`, or hide it a while with `clerkfolio reminder snooze ID --until YYYY-MM-DD`.");
    }
}

/// Splits text into lines of at most `width` characters at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn show_profile(p: &Profile) {
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
        println!("{label:<16} {value}");
    }
    println!("{:<16} {}", "Ethics affirmed", p.ethics_affirmed.map_or("-".into(), |d| d.to_string()));
}

fn list(ws: &mut Workspace, what: ListWhat, json: bool) -> Result<()> {
    match what {
        ListWhat::Education => {
            let rows = ws.education()?;
            if json {
                return print_json(&rows.iter().map(education_json).collect::<Vec<_>>());
            }
            for e in rows {
                let points = e.entered.as_ref().map_or(String::new(), |p| format!("  {} pts ({})", fmt_points(p.points), p.reason));
                println!("{:>4}  {}  {:<12} {:>6} h  {} — {}{points}  [evidence: {}]", e.id, e.start, e.category, fmt_points(e.hours), e.title, e.provider, ids(&e.evidence));
            }
        }
        ListWhat::Experience => {
            let rows = ws.experience()?;
            if json {
                return print_json(&rows.iter().map(experience_json).collect::<Vec<_>>());
            }
            for e in rows {
                let until = e.end.map_or("present".to_string(), |d| d.to_string());
                let points = e.entered.as_ref().map_or(String::new(), |p| format!("  {} pts ({})", fmt_points(p.points), p.reason));
                let letters = if e.letters.is_empty() { String::new() } else { format!(" [letter: {}]", ids(&e.letters)) };
                println!("{:>4}  {} to {:<10} {:<16} {} {}{points}  [evidence: {}]{letters}", e.id, e.start, until, e.category, e.title, e.organisation, ids(&e.evidence));
            }
        }
        ListWhat::Membership => {
            let rows = ws.memberships()?;
            if json {
                return print_json(&rows.iter().map(|m| json!({
                    "id": m.id, "type": m.member_type.id(), "organisation": m.organisation,
                    "start": m.start.to_string(), "end": date_json(m.end),
                })).collect::<Vec<_>>());
            }
            for m in rows {
                println!("{:>4}  {:<6} {:<16} {} to {}", m.id, m.organisation, m.member_type.label(), m.start, m.end.map_or("ongoing".into(), |d| d.to_string()));
            }
        }
        ListWhat::Evidence => {
            let rows = ws.evidence()?;
            if json {
                return print_json(&rows.iter().map(|r| json!({
                    "id": r.evidence.id, "sha256": r.evidence.sha256, "original_name": r.evidence.original_name,
                    "type": r.evidence.kind.id(), "size": r.evidence.size, "pages": r.evidence.pages,
                    "added_at": r.evidence.added_at, "used_by": r.used_by,
                })).collect::<Vec<_>>());
            }
            for r in rows {
                let e = &r.evidence;
                let used = if r.used_by.is_empty() { "not used".to_string() } else { r.used_by.join(", ") };
                println!("{:>4}  {:<4} {:>3} p. {:>9} B  {}  ({used})  {}", e.id, e.kind.id(), e.pages, e.size, e.original_name, &e.sha256[..12]);
            }
        }
        ListWhat::Designation => {
            let rows = ws.designations()?;
            if json {
                return print_json(&rows.iter().map(|d| json!({
                    "id": d.id, "program": d.program, "awarded_on": d.awarded_on.to_string(), "evidence": d.evidence,
                })).collect::<Vec<_>>());
            }
            for d in rows {
                println!("{:>4}  {:<6} awarded {}", d.id, d.program.to_uppercase(), d.awarded_on);
            }
        }
    }
    Ok(())
}

/// The preview: one line per row that would be added, then one per invalid row. On a real
/// import only the problems are listed (before the result or the refusal).
fn show_import_plan(plan: &ImportPlan, preview: bool) {
    if preview {
        for row in &plan.rows {
            match &row.record {
                Record::Education(e) => println!(
                    "line {:>4}: education   {}  {:<12} {:>6} h  {} — {}",
                    row.line, e.start, e.category, fmt_points(e.hours), e.title, e.provider
                ),
                Record::Experience(e) => println!(
                    "line {:>4}: experience  {}  {:<12} {} {}",
                    row.line, e.start, e.category, e.title, e.organisation
                ),
            }
        }
    }
    for p in &plan.problems {
        println!("line {:>4}: invalid: {}", p.line, p.message);
    }
    if preview {
        let count = |education: bool| plan.rows.iter().filter(|r| matches!(r.record, Record::Education(_)) == education).count();
        println!(
            "Dry run: {} education and {} experience records would be imported, {} invalid rows; nothing was written.",
            count(true),
            count(false),
            plan.problems.len()
        );
    }
}

fn show_restore(report: &RestoreReport, file: &Path) {
    let m = &report.manifest;
    let r = m.records;
    println!(
        "Restored {} (made {} by Clerkfolio {}) into {}: {} education, {} experience, {} membership, {} designation records; {} evidence files",
        file.display(),
        m.created_at,
        m.app_version,
        report.data_dir.display(),
        r.education,
        r.experience,
        r.membership,
        r.designation,
        r.evidence
    );
    for w in &report.warnings {
        println!("warning: {w}");
    }
    if let Some(previous) = &report.previous {
        println!("Your previous data is kept in {}; delete that folder once you have checked the restored portfolio.", previous.display());
    }
}

/// Bytes in the unit a person reads: 1.2 MB, 340 KB.
fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1024 * 1024 => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
        b if b >= 1024 => format!("{} KB", b / 1024),
        b => format!("{b} bytes"),
    }
}

fn ids(list: &[i64]) -> String {
    if list.is_empty() { "none".into() } else { list.iter().map(i64::to_string).collect::<Vec<_>>().join(", ") }
}

/// The documented `status --json` shape (docs/CLI.md): the contract fields first, details after.
fn status_json(p: &Progress) -> Value {
    json!({
        "program": p.program,
        "program_name": p.program_name,
        "as_of": p.as_of.to_string(),
        "requirements": p.requirements.iter().map(|r| json!({
            "id": r.id, "label": r.label, "earned": r.earned, "required": r.required, "met": r.met,
            "status": r.status.id(),
            "items": r.items,
            "records": r.records,
        })).collect::<Vec<_>>(),
        "eligible": p.eligible,
        "eligible_on": date_json(p.eligible_on),
        "missing": p.missing,
        "membership": p.membership,
        "checks": p.checks,
        "notes": p.notes,
        "effective_from": p.effective_from.to_string(),
    })
}

fn bar(earned: f64, required: f64) -> String {
    let filled = ((earned / required).clamp(0.0, 1.0) * 20.0).round() as usize;
    format!("[{}{}]", "#".repeat(filled), ".".repeat(20 - filled))
}

fn status_label(s: Status) -> &'static str {
    match s {
        Status::Verified => "",
        Status::Inferred => " (inferred)",
        Status::Open => " (open: not published)",
    }
}

fn show_status(p: &Progress) {
    println!("{} ({} rules effective {}), as of {}", p.program_name, p.authority, p.effective_from, p.as_of);
    println!();
    for r in &p.requirements {
        let state = if r.met { "met".to_string() } else { format!("{} to go", fmt_points(r.required - r.earned)) };
        println!("  {:<38} {} {:>6} / {:<4} {state}", r.label, bar(r.earned, r.required), fmt_points(r.earned), fmt_points(r.required));
        for x in &r.records {
            let basis = match x.basis {
                Basis::Computed => "computed",
                Basis::Estimate => "estimate",
                Basis::Entered => "entered",
                Basis::Claimed => "claimed",
                Basis::Excluded => "not counted",
            };
            let mut line = format!("      {} {:<50} {:>6}  {basis}", x.dated, truncate(&x.title, 50), fmt_points(x.counted));
            if x.raw != x.points && x.basis != Basis::Excluded && x.raw != 0.0 {
                line.push_str(&format!(" (raw {})", fmt_points(x.raw)));
            }
            if let Some(why) = &x.excluded {
                line.push_str(&format!(": {why}"));
            }
            for w in &x.warnings {
                line.push_str(&format!("; {w}"));
            }
            println!("{line}");
        }
    }
    println!();
    println!("  Checklist");
    for c in &p.checks {
        println!("    [{}] {}{}: {}", if c.met { "x" } else { " " }, c.label, status_label(c.status), c.detail);
    }
    println!();
    match (p.eligible, p.eligible_on) {
        (true, Some(d)) => println!("  Eligible: yes, since {d}"),
        (true, None) => println!("  Eligible: yes"),
        (false, Some(d)) => println!("  Eligible: not yet; expected on {d} if nothing else changes"),
        (false, None) => println!("  Eligible: not yet; the date depends on what is still missing"),
    }
    if !p.missing.is_empty() {
        println!();
        println!("  Still missing");
        for m in &p.missing {
            println!("    - {m}");
        }
    }
    if !p.notes.is_empty() {
        println!();
        println!("  Notes");
        for n in &p.notes {
            println!("    * {n}");
        }
    }
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max { text.to_string() } else { format!("{}…", text.chars().take(max - 1).collect::<String>()) }
}

fn show_program(p: &Program) {
    println!("{} — {} ({}), effective {}", p.id, p.name, p.authority, p.effective_from);
    println!("Source: {}", p.source);
    if p.origin != "built in" {
        println!("Defined by: {}", p.origin);
    }
    for n in &p.notes {
        println!("Note: {n}");
    }
    if let Some(m) = &p.membership {
        let types: Vec<&str> = m.types.iter().map(|t| t.id()).collect();
        println!();
        println!("Membership ({}): {} years{}, types {}{}; continuity: {:?}{}", m.organisation, m.min_years, status_label(m.status), types.join(", "), status_label(m.types_status), m.continuity, status_label(m.continuity_status));
    }
    for pre in &p.prerequisites {
        println!("Prerequisite: {}{}", pre.label, status_label(pre.status));
    }
    for paper in &p.paperwork {
        println!("Paperwork: {}{}", paper.label, status_label(paper.status));
    }
    for r in &p.requirements {
        println!();
        let mut extra = String::new();
        if !r.levels.is_empty() {
            extra.push_str(&format!("; levels: {}", r.levels.iter().map(|l| l.id()).collect::<Vec<_>>().join(", ")));
        }
        if let Some(d) = &r.after_designation {
            extra.push_str(&format!("; dated after the {} award", d.to_uppercase()));
        }
        println!("Requirement {}: {} — {} points{}{extra}", r.id, r.label, fmt_points(r.required), status_label(r.status));
        for item in &r.items {
            let rate = match item.rate {
                Rate::Flat { points } => format!("{} points flat", fmt_points(points)),
                Rate::PerEvent { points } => format!("{} points each", fmt_points(points)),
                Rate::PerYear { points, count } => format!("{} points per year ({count:?})", fmt_points(points)),
                Rate::PerHours { hours, points, rounding, pool } => format!(
                    "{} point(s) per {} hours, rounding {rounding:?}{}",
                    fmt_points(points),
                    fmt_points(hours),
                    if pool { ", hours added up" } else { "" }
                ),
                Rate::Threshold { hours, points } => format!("{} points once {} hours are reached", fmt_points(points), fmt_points(hours)),
                Rate::Claimed => "points entered (claimed)".into(),
            };
            let mut limits = String::new();
            if let Some(max) = item.max {
                limits.push_str(&format!(", max {}", fmt_points(max)));
            }
            if let Some(h) = item.min_hours {
                limits.push_str(&format!(", at least {} hours", fmt_points(h)));
            }
            if let Some(m) = item.min_points {
                limits.push_str(&format!(", at least {} point", fmt_points(m)));
            }
            if item.needs_assessment {
                limits.push_str(", learning assessment required");
            }
            println!("  - {} [{}]: {rate}{limits}{}", item.label, item.id, status_label(item.status));
            println!("      {} categories: {}", item.record.id(), item.categories.join(", "));
            println!("      source: {}", item.source);
        }
    }
    for kind in [RecordKind::Education, RecordKind::Experience] {
        println!();
        println!("{} category ids:", if kind == RecordKind::Education { "Education" } else { "Experience" });
        for (id, label) in p.categories(kind) {
            println!("  {id:<26} {label}");
        }
    }
}
