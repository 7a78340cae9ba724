//! Membership years (continuous or added up across lapses) and the paperwork checks: the parts of
//! a program's rules that are about the clerk rather than her records.

use chrono::{Days, NaiveDate};

use super::*;
use crate::model::*;
use crate::program::*;

/// Periods merged into unbroken runs (a gap of a day or more breaks a run). `None` end: ongoing.
fn runs(periods: &[&Membership]) -> Vec<(NaiveDate, Option<NaiveDate>)> {
    let mut sorted: Vec<_> = periods.iter().map(|m| (m.start, m.end)).collect();
    sorted.sort();
    let mut runs: Vec<(NaiveDate, Option<NaiveDate>)> = Vec::new();
    for (start, end) in sorted {
        match runs.last_mut() {
            Some((_, last_end)) if last_end.is_none_or(|e| start <= next_day(e)) => {
                *last_end = match (*last_end, end) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
            }
            _ => runs.push((start, end)),
        }
    }
    runs
}

pub(super) fn membership_progress(memberships: &[Membership], rule: &MembershipRule, day: NaiveDate) -> MembershipProgress {
    let ours: Vec<&Membership> =
        memberships.iter().filter(|m| m.organisation.eq_ignore_ascii_case(&rule.organisation)).collect();
    let covering: Vec<&&Membership> = ours.iter().filter(|m| m.covers(day)).collect();
    let allowed_now = covering.iter().find(|m| rule.types.contains(&m.member_type));
    let current_type = allowed_now.or(covering.first()).map(|m| m.member_type);
    let qualifying: Vec<&Membership> = ours.iter().copied().filter(|m| rule.types.contains(&m.member_type)).collect();
    let runs = runs(&qualifying);
    let current = runs.iter().find(|(s, e)| *s <= day && e.is_none_or(|e| day <= e));
    let next = runs.iter().find(|(s, _)| *s > day);
    let continuous_since = current.map(|(s, _)| *s);
    let projected_run = current.or(next);
    let eligible_on_continuous = projected_run.map(|(s, _)| add_years(*s, rule.min_years));
    let threshold = rule.cumulative_days.unwrap_or(rule.min_years * 365) as i64;
    let mut cumulative_days = 0;
    let mut eligible_on_cumulative = None;
    let mut counted = 0i64;
    for (start, end) in &runs {
        let upto = end.map_or(day, |e| e.min(day));
        if *start <= upto {
            cumulative_days += (upto - *start).num_days() + 1;
        }
        if eligible_on_cumulative.is_none() {
            let length = end.map(|e| (e - *start).num_days() + 1);
            if length.is_none_or(|len| counted + len >= threshold) {
                eligible_on_cumulative = start.checked_add_days(Days::new((threshold - counted - 1).max(0) as u64));
            } else {
                counted += length.unwrap_or_default();
            }
        }
    }
    let mut lapses = Vec::new();
    for pair in runs.windows(2) {
        if let (Some(end), (next_start, _)) = (pair[0].1, pair[1])
            && next_start <= day
        {
            lapses.push(Lapse { from: next_day(end), to: Some(next_start.pred_opt().unwrap_or(next_start)) });
        }
    }
    if let Some((_, Some(end))) = runs.iter().rev().find(|(s, _)| *s <= day)
        && *end < day
    {
        lapses.push(Lapse { from: next_day(*end), to: None });
    }
    let duration_met = if rule.min_years == 0 {
        current.is_some()
    } else {
        match rule.continuity {
            Continuity::Continuous => current.is_some() && eligible_on_continuous.is_some_and(|d| d <= day),
            Continuity::Cumulative => current.is_some() && cumulative_days >= threshold,
        }
    };
    MembershipProgress {
        organisation: rule.organisation.clone(),
        active: !covering.is_empty(),
        current_type,
        type_allowed: allowed_now.is_some(),
        years_required: rule.min_years,
        continuous_since,
        eligible_on_continuous: if rule.min_years == 0 { continuous_since } else { eligible_on_continuous },
        eligible_on_cumulative: if rule.min_years == 0 { None } else { eligible_on_cumulative },
        cumulative_days,
        years_met: duration_met,
        met: duration_met && allowed_now.is_some(),
        lapses,
        reading: rule.continuity,
        reading_status: rule.continuity_status,
    }
}

pub(super) fn type_list(types: &[MemberType]) -> String {
    let labels: Vec<&str> = types.iter().map(|t| t.label()).collect();
    match labels.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

pub(super) fn membership_checks(rule: &MembershipRule, m: &MembershipProgress) -> Vec<Check> {
    let type_detail = match (m.active, m.current_type) {
        (false, _) | (_, None) => format!("not an active {} member on this day", rule.organisation),
        (true, Some(t)) => format!("{} member", t.label()),
    };
    let mut checks = vec![Check {
        id: "membership:type".into(),
        label: format!("Active {} member of a type that may certify ({})", rule.organisation, type_list(&rule.types)),
        met: m.type_allowed,
        status: rule.types_status,
        detail: type_detail,
    }];
    if rule.min_years > 0 {
        // Said as a fact, for the clerk and for a reviewer reading the packet alike; that the
        // rule leaves it open is in the notes.
        let reading_note = match (rule.continuity_status, rule.continuity) {
            (Status::Verified, _) => "",
            (_, Continuity::Continuous) => " (counted without a break, the stricter reading)",
            (_, Continuity::Cumulative) => " (periods added together)",
        };
        checks.push(Check {
            id: "membership:years".into(),
            label: format!("{} years of qualifying {} membership{reading_note}", rule.min_years, rule.organisation),
            met: m.years_met,
            status: rule.status,
            detail: match (m.continuous_since, m.eligible_on_continuous) {
                (Some(since), Some(on)) => format!("member since {since}; {} years reached on {on}", rule.min_years),
                (None, Some(on)) => format!("a qualifying period starts later; {} years reached on {on}", rule.min_years),
                _ => "no current qualifying membership".into(),
            },
        });
    }
    checks
}

pub(super) fn paperwork_check(p: &Portfolio, paper: &Paperwork, day: NaiveDate) -> Check {
    match paper.kind {
        PaperworkKind::Ethics => {
            let affirmed = p.profile.ethics_affirmed.filter(|d| *d <= day);
            Check {
                id: "ethics".into(),
                label: paper.label.clone(),
                met: affirmed.is_some(),
                status: paper.status,
                detail: affirmed.map_or_else(|| "no affirmation date recorded".into(), |d| format!("affirmed {d}")),
            }
        }
        PaperworkKind::EmploymentLetter => {
            let current: Vec<&Experience> = p
                .experience
                .iter()
                // A planned position is not held yet, whatever its date.
                .filter(|e| !e.planned && paper.position_categories.contains(&e.category))
                .filter(|e| e.start <= day && e.end.is_none_or(|end| end >= day))
                .collect();
            let without: Vec<String> =
                current.iter().filter(|e| e.letters.is_empty()).map(|e| position_name(e)).collect();
            let detail = if current.is_empty() {
                "no current position recorded".to_string()
            } else if without.is_empty() {
                format!("letter attached for {}", current.iter().map(|e| position_name(e)).collect::<Vec<_>>().join("; "))
            } else {
                format!("no letter for {}", without.join("; "))
            };
            Check {
                id: "employment-letter".into(),
                label: paper.label.clone(),
                met: !current.is_empty() && without.is_empty(),
                status: paper.status,
                detail,
            }
        }
    }
}

fn position_name(e: &Experience) -> String {
    if e.organisation.is_empty() { e.title.clone() } else { format!("{}, {}", e.title, e.organisation) }
}
