//! `clerkfolio programs`: the certification programs, their requirements and category ids.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use clerkfolio_core::model::RecordKind;
use clerkfolio_core::program::{Program, Rate, Unit};
use clerkfolio_core::rules::fmt_points;
use clerkfolio_core::{Error, Result};

use super::output::Out;
use super::status::status_label;
use super::{open, today};

#[derive(Args)]
pub struct ProgramsArgs {
    #[command(subcommand)]
    command: Option<ProgramsCommand>,
    #[arg(long, global = true)]
    json: bool,
}

#[derive(Subcommand)]
enum ProgramsCommand {
    /// A program's requirements, rates, caps and category ids
    Show { id: String },
    /// Validate a rules file before putting it in <data folder>/programs/
    Check { file: PathBuf },
}

pub fn run(args: ProgramsArgs, dir: &Path, out: &mut Out) -> Result<()> {
    match args.command {
        // A file checked before it is put in place: no data folder involved.
        Some(ProgramsCommand::Check { file }) => {
            let text = std::fs::read_to_string(&file).map_err(|e| Error::io(format!("cannot read {}", file.display()), e))?;
            let p = Program::parse(&text, &file.display().to_string())?;
            out.line(format_args!("{}: valid program '{}' ({}), effective {}", file.display(), p.id, p.name, p.effective_from));
        }
        Some(ProgramsCommand::Show { id }) => {
            let ws = open(dir)?;
            let p = ws.programs().get(&id, today())?;
            if args.json {
                return out.json(p);
            }
            show(p, out);
        }
        None => {
            let ws = open(dir)?;
            let day = today();
            let programs: Vec<&Program> = ws.programs().ids().iter().map(|id| ws.programs().get(id, day)).collect::<Result<_>>()?;
            if args.json {
                return out.json(&programs);
            }
            for p in programs {
                let reqs: Vec<String> = p
                    .requirements
                    .iter()
                    .map(|r| match r.unit {
                        Unit::Points => format!("{} {}", fmt_points(r.required), r.label),
                        Unit::Hours => format!("{} hours: {}", fmt_points(r.required), r.label),
                    })
                    .collect();
                out.line(format_args!("{:<8} {} ({}), effective {}: {}", p.id, p.name, p.authority, p.effective_from, reqs.join(" + ")));
            }
            out.line("\nDetails and category ids: clerkfolio programs show ID");
        }
    }
    Ok(())
}

fn show(p: &Program, out: &mut Out) {
    out.line(format_args!("{} — {} ({}), effective {}", p.id, p.name, p.authority, p.effective_from));
    out.line(format_args!("Source: {}", p.source));
    if p.origin != "built in" {
        out.line(format_args!("Defined by: {}", p.origin));
    }
    for n in &p.notes {
        out.line(format_args!("Note: {n}"));
    }
    if let Some(m) = &p.membership {
        let types: Vec<&str> = m.types.iter().map(|t| t.id()).collect();
        out.line("");
        out.line(format_args!(
            "Membership ({}): {} years{}, types {}{}; continuity: {:?}{}",
            m.organisation,
            m.min_years,
            status_label(m.status),
            types.join(", "),
            status_label(m.types_status),
            m.continuity,
            status_label(m.continuity_status)
        ));
    }
    if let Some(c) = &p.cycle {
        out.line(format_args!(
            "Cycles{}: every {} years, the first {} to {} (enrolment until {}); only the cycle containing the day counts",
            status_label(c.status),
            c.every_years,
            c.first_start,
            c.first_end,
            c.enrolment_end
        ));
        out.line(format_args!("  overlap{}: {}", status_label(c.overlap_status), c.overlap));
        out.line(format_args!("  source: {}", c.source));
    }
    for fee in &p.fees {
        let amount = fee.amount.clone().unwrap_or_else(|| "amount not stated in the sources cited".into());
        out.line(format_args!("Fee: {}{}: {amount}{}", fee.label, if fee.optional { " (optional)" } else { "" }, status_label(fee.status)));
        out.line(format_args!("  source: {}", fee.source));
    }
    for pre in &p.prerequisites {
        out.line(format_args!("Prerequisite: {}{}", pre.label, status_label(pre.status)));
    }
    for paper in &p.paperwork {
        out.line(format_args!("Paperwork: {}{}", paper.label, status_label(paper.status)));
    }
    for r in &p.requirements {
        out.line("");
        let mut extra = String::new();
        if !r.levels.is_empty() {
            extra.push_str(&format!("; levels: {}", r.levels.iter().map(|l| l.id()).collect::<Vec<_>>().join(", ")));
        }
        let moving = r.cutoff_designations();
        if !moving.is_empty() {
            extra.push_str(&format!("; dated after the latest of: {}", moving.join(", ")));
        }
        out.line(format_args!(
            "Requirement {}: {} — {} {}{}{extra}",
            r.id,
            r.label,
            fmt_points(r.required),
            r.unit.words(r.required),
            status_label(r.status)
        ));
        for item in &r.items {
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
            out.line(format_args!("  - {} [{}]: {}{limits}{}", item.label, item.id, if r.unit == Unit::Hours { "the record's contact hours".to_string() } else { rate(&item.rate) }, status_label(item.status)));
            out.line(format_args!("      {} categories: {}", item.record.id(), item.categories.join(", ")));
            out.line(format_args!("      source: {}", item.source));
        }
    }
    for kind in [RecordKind::Education, RecordKind::Experience] {
        out.line("");
        out.line(format_args!("{} category ids:", if kind == RecordKind::Education { "Education" } else { "Experience" }));
        for (id, label) in p.categories(kind) {
            out.line(format_args!("  {id:<26} {label}"));
        }
    }
}

fn rate(rate: &Rate) -> String {
    match *rate {
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
    }
}
