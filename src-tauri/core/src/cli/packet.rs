//! `clerkfolio packet`: the application packet PDF, or with `--check` what stands in its way.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;
use clap::builder::{PossibleValuesParser, TypedValueParser};

use clerkfolio_core::packet::{self, PacketOptions, Paper};
use clerkfolio_core::{Result, Workspace};

use super::output::Out;
use super::{date_arg, today};

#[derive(Args)]
pub struct PacketArgs {
    /// Program id (see `clerkfolio programs`)
    #[arg(long, default_value = "cmc")]
    program: String,
    /// Where to write the PDF (replaced atomically if it exists)
    #[arg(long, value_name = "FILE.pdf", required_unless_present = "check")]
    out: Option<PathBuf>,
    /// The day the packet is prepared (default: today)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
    today: Option<NaiveDate>,
    #[arg(long, default_value = "letter", value_parser = PossibleValuesParser::new(Paper::NAMES).map(|name| Paper::named(&name).unwrap_or(Paper::LETTER)))]
    paper: Paper,
    /// List problems (missing or changed files, records without evidence, unmet requirements) without writing
    #[arg(long)]
    check: bool,
    /// Also write each exhibit as its own PDF into DIR, for IIMC's upload portal
    #[arg(long, value_name = "DIR")]
    folder: Option<PathBuf>,
    /// List exhibits already submitted with an earlier application (the CMC's, for the MMC) as
    /// "submitted with the CMC application on DATE" instead of attaching them again
    #[arg(long)]
    refer_submitted: bool,
    #[arg(long)]
    json: bool,
}

pub fn run(args: PacketArgs, ws: &mut Workspace, out: &mut Out) -> Result<()> {
    let options = PacketOptions {
        program: args.program,
        today: args.today.unwrap_or_else(today),
        paper: args.paper,
        refer_submitted: args.refer_submitted,
    };
    match args.out {
        Some(file) if !args.check => write(ws, &options, file, args.folder, args.json, out),
        _ => check(ws, &options, args.json, out),
    }
}

fn check(ws: &mut Workspace, options: &PacketOptions, json: bool, out: &mut Out) -> Result<()> {
    let findings = packet::preflight(ws, &options.program, options.today)?;
    if json {
        out.json(&findings)?;
    } else {
        for f in &findings {
            out.line(format_args!("{}: {}", f.kind, f.message));
        }
        if findings.is_empty() {
            out.line("ok: every exhibit is present and unchanged, every record has evidence, every requirement is met");
        }
    }
    if !findings.is_empty() {
        out.fail(format!("{} problem(s) found for the {} packet (listed above)", findings.len(), options.program));
    }
    Ok(())
}

fn write(ws: &mut Workspace, options: &PacketOptions, file: PathBuf, folder: Option<PathBuf>, json: bool, out: &mut Out) -> Result<()> {
    let mut report = packet::write_packet(ws, options, &file, &mut |_| {})?;
    if let Some(dir) = &folder {
        report.folder_files = packet::write_folder(ws, options, dir)?;
    }
    if json {
        return out.json(&report);
    }
    out.line(format_args!(
        "Packet written: {} ({} pages: {} application pages and {} exhibits; {:.1} MB)",
        report.path.display(),
        report.pages,
        report.generated_pages,
        report.exhibits,
        report.bytes as f64 / 1_048_576.0
    ));
    if report.referred > 0 {
        out.line(format_args!(
            "{} exhibit(s) listed in the index as already submitted with an earlier application, not attached again",
            report.referred
        ));
    }
    for s in &report.skipped {
        out.line(format_args!("Not included: {} {} ({}); a placeholder page stands in its place", s.exhibit, s.file, s.reason));
    }
    if let Some(dir) = folder {
        out.line(format_args!("Upload folder: {} ({} files)", dir.display(), report.folder_files.len()));
    }
    Ok(())
}
