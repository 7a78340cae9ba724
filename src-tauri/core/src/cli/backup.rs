//! `clerkfolio backup`, `restore` and `verify`: the portfolio as one checked file, put back, and checked in place.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{ArgGroup, Args};

use clerkfolio_core::backup::{RecordCounts, auto};
use clerkfolio_core::{Result, Workspace, backup};

use super::output::{Out, size};

#[derive(Args)]
#[command(group(ArgGroup::new("what").required(true).args(["file", "auto", "list"])))]
pub struct BackupArgs {
    /// The backup file to write (a .zip; replaced atomically if it exists)
    file: Option<PathBuf>,
    /// Back up into the backup folder if one is due (a change since the last backup, at most one
    /// a day), then keep the last 7 daily and the last 8 weekly backups
    #[arg(long)]
    auto: bool,
    /// List the backups in the backup folder: date, records and files
    #[arg(long)]
    list: bool,
    /// The backup folder (default: the one chosen in the app, else "Clerkfolio Backups" in Documents)
    #[arg(long, value_name = "DIR", conflicts_with = "file")]
    folder: Option<PathBuf>,
    /// With --auto, as when the app closes (for a log-off or shut-down task): a change since
    /// the newest backup is backed up even when today has one, replacing today's
    #[arg(long, requires = "auto")]
    closing: bool,
    /// The day taken as today for --auto (default: today)
    #[arg(long, value_parser = super::date_arg, conflicts_with_all = ["file", "list"])]
    today: Option<NaiveDate>,
    /// Machine-readable output (documented in docs/CLI.md)
    #[arg(long, conflicts_with = "file")]
    json: bool,
}

#[derive(Args)]
pub struct RestoreArgs {
    /// A backup file written by `clerkfolio backup`
    file: PathBuf,
    /// Replace the portfolio in the data folder (it is kept aside as <folder>.before-restore-<time>)
    #[arg(long)]
    replace: bool,
}

pub fn create(args: BackupArgs, ws: &Workspace, out: &mut Out) -> Result<()> {
    let Some(file) = &args.file else { return folder(args, ws, out) };
    written(&backup::create(ws, file)?, out);
    Ok(())
}

fn written(report: &backup::BackupReport, out: &mut Out) {
    for w in &report.warnings {
        out.line(format_args!("warning: {w}"));
    }
    out.line(format_args!(
        "Backup written to {} and checked: {} files ({}), {}",
        report.file.display(),
        report.files,
        counts(&report.records),
        size(report.bytes)
    ));
}

/// `backup --auto` and `backup --list`, on the backup folder.
fn folder(args: BackupArgs, ws: &Workspace, out: &mut Out) -> Result<()> {
    let folder = match args.folder {
        Some(folder) => folder,
        None => auto::folder_of(ws)?.0,
    };
    if args.list {
        let backups = auto::list(&folder)?;
        if args.json {
            return out.json(&serde_json::json!({ "folder": folder, "backups": backups }));
        }
        if backups.is_empty() {
            out.line(format_args!("No backups in {}", folder.display()));
        }
        for b in &backups {
            let name = b.file.file_name().unwrap_or_default().to_string_lossy();
            match (&b.records, &b.problem) {
                (Some(records), None) => {
                    out.line(format_args!("{}  {name}  {} files ({}), {}", b.day, b.files.unwrap_or(0), counts(records), size(b.bytes)))
                }
                (_, problem) => out.line(format_args!("{}  {name}  cannot be restored: {}", b.day, problem.as_deref().unwrap_or("unreadable"))),
            }
        }
        return Ok(());
    }
    let occasion = if args.closing { auto::Occasion::Closing } else { auto::Occasion::Check };
    let report = auto::run(ws, &folder, args.today.unwrap_or_else(super::today), occasion)?;
    if args.json {
        return out.json(&report);
    }
    match &report.made {
        Some(made) => written(made, out),
        None => out.line(format_args!("No backup needed: {}", report.reason)),
    }
    for r in &report.removed {
        out.line(format_args!("Removed {} ({})", r.file.display(), r.reason));
    }
    out.line(format_args!(
        "{} backups in {} (the last {} daily and {} weekly are kept)",
        report.backups,
        folder.display(),
        auto::KEEP_DAILY,
        auto::KEEP_WEEKLY
    ));
    Ok(())
}

pub fn restore(args: RestoreArgs, dir: &Path, out: &mut Out) -> Result<()> {
    let report = backup::restore(&args.file, dir, args.replace)?;
    let m = &report.manifest;
    out.line(format_args!(
        "Restored {} (made {} by Clerkfolio {}) into {}: {}",
        args.file.display(),
        m.created_at,
        m.app_version,
        report.data_dir.display(),
        counts(&report.records)
    ));
    for w in &report.warnings {
        out.line(format_args!("warning: {w}"));
    }
    if let Some(previous) = &report.previous {
        out.line(format_args!("Your previous data is kept in {}; delete that folder once you have checked the restored portfolio.", previous.display()));
    }
    Ok(())
}

/// "3 education, 4 experience, 2 membership, 0 designation records; 9 evidence files" (and
/// ", 1 application" once one is recorded)
fn counts(r: &RecordCounts) -> String {
    let applications = match r.application {
        0 => String::new(),
        1 => ", 1 application".to_string(),
        n => format!(", {n} applications"),
    };
    format!(
        "{} education, {} experience, {} membership, {} designation records; {} evidence files{applications}",
        r.education, r.experience, r.membership, r.designation, r.evidence
    )
}

pub fn verify(json: bool, ws: &Workspace, out: &mut Out) -> Result<()> {
    let report = ws.verify()?;
    if json {
        out.json(&report)?;
    } else {
        for p in &report.problems {
            out.line(format_args!("problem: {p}"));
        }
        for f in &report.unreferenced {
            out.line(format_args!("note: {f} is not used by any record (left by an interrupted add; harmless)"));
        }
        if report.problems.is_empty() {
            out.line(format_args!("ok: {} evidence files match their hashes; database integrity ok", report.files_checked));
        }
    }
    if !report.problems.is_empty() {
        out.fail(format!("{} problem(s) found; restore from a backup or re-add the files named above", report.problems.len()));
    }
    Ok(())
}
