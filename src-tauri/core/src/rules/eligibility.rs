//! When every requirement is (or will be) met, and what to tell the clerk: what is still missing
//! and the caveats that come with inferred and open values.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::membership::type_list;
use super::*;
use crate::model::*;
use crate::program::*;

/// Days on which anything that decides eligibility can change.
fn candidate_days(p: &Portfolio, program: &Program, horizon: NaiveDate) -> BTreeSet<NaiveDate> {
    let mut days = BTreeSet::new();
    let mut add = |d: NaiveDate| {
        if d <= horizon {
            days.insert(d);
        }
    };
    let accrues = program.requirements.iter().flat_map(|r| &r.items).any(|i| matches!(i.rate, Rate::PerYear { .. }));
    for e in entries(p) {
        add(e.start);
        add(e.dated());
        if let Some(end) = e.end {
            add(next_day(end));
        }
        if accrues && e.kind == RecordKind::Experience {
            // Service accrues: whole months (which include whole years) until it ends.
            let last = e.end.unwrap_or(horizon).min(horizon);
            let mut month = 1;
            while let Some(d) = e.start.checked_add_months(Months::new(month)) {
                if d > next_day(last) {
                    break;
                }
                add(d);
                month += 1;
            }
        }
    }
    let years = program.membership.as_ref().map_or(0, |m| m.min_years);
    for m in &p.memberships {
        add(m.start);
        add(add_years(m.start, years));
        if let Some(end) = m.end {
            add(next_day(end));
        }
    }
    if let Some(rule) = &program.membership {
        let probe = membership_progress(&p.memberships, rule, horizon);
        probe.eligible_on_cumulative.into_iter().for_each(&mut add);
        for lapse in &probe.lapses {
            if let Some(to) = lapse.to {
                add(add_years(next_day(to), years));
            }
        }
    }
    for d in &p.designations {
        add(d.awarded_on);
        add(next_day(d.awarded_on));
    }
    if let Some(d) = p.profile.ethics_affirmed {
        add(d);
    }
    days
}

pub(super) fn eligible_on(p: &Portfolio, program: &Program, as_of: NaiveDate, eligible_now: bool) -> Option<NaiveDate> {
    if eligible_now {
        let days = candidate_days(p, program, as_of);
        let mut since = as_of;
        for day in days.iter().rev() {
            if evaluate(p, program, *day).eligible {
                since = *day;
            } else {
                break;
            }
        }
        Some(since)
    } else {
        // Looking ahead: what is recorded, taken as it stands (ongoing memberships and positions go on).
        let horizon = add_years(as_of, 30);
        candidate_days(p, program, horizon)
            .into_iter()
            .filter(|d| *d > as_of)
            .find(|d| evaluate(p, program, *d).eligible)
    }
}

/// What the planned records would change, if every one happens as planned.
pub(super) struct Projection {
    /// The planned records this program counts (their rows in its requirements).
    count: usize,
    /// The day every requirement would be met with them (see `Progress::projected_eligible_on`).
    pub on: Option<NaiveDate>,
    /// Per requirement, in the program's order: the points they add once all have happened.
    pub planned: Vec<f64>,
    /// Points still short once they have all happened, over every requirement.
    short_with: f64,
}

/// The portfolio as it would be if every planned record happened as planned: each counts from
/// its own date, like any record.
fn as_done(p: &Portfolio) -> Portfolio {
    let mut done = p.clone();
    done.education.iter_mut().for_each(|e| e.planned = false);
    done.experience.iter_mut().for_each(|e| e.planned = false);
    done
}

/// The day the last planned record happens (or `as_of`, if later): by then all have.
fn last_planned_day(p: &Portfolio, as_of: NaiveDate) -> NaiveDate {
    let education = p.education.iter().filter(|e| e.planned).map(Education::dated);
    let experience = p.experience.iter().filter(|e| e.planned).map(Experience::dated);
    education.chain(experience).fold(as_of, NaiveDate::max)
}

/// Points short of every requirement, added up.
fn shortfall(s: &Snapshot) -> f64 {
    s.requirements.iter().map(|r| (r.required - r.earned).max(0.0)).sum()
}

/// The same rules on the portfolio with the planned records done: the projected date, and each
/// requirement's planned points as the difference they make on the day the last one happens
/// (caps and pools applied as if earned, so a capped item shows what it would really add).
pub(super) fn projection(p: &Portfolio, program: &Program, as_of: NaiveDate, today: &Snapshot, eligible_on: Option<NaiveDate>) -> Projection {
    let count = today.requirements.iter().flat_map(|r| &r.records).filter(|r| r.planned).count();
    let none = vec![0.0; today.requirements.len()];
    if !p.education.iter().any(|e| e.planned) && !p.experience.iter().any(|e| e.planned) {
        return Projection { count, on: eligible_on, planned: none, short_with: shortfall(today) };
    }
    let done = as_done(p);
    let on = self::eligible_on(&done, program, as_of, evaluate(&done, program, as_of).eligible);
    let last = last_planned_day(p, as_of);
    let with = evaluate(&done, program, last);
    let without = evaluate(p, program, last);
    let planned = with.requirements.iter().zip(&without.requirements).map(|(w, wo)| (w.earned - wo.earned).max(0.0)).collect();
    Projection { count, on, planned, short_with: shortfall(&with) }
}

