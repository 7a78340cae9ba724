//! `clerkfolio status`: progress toward a program on a day.

use chrono::NaiveDate;
use clap::Args;

use clerkfolio_core::program::Status;
use clerkfolio_core::rules::{Basis, Progress, fmt_points};
use clerkfolio_core::{Result, Workspace};

use super::output::{Out, truncate};
use super::{date_arg, today};

#[derive(Args)]
pub struct StatusArgs {
    /// Program id (see `clerkfolio programs`)
    #[arg(long, default_value = "cmc")]
    program: String,
    /// The day to evaluate (default: today)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
    today: Option<NaiveDate>,
    #[arg(long)]
    json: bool,
}

pub fn run(args: StatusArgs, ws: &mut Workspace, out: &mut Out) -> Result<()> {
    let progress = ws.status(&args.program, args.today.unwrap_or_else(today))?;
    if args.json {
        // The documented `status --json` shape (docs/CLI.md) is the engine's own.
        return out.json(&progress);
    }
    show(&progress, out);
    Ok(())
}

/// " (inferred)" or " (open: not published)" after a value that is not IIMC's published word.
pub fn status_label(s: Status) -> &'static str {
    match s {
        Status::Verified => "",
        Status::Inferred => " (inferred)",
        Status::Open => " (open: not published)",
        Status::Sponsor => " (stated by the sponsors, not IIMC)",
    }
}

fn bar(earned: f64, required: f64) -> String {
    let filled = ((earned / required).clamp(0.0, 1.0) * 20.0).round() as usize;
    format!("[{}{}]", "#".repeat(filled), ".".repeat(20 - filled))
}

fn show(p: &Progress, out: &mut Out) {
    out.line(format_args!("{} ({} rules effective {}), as of {}", p.program_name, p.authority, p.effective_from, p.as_of));
    if let Some(c) = &p.cycle {
        out.line(format_args!("Cycle {} to {} (enrolment {} to {}); only this cycle's records count", c.start, c.end, c.start, c.enrolment_end));
        if c.counts_from != c.start {
            out.line(format_args!("  records dated {} to {} count toward the cycle that ends then", c.start, c.counts_from.pred_opt().unwrap_or(c.counts_from)));
        }
    }
    out.line("");
    for r in &p.requirements {
        let mut state = if r.met { "met".to_string() } else { format!("{} to go", fmt_points(r.required - r.earned)) };
        if r.planned > 0.0 {
            state.push_str(&format!(" (+{} planned)", fmt_points(r.planned)));
        }
        out.line(format_args!(
            "  {:<38} {} {:>6} / {:<4} {} {state}",
            r.label,
            bar(r.earned, r.required),
            fmt_points(r.earned),
            fmt_points(r.required),
            r.unit.words(r.required)
        ));
        if let Some(cutoff) = &r.cutoff {
            out.line(format_args!("      cut-off: {}", cutoff.reason));
        }
        // Planned records are listed apart, after what counts: they are not earned.
        for x in r.records.iter().filter(|x| !x.planned) {
            let basis = match x.basis {
                Basis::Computed => "computed",
                Basis::Estimate => "estimate",
                Basis::SponsorRate => "at the sponsor's stated rate",
                Basis::Entered => "entered",
                Basis::Claimed => "claimed",
                Basis::NotEntered => "no points entered",
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
            out.line(line);
        }
        for x in r.records.iter().filter(|x| x.planned) {
            out.line(format_args!("      {} {:<50} planned: counts once it has happened and is marked done", x.dated, truncate(&x.title, 50)));
        }
    }
    out.line("");
    out.line("  Checklist");
    for c in &p.checks {
        out.line(format_args!("    [{}] {}{}: {}", if c.met { "x" } else { " " }, c.label, status_label(c.status), c.detail));
    }
    for fee in &p.fees {
        let amount = fee.amount.clone().unwrap_or_else(|| "amount not stated in the sources cited".into());
        let optional = if fee.optional { " (optional)" } else { "" };
        out.line(format_args!("    fee: {}{optional}: {amount}{}; source: {}", fee.label, status_label(fee.status), fee.source));
    }
    out.line("");
    match (p.eligible, p.eligible_on) {
        (true, Some(d)) => out.line(format_args!("  Eligible: yes, since {d}")),
        (true, None) => out.line("  Eligible: yes"),
        (false, Some(d)) => out.line(format_args!("  Eligible: not yet; expected on {d} if nothing else changes")),
        (false, None) => out.line("  Eligible: not yet; the date depends on what is still missing"),
    }
    let planned = p.requirements.iter().flat_map(|r| &r.records).filter(|x| x.planned).count();
    if planned > 0 && !p.eligible {
        let activities = if planned == 1 { "the planned activity".to_string() } else { format!("the {planned} planned activities") };
        match p.projected_eligible_on {
            Some(d) => out.line(format_args!("  Projected with {activities}: eligible on {d}")),
            None => out.line(format_args!("  Projected with {activities}: still not eligible")),
        }
    }
    if !p.steps.is_empty() {
        out.line("");
        out.line("  Still missing");
        for step in &p.steps {
            out.line(format_args!("    - {}", step.text));
            if let Some(command) = &step.hint {
                out.line(format_args!("        `{command}`"));
            }
        }
    }
    if !p.notes.is_empty() {
        out.line("");
        out.line("  Notes");
        for note in &p.notes {
            out.line(format_args!("    * {note}"));
        }
    }
}
