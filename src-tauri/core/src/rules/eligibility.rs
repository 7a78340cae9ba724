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

pub(super) fn missing(p: &Portfolio, program: &Program, today: &Snapshot, eligible_on: Option<NaiveDate>) -> Vec<Step> {
    let mut out = Vec::new();
    for r in today.requirements.iter().filter(|r| !r.met) {
        out.push(Step::new(format!(
            "{}: {} more points needed ({} of {}).",
            r.label,
            fmt_points(r.required - r.earned),
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
    out
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
        .hint(format!("clerkfolio {} edit {id} --points X --reason R", first.record.id())),
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
    if estimates {
        notes.push(format!(
            "Points marked 'estimate' use an inferred rate (listed with the {} rules), not a figure {} publishes: check them against your certificates.",
            program.name, program.authority
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
