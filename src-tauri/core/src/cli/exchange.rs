//! `clerkfolio export` and `import`: records as CSV or JSON files.

use std::path::PathBuf;

use clap::Args;

use clerkfolio_core::exchange::{ExportFormat, ImportPlan, Record};
use clerkfolio_core::rules::fmt_points;
use clerkfolio_core::{Result, Workspace};

use super::output::Out;

#[derive(Args)]
pub struct ExportArgs {
    format: ExportFormat,
    file: PathBuf,
}

#[derive(Args)]
pub struct ImportArgs {
    /// csv (the only import format)
    #[arg(value_parser = ["csv"])]
    format: String,
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
}

pub fn export(args: ExportArgs, ws: &mut Workspace, out: &mut Out) -> Result<()> {
    let (education, experience) = ws.export(args.format, &args.file)?;
    out.line(format_args!("Exported {education} education and {experience} experience records to {}", args.file.display()));
    Ok(())
}

pub fn import(args: ImportArgs, ws: &mut Workspace, out: &mut Out) -> Result<()> {
    let file = &args.file;
    let bytes = clerkfolio_core::exchange::read_csv_file(file)?;
    let plan = ws.plan_import(&bytes, &file.display().to_string())?;
    if args.json {
        out.json(&plan.to_json())?;
    } else {
        show_plan(&plan, args.dry_run, out);
    }
    if !args.dry_run {
        let done = ws.import(&plan, args.skip_invalid)?;
        let skipped = if done.skipped > 0 { format!("; {} invalid rows left out", done.skipped) } else { String::new() };
        out.line(format_args!("Imported {} education and {} experience records from {}{skipped}", done.education, done.experience, file.display()));
    } else if !plan.problems.is_empty() && !args.skip_invalid {
        out.fail(format!(
            "{}: {} of {} rows are invalid (listed above); the import would add nothing. Correct them, or add --skip-invalid",
            file.display(),
            plan.problems.len(),
            plan.rows.len() + plan.problems.len()
        ));
    }
    Ok(())
}

/// The preview: one line per row that would be added, then one per invalid row. On a real
/// import only the problems are listed (before the result or the refusal).
fn show_plan(plan: &ImportPlan, preview: bool, out: &mut Out) {
    if preview {
        for row in &plan.rows {
            match &row.record {
                Record::Education(e) => out.line(format_args!(
                    "line {:>4}: education   {}  {:<12} {:>6} h  {} — {}",
                    row.line,
                    e.start,
                    e.category,
                    fmt_points(e.hours),
                    e.title,
                    e.provider
                )),
                Record::Experience(e) => {
                    out.line(format_args!("line {:>4}: experience  {}  {:<12} {} {}", row.line, e.start, e.category, e.title, e.organisation))
                }
            }
        }
    }
    for p in &plan.problems {
        let hint = p.hint.as_ref().map_or(String::new(), |h| format!(" ({h})"));
        out.line(format_args!("line {:>4}: invalid: {}{hint}", p.line, p.message));
    }
    if preview {
        let count = |education: bool| plan.rows.iter().filter(|r| matches!(r.record, Record::Education(_)) == education).count();
        out.line(format_args!(
            "Dry run: {} education and {} experience records would be imported, {} invalid rows; nothing was written.",
            count(true),
            count(false),
            plan.problems.len()
        ));
    }
}
