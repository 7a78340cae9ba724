//! `clerkfolio read` (one certificate, nothing changed) and `clerkfolio intake` (every certificate
//! under the paths, checked against the portfolio; `--apply` adds the ones that need nothing).

use std::path::{Path, PathBuf};

use clap::Args;
use serde_json::{Value, json};

use clerkfolio_core::certificate::{self, FieldName, Ocr, Reading, TextFrom};
use clerkfolio_core::workspace::{Suggestion, files_under};
use clerkfolio_core::{Result, Workspace};

use super::output::Out;

#[derive(Args)]
pub struct ReadArgs {
    /// A certificate: PDF, JPEG, PNG or TIFF
    file: PathBuf,
    /// The reading as JSON (docs/CLI.md)
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct IntakeArgs {
    /// Certificate files, or folders to read every file in (recursively)
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// One JSON document (docs/CLI.md)
    #[arg(long)]
    json: bool,
    /// Add a record for every certificate that needs nothing from you (the rest are listed for review)
    #[arg(long)]
    apply: bool,
}

pub fn read(args: ReadArgs, out: &mut Out) -> Result<()> {
    let reading = certificate::read(&args.file, &Ocr::find())?;
    if args.json {
        return out.json(&reading);
    }
    show_reading(&reading, out);
    Ok(())
}

/// One file of an intake: its suggestion, or why it could not be read.
type Outcome = (PathBuf, std::result::Result<Reading, String>);

pub fn intake(args: IntakeArgs, ws: &mut Workspace, out: &mut Out) -> Result<()> {
    let files = files_under(&args.paths);
    let readings = read_all(&files);
    let mut results = Vec::new();
    for (file, reading) in readings {
        let outcome = match reading {
            Ok(reading) => {
                let suggestion = ws.suggest(&file, reading)?;
                let record = if args.apply && suggestion.ready {
                    Some(ws.add_from_certificate(suggestion.changes.clone(), &file, &suggestion.reading)?)
                } else {
                    None
                };
                Ok((suggestion, record))
            }
            Err(why) => Err(why),
        };
        results.push((file, outcome));
    }
    if args.json {
        return out.json(&intake_json(&results));
    }
    show_intake(&results, args.apply, out);
    Ok(())
}

/// Reads every file, saying on stderr how far it got: a folder of sixty takes a while, and the
/// clerk should see it move.
fn read_all(files: &[PathBuf]) -> Vec<Outcome> {
    let said = |done: usize, total: usize, file: &Path| eprintln!("Read {done} of {total}: {}", file.display());
    let readings = certificate::read_many(files, &Ocr::find(), &said);
    files.iter().cloned().zip(readings).collect()
}

/// A file of an intake after the checks: its suggestion and the record `--apply` added, or why
/// it could not be read.
type Checked = std::result::Result<(Suggestion, Option<i64>), String>;

fn intake_json(results: &[(PathBuf, Checked)]) -> Value {
    let files: Vec<Value> = results
        .iter()
        .map(|(file, outcome)| match outcome {
            Ok((s, record)) => {
                let mut v = json!(s);
                v["record"] = json!(record);
                v
            }
            Err(why) => json!({ "file": file, "error": why }),
        })
        .collect();
    let count = |f: &dyn Fn(&Checked) -> bool| results.iter().filter(|(_, r)| f(r)).count();
    json!({
        "files": files,
        "ready": count(&|r| r.as_ref().is_ok_and(|(s, _)| s.ready)),
        "needs_review": count(&|r| r.as_ref().is_ok_and(|(s, _)| !s.ready)),
        "unreadable": count(&|r| r.is_err()),
        "added": results.iter().filter_map(|(_, r)| r.as_ref().ok().and_then(|(_, id)| *id)).collect::<Vec<_>>(),
    })
}

fn show_reading(reading: &Reading, out: &mut Out) {
    let from = match reading.text_from {
        TextFrom::PdfText => "the PDF's text",
        TextFrom::Ocr => "OCR of the picture",
        TextFrom::None => "nothing: no words could be read",
    };
    out.line(format_args!("{} (read from {from})", reading.file));
    for name in FieldName::ALL {
        if let Some(field) = reading.fields.get(&name) {
            out.line(format_args!("  {:<19} {:<40} from “{}”", name.id(), field.value, field.source));
        }
    }
    for w in &reading.warnings {
        out.line(format_args!("  warning: {w}"));
    }
}

fn show_intake(results: &[(PathBuf, Checked)], apply: bool, out: &mut Out) {
    for (file, outcome) in results {
        match outcome {
            Err(why) => out.line(format_args!("{}: cannot be read: {why}", name(file))),
            Ok((s, record)) => {
                let c = &s.changes;
                let summary = format!(
                    "“{}” — {}, {}, {}",
                    c.title.as_deref().unwrap_or("?"),
                    c.provider.as_deref().unwrap_or("?"),
                    c.start.map_or("?".into(), |d| d.to_string()),
                    c.hours.map_or("? h".into(), |h| format!("{h} h"))
                );
                let state = match record {
                    Some(id) => format!("added as education {id}"),
                    None if s.ready => "ready".into(),
                    None if s.missing.is_empty() => "needs review".into(),
                    None => format!("needs review (not read: {})", s.missing.join(", ")),
                };
                out.line(format_args!("{}: {state}: {summary}", name(file)));
                for note in s.checks.iter().chain(&s.reading.warnings) {
                    out.line(format_args!("    {note}"));
                }
            }
        }
    }
    let ready = results.iter().filter(|(_, r)| r.as_ref().is_ok_and(|(s, _)| s.ready)).count();
    let total = results.len();
    if apply {
        out.line(format_args!("{ready} of {total} certificates added as records; the others need you (clerkfolio education add, or the app)."));
    } else {
        out.line(format_args!("{ready} of {total} certificates are ready to add (--apply adds them); the others need you."));
    }
}

fn name(path: &Path) -> String {
    path.display().to_string()
}
