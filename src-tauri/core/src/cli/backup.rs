//! `clerkfolio backup`, `restore` and `verify`: the portfolio as one checked file, put back, and checked in place.

use std::path::{Path, PathBuf};

use clap::Args;

use clerkfolio_core::backup::RecordCounts;
use clerkfolio_core::{Result, Workspace, backup};

use super::output::{Out, size};

#[derive(Args)]
pub struct BackupArgs {
    /// The backup file to write (a .zip; replaced atomically if it exists)
    file: PathBuf,
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
    let report = backup::create(ws, &args.file)?;
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