pub(super) fn missing(
    p: &Portfolio,
    program: &Program,
    today: &Snapshot,
    eligible_on: Option<NaiveDate>,
    projected: &Projection,
) -> Vec<Step> {
    let mut out = Vec::new();
    for r in today.requirements.iter().filter(|r| !r.met) {
        let planned = if r.planned > 0.0 { format!("; {} more planned", fmt_points(r.planned)) } else { String::new() };
        let short = r.required - r.earned;
        out.push(Step::new(format!(
            "{}: {} more {} needed ({} of {}{planned}).",
            r.label,
            fmt_points(short),
            r.unit.words(short),
            fmt_points(r.earned),
            fmt_points(r.required)
        )));
        out.extend(unpointed_step(program, r));
    }
    if let (Some(rule), Some(m)) = (&program.membership, &today.membership) {
        membership_steps(p, rule, m, &mut out);
    }
    for c in &today.checks {
        if c.met || c.id.starts_with("points:") || c.id.starts_with("membership:") {
            continue;
        }
        out.push(match c.id.as_str() {
            "ethics" => Step::new("Ethics: affirm the IIMC Code of Ethics and record the date in your profile.")
                .hint("clerkfolio profile set --ethics-affirmed YYYY-MM-DD"),
            "employment-letter" if c.detail == "no current position recorded" => Step::new(
                "Employment letter: no current position is recorded; add it as experience (category service, no end date) and attach its Letter of Employment Verification.",
            )
            .hint("clerkfolio experience add --category service … --letter FILE"),
            "employment-letter" => Step::new(format!(
                "Employment letter: the Letter of Employment Verification is required for your current position ({}); attach it.",
                c.detail.trim_start_matches("no letter for ")
            ))
            .hint("clerkfolio experience edit ID --letter FILE"),
            id if id.starts_with("prerequisite:") => {
                let program = id.trim_start_matches("prerequisite:");
                Step::new(format!("{}: record the award date.", c.label)).hint(format!("clerkfolio designation add --program {program} --date YYYY-MM-DD"))
            }
            _ => Step::new(format!("{}: {}.", c.label, c.detail)),
        });
    }
    if !today.eligible
        && let Some(day) = eligible_on
    {
        out.push(Step::new(format!("If nothing else changes, every requirement is met on {day}.")));
    }
    out.extend(planned_step(today, eligible_on, projected));
    out
}

/// What the planned records would bring, beside what is earned: "With the 2 planned activities
/// you would be eligible on 2027-03-17; without them, 6 points short."
fn planned_step(today: &Snapshot, eligible_on: Option<NaiveDate>, projected: &Projection) -> Option<Step> {
    if projected.count == 0 || today.eligible {
        return None;
    }
    let activities = match projected.count {
        1 => "the planned activity".to_string(),
        n => format!("the {n} planned activities"),
    };
    let short_now = shortfall(today);
    let text = match projected.on {
        Some(on) if Some(on) == eligible_on => {
            format!("With or without {activities}, every requirement is met on {on}: they do not bring the date forward.")
        }
        Some(on) => {
            let without = match eligible_on {
                _ if short_now > 0.0 => format!("{} points short", fmt_points(short_now)),
                Some(day) => format!("on {day}"),
                None => "not yet".to_string(),
            };
            format!("With {activities} you would be eligible on {on}; without them, {without}.")
        }
        None if projected.short_with > 0.0 => {
            format!("Even with {activities}, {} more points are needed.", fmt_points(projected.short_with))
        }
        None => format!("Even with {activities}, not every requirement is met."),
    };
    Some(Step::new(text))
}

/// The records of a requirement that count only with entered points and have none, by title:
/// a count alone leaves the clerk searching for them.
fn unpointed_step(program: &Program, r: &RequirementProgress) -> Option<Step> {
    let unpointed: Vec<&RecordPoints> =
        r.records.iter().filter(|x| x.basis == Basis::NotEntered).collect();
    let first = unpointed.first()?;
    let titles: Vec<String> = unpointed.iter().map(|x| format!("\"{}\"", x.title)).collect();
    let id = if unpointed.len() == 1 { first.id.to_string() } else { "ID".into() };
    Some(
        Step::new(format!(
            "{}: no points entered for {}; enter the points {} awarded or that you claim.",
            r.label,
            and_list(&titles),
            program.authority
        ))
        .hint(format!("clerkfolio {} edit {id} --points X --reason R", first.record.id()))
        .about(unpointed.iter().map(|x| format!("{}:{}", x.record.id(), x.id)).collect()),
    )
}

/// "A", "A and B", "A, B and C".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// What membership still needs: recorded at all, active, of a type that may certify, the years.
fn membership_steps(p: &Portfolio, rule: &MembershipRule, m: &MembershipProgress, out: &mut Vec<Step>) {
    let recorded = p.memberships.iter().any(|x| x.organisation.eq_ignore_ascii_case(&rule.organisation));
    if !recorded {
        // Nothing to renew: asking her to renew a membership she never recorded misleads.
        out.push(
            Step::new(format!(
                "Membership: no {} membership is recorded; record your membership (its type and the day it began).",
                rule.organisation
            ))
            .hint("clerkfolio membership add --type full --start YYYY-MM-DD"),
        );
    } else if !m.active {
        out.push(Step::new(format!(
            "Membership: you are not an active {} member on this day; renew your membership (and record the new period).",
            rule.organisation
        )));
    } else if !m.type_allowed {
        let t = m.current_type.map_or("Your", |t| t.label());
        out.push(Step::new(format!(
            "Membership: {t} members cannot obtain this certification; {} members can. If your position now qualifies \
             (e.g. you became Clerk or Deputy), change your membership type with {} and record the new period.",
            type_list(&rule.types),
            rule.organisation
        )));
    }
    if !m.years_met && rule.min_years > 0 {
        out.push(Step::new(years_line(rule, m)));
    }
    for lapse in m.lapses.iter().filter(|l| l.to.is_none()) {
        out.push(Step::new(format!("Membership lapsed on {}: renew it and record the new period.", lapse.from)));
    }
}

fn years_line(rule: &MembershipRule, m: &MembershipProgress) -> String {
    let mut line = match m.eligible_on_continuous {
        Some(on) => format!("Membership: {} years of qualifying {} membership are reached on {on}", rule.min_years, rule.organisation),
        None => format!("Membership: no current qualifying {} membership to count {} years from", rule.organisation, rule.min_years),
    };
    if let Some(since) = m.continuous_since {
        line.push_str(&format!(" (counting your unbroken membership since {since})"));
    }
    line.push('.');
    if rule.continuity_status != Status::Verified
        && !m.lapses.is_empty()
        && let (Some(cum), Some(cont)) = (m.eligible_on_cumulative, m.eligible_on_continuous)
        && cum < cont
    {
        line.push_str(&format!(
            " The rule does not say whether the years must be continuous: this is the conservative reading; \
             if time before a lapse counts, possibly from {cum}. Confirm with {}.",
            rule.organisation
        ));
    }
    line
}

pub(super) fn notes(program: &Program, today: &Snapshot) -> Vec<String> {
    let mut notes = program.notes.clone();
    let estimates = today.requirements.iter().flat_map(|r| &r.records).any(|r| r.basis == Basis::Estimate);
    let hours = today.requirements.iter().all(|r| r.unit == Unit::Hours);
    if estimates && hours {
        notes.push(format!(
            "Hours marked 'estimate' are counted by a reading of the {} rules, not by a list {} publishes of what counts.",
            program.name, program.authority
        ));
    } else if estimates {
        notes.push(format!(
            "Points marked 'estimate' use an inferred rate (listed with the {} rules), not a figure {} publishes: check them against your certificates.",
            program.name, program.authority
        ));
    }
    let sponsored = today.requirements.iter().flat_map(|r| &r.records).any(|r| r.basis == Basis::SponsorRate);
    if sponsored {
        notes.push(format!(
            "Points marked 'at the sponsor's stated rate' use the rate state-association institutes and academies state for their programs (2 contact hours = 1 point), not a figure {} publishes; {} decides the points it awards.",
            program.authority, program.authority
        ));
    }
    let claimed = today.requirements.iter().flat_map(|r| &r.records).any(|r| r.basis == Basis::Claimed);
    if claimed {
        notes.push(format!(
            "Points marked 'claimed' are the ones you entered where no published schedule exists; {} decides the points it awards.",
            program.authority
        ));
    }
    if let (Some(rule), Some(m)) = (&program.membership, &today.membership)
        && rule.min_years > 0
        && rule.continuity_status != Status::Verified
        && !m.lapses.is_empty()
    {
        let cumulative = m.eligible_on_cumulative.map_or(String::new(), |d| format!(" (counting time across lapses: {d})"));
        notes.push(format!(
            "Membership years use the conservative continuous reading{cumulative}; the rule does not settle it."
        ));
        for lapse in &m.lapses {
            if let Some(to) = lapse.to {
                notes.push(format!(
                    "Membership lapsed from {} to {to}: under the conservative reading the years count again from {}.",
                    lapse.from,
                    next_day(to)
                ));
            }
        }
    }
    notes
}
