//! The rules applied: a pure function from (portfolio, program, day) to progress. No clock, no
//! I/O: the day is an argument, so every result is reproducible and testable. Records dated after
//! the day do not count yet; the date eligibility is reached is found by evaluating the same
//! function on the days where anything can change (record dates, membership boundaries,
//! anniversaries), so it can never disagree with the day-by-day answer.
//!
//! Planned records (registered for, not yet happened) never count as earned. They are reported
//! apart: the points they would add (`RequirementProgress::planned`) and the day eligibility
//! would be reached if they happen as planned (`Progress::projected_eligible_on`), both by the
//! same function on the portfolio with the planned records taken as done on their own dates.

mod eligibility;
mod membership;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;

use crate::model::*;
use crate::program::*;
use eligibility::{eligible_on, missing, notes, projection};
use membership::{membership_checks, membership_progress, paperwork_check};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Progress {
    pub program: String,
    pub program_name: String,
    pub authority: String,
    pub effective_from: NaiveDate,
    pub as_of: NaiveDate,
    pub requirements: Vec<RequirementProgress>,
    pub membership: Option<MembershipProgress>,
    /// Every rule of the program with pass/fail: the readiness checklist.
    pub checks: Vec<Check>,
    pub eligible: bool,
    pub eligible_on: Option<NaiveDate>,
    /// The day every requirement would be met if every planned record happens as planned (each
    /// counting from its own date); None when even with them it is not reached. Without planned
    /// records it is `eligible_on`. It never changes `eligible` or `eligible_on`.
    pub projected_eligible_on: Option<NaiveDate>,
    /// The latest cut-off date among the requirements (the MMC's: after the latest prior
    /// designation); None when no requirement has one.
    pub cutoff: Option<Cutoff>,
    /// For a program counted in cycles (the EPP): the cycle that contains `as_of`, the only one
    /// that counts. None for other programs.
    pub cycle: Option<Cycle>,
    /// Fees as the program's pages state them (the readiness checklist shows them as
    /// information); an amount no source states is None, never a guess.
    pub fees: Vec<Fee>,
    /// What is still missing, in plain words (`steps` has the same, with command-line hints).
    pub missing: Vec<String>,
    pub steps: Vec<Step>,
    /// Caveats: inferred and open values in play, and the program's own notes.
    pub notes: Vec<String>,
}

/// One thing still to do, in plain words, with the `clerkfolio` command that does it where there
/// is one: a window shows the words, the command line prints both.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Step {
    pub text: String,
    pub hint: Option<String>,
    /// The records it is about (`education:3`), for a window to link to them.
    pub records: Vec<String>,
}

impl Step {
    fn new(text: impl Into<String>) -> Step {
        Step { text: text.into(), hint: None, records: Vec::new() }
    }

    fn hint(mut self, command: impl Into<String>) -> Step {
        self.hint = Some(command.into());
        self
    }

    fn about(mut self, records: Vec<String>) -> Step {
        self.records = records;
        self
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RequirementProgress {
    pub id: String,
    pub label: String,
    pub earned: f64,
    pub required: f64,
    /// What `earned` and `required` count: points, or hours (the EPP).
    pub unit: Unit,
    /// The points the planned records would add once they have all happened, caps applied as
    /// if earned; never part of `earned`.
    pub planned: f64,
    pub met: bool,
    pub status: Status,
    /// Only material dated after this counts (None: no such rule for this requirement).
    pub cutoff: Option<Cutoff>,
    pub items: Vec<ItemProgress>,
    pub records: Vec<RecordPoints>,
}

/// The cut-off date of a requirement that takes only material dated after a prior designation
/// (the MMC: after the latest of the CMC, a CMC recertification or a prior level).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Cutoff {
    /// Material dated on or before this day does not count; None while no such designation is recorded.
    pub date: Option<NaiveDate>,
    /// The designation that sets it, as program files name it (`cmc`, `cmc-recert`).
    pub designation: Option<String>,
    /// In words: "points dated after 2024-05-02, your CMC recertification".
    pub reason: String,
    /// "CMC award", "CMC recertification": for the records it leaves out.
    #[serde(skip)]
    words: String,
}

impl Cutoff {
    fn of(requirement: &Requirement, designations: &[Designation], day: NaiveDate) -> Option<Cutoff> {
        let moving = requirement.cutoff_designations();
        if moving.is_empty() {
            return None;
        }
        Some(match requirement.cutoff(designations, day) {
            Some(d) => {
                let words = if d.recertification { d.describe() } else { format!("{} award", d.describe()) };
                Cutoff {
                    date: Some(d.awarded_on),
                    designation: Some(d.key()),
                    reason: format!("points dated after {}, your {words}", d.awarded_on),
                    words,
                }
            }
            None => Cutoff {
                date: None,
                designation: None,
                // The first listed is the award the others follow (a recertification needs a CMC).
                reason: format!("counts only once the {} is awarded (none recorded)", moving[0].to_uppercase()),
                words: String::new(),
            },
        })
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ItemProgress {
    pub id: String,
    pub label: String,
    /// Points counted after the cap.
    pub earned: f64,
    /// Points before the cap.
    pub uncapped: f64,
    pub max: Option<f64>,
    pub capped: bool,
    pub status: Status,
}

/// How a record's points came about.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// By a verified rate.
    Computed,
    /// By an inferred rate: an estimate, not IIMC's word.
    Estimate,
    /// By the rate the program's sponsors state (state-association institutes and academies:
    /// 2 contact hours = 1 point), not IIMC's own words.
    #[serde(rename = "sponsor-rate")]
    SponsorRate,
    /// Entered by the clerk (stated on the certificate) over a computed rate.
    Entered,
    /// Entered by the clerk where the program publishes no rate.
    Claimed,
    /// Nothing yet: the program publishes no rate and the clerk entered no points. Apart from
    /// `Claimed`, so nothing she did not claim is shown as claimed.
    #[serde(rename = "not-entered")]
    NotEntered,
    /// Does not count (see `excluded`).
    Excluded,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RecordPoints {
    pub record: RecordKind,
    pub id: i64,
    pub title: String,
    pub dated: NaiveDate,
    pub item: String,
    /// Before rounding and minimums (e.g. 1.625 for 6.5 hours at 4 h/point).
    pub raw: f64,
    /// After rounding and minimums, before the item's cap.
    pub points: f64,
    /// What actually counts, after the cap.
    pub counted: f64,
    pub basis: Basis,
    pub excluded: Option<String>,
    pub warnings: Vec<String>,
    /// A planned record: not counted (0) until it is marked done; `excluded` says so.
    pub planned: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MembershipProgress {
    pub organisation: String,
    pub active: bool,
    pub current_type: Option<MemberType>,
    pub type_allowed: bool,
    pub years_required: u32,
    /// Start of the current unbroken run of qualifying membership.
    pub continuous_since: Option<NaiveDate>,
    /// The conservative (continuous) reading: the run's start plus the years required.
    pub eligible_on_continuous: Option<NaiveDate>,
    /// If time is added up across lapses (the reading no source settles).
    pub eligible_on_cumulative: Option<NaiveDate>,
    pub cumulative_days: i64,
    /// The years are reached (whatever the type).
    pub years_met: bool,
    /// The years are reached and the current type may certify.
    pub met: bool,
    pub lapses: Vec<Lapse>,
    pub reading: Continuity,
    pub reading_status: Status,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Lapse {
    pub from: NaiveDate,
    /// None: still lapsed on the day of the report.
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Check {
    pub id: String,
    pub label: String,
    pub met: bool,
    pub status: Status,
    pub detail: String,
}

/// A year later on the same calendar day; 29 February becomes 1 March in common years (the
/// conservative choice: a right that needs "two years" is not reached a day early).
pub fn add_years(day: NaiveDate, years: u32) -> NaiveDate {
    let year = day.year() + years as i32;
    NaiveDate::from_ymd_opt(year, day.month(), day.day())
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(year, 3, 1).expect("1 March exists"))
}

fn next_day(day: NaiveDate) -> NaiveDate {
    day.checked_add_days(Days::new(1)).unwrap_or(day)
}

/// Completed months from `from` up to (not including) `until`.
fn whole_months(from: NaiveDate, until: NaiveDate) -> i64 {
    if until <= from {
        return 0;
    }
    let mut months = (until.year() - from.year()) as i64 * 12 + until.month() as i64 - from.month() as i64;
    if until.day() < from.day() {
        months -= 1;
    }
    months.max(0)
}


/// The sum of points. Rust sums an empty list of floats to -0.0, which JSON keeps and number
/// formatters show as "-0" ("-0 of 60" on a new dashboard): nothing earned is 0.
pub fn total(points: impl Iterator<Item = f64>) -> f64 {
    points.fold(0.0, |sum, p| sum + p)
}

/// A figure as every output writes it: at most three decimals, no trailing zeros, and never
/// "-0": a negative zero (or a tiny negative left by float arithmetic, such as 50 - 50.0000001)
/// is 0, the root of "-0 of 50 points".
pub fn fmt_points(value: f64) -> String {
    let rounded = (value * 1000.0).round() / 1000.0;
    if rounded == 0.0 {
        return "0".into();
    }
    if rounded.fract() == 0.0 { format!("{rounded:.0}") } else { format!("{rounded}") }
}

/// An education or experience record, seen the same way by the rules.
struct Entry<'a> {
    kind: RecordKind,
    id: i64,
    title: &'a str,
    category: &'a str,
    start: NaiveDate,
    end: Option<NaiveDate>,
    hours: f64,
    entered: Option<&'a EnteredPoints>,
    level: Option<Level>,
    assessment: bool,
    planned: bool,
    sponsor: Sponsor,
}

impl Entry<'_> {
    fn dated(&self) -> NaiveDate {
        self.end.unwrap_or(self.start)
    }
}

fn entries(p: &Portfolio) -> Vec<Entry<'_>> {
    let education = p.education.iter().map(|e| Entry {
        kind: RecordKind::Education,
        id: e.id,
        title: &e.title,
        category: &e.category,
        start: e.start,
        end: e.end,
        hours: e.hours,
        entered: e.entered.as_ref(),
        level: e.level,
        assessment: e.assessment,
        planned: e.planned,
        sponsor: e.sponsor,
    });
    let experience = p.experience.iter().map(|e| Entry {
        kind: RecordKind::Experience,
        id: e.id,
        title: &e.title,
        category: &e.category,
        start: e.start,
        end: e.end,
        hours: 0.0,
        entered: e.entered.as_ref(),
        level: None,
        assessment: false,
        planned: e.planned,
        sponsor: Sponsor::Unknown,
    });
    education.chain(experience).collect()
}

/// Progress on `as_of`, with the date eligibility is (or was) reached where it can be known.
pub fn progress(portfolio: &Portfolio, program: &Program, as_of: NaiveDate) -> Progress {
    let mut today = evaluate(portfolio, program, as_of);
    let eligible_on = eligible_on(portfolio, program, as_of, today.eligible);
    let projected = projection(portfolio, program, as_of, &today, eligible_on);
    for (requirement, planned) in today.requirements.iter_mut().zip(&projected.planned) {
        requirement.planned = *planned;
    }
    let steps = missing(portfolio, program, &today, eligible_on, &projected);
    let notes = notes(program, &today);
    let cutoff = today.requirements.iter().filter_map(|r| r.cutoff.clone()).max_by_key(|c| c.date);
    let cycle = program.cycle.as_ref().map(|rule| rule.containing(as_of));
    Progress {
        program: program.id.clone(),
        program_name: program.name.clone(),
        authority: program.authority.clone(),
        effective_from: program.effective_from,
        as_of,
        requirements: today.requirements,
        membership: today.membership,
        checks: today.checks,
        eligible: today.eligible,
        eligible_on,
        projected_eligible_on: projected.on,
        cutoff,
        cycle,
        fees: program.fees.clone(),
        missing: steps.iter().map(|s| s.text.clone()).collect(),
        steps,
        notes,
    }
}

struct Snapshot {
    requirements: Vec<RequirementProgress>,
    membership: Option<MembershipProgress>,
    checks: Vec<Check>,
    eligible: bool,
}

fn evaluate(p: &Portfolio, program: &Program, day: NaiveDate) -> Snapshot {
    let all = entries(p);
    let mut taken = vec![false; all.len()];
    let mut requirements = Vec::new();
    let cycle = program.cycle.as_ref().map(|rule| (rule, rule.containing(day)));
    for requirement in &program.requirements {
        requirements.push(requirement_progress(p, requirement, &all, &mut taken, day, cycle));
    }
    let membership = program.membership.as_ref().map(|rule| membership_progress(&p.memberships, rule, day));
    let mut checks: Vec<Check> = requirements
        .iter()
        .map(|r| Check {
            id: format!("points:{}", r.id),
            label: format!("{}: {} {}", r.label, fmt_points(r.required), r.unit.words(r.required)),
            met: r.met,
            status: program.requirements.iter().find(|q| q.id == r.id).map_or(Status::Verified, |q| q.status),
            detail: format!("{} of {} {}", fmt_points(r.earned), fmt_points(r.required), r.unit.words(r.required)),
        })
        .collect();
    if let (Some(rule), Some(m)) = (&program.membership, &membership) {
        checks.extend(membership_checks(rule, m));
    }
    for pre in &program.prerequisites {
        let held = p.designations.iter().filter(|d| d.program == pre.designation && d.awarded_on <= day).map(|d| d.awarded_on).min();
        checks.push(Check {
            id: format!("prerequisite:{}", pre.designation),
            label: pre.label.clone(),
            met: held.is_some(),
            status: pre.status,
            detail: held.map_or_else(
                || format!("no {} designation recorded", pre.designation.to_uppercase()),
                |d| format!("awarded {d}"),
            ),
        });
    }
    for paper in &program.paperwork {
        checks.push(paperwork_check(p, paper, day));
    }
    let eligible = checks.iter().all(|c| c.met);
    Snapshot { requirements, membership, checks, eligible }
}

fn requirement_progress(
    p: &Portfolio,
    requirement: &Requirement,
    all: &[Entry],
    taken: &mut [bool],
    day: NaiveDate,
    cycle: Option<(&CycleRule, Cycle)>,
) -> RequirementProgress {
    let cutoff = Cutoff::of(requirement, &p.designations, day);
    let window_start = cutoff.as_ref().map(|c| c.date);
    let mut items = Vec::new();
    let mut records = Vec::new();
    for item in &requirement.items {
        let mut mine: Vec<(usize, &Entry)> = all
            .iter()
            .enumerate()
            .filter(|(i, e)| !taken[*i] && takes(item, e))
            .collect();
        mine.sort_by_key(|(_, e)| (e.dated(), e.id));
        let mut counted_rows = Vec::new();
        for (i, entry) in &mine {
            taken[*i] = true;
            let used = used_for(&p.applications, requirement, entry);
            let mut row = record_points(entry, cutoff.as_ref(), requirement, item, window_start, day, used);
            if let Some(reason) = cycle.and_then(|(rule, c)| outside_cycle(rule, &c, entry.dated()))
                && row.basis != Basis::Excluded
            {
                row = RecordPoints { raw: 0.0, points: 0.0, basis: Basis::Excluded, excluded: Some(reason), warnings: Vec::new(), ..row };
            }
            counted_rows.push(row);
        }
        apply_pool(item, &mine, &mut counted_rows);
        let uncapped = total(counted_rows.iter().map(|r| r.points));
        let mut room = item.max.unwrap_or(f64::INFINITY);
        for row in &mut counted_rows {
            row.counted = row.points.min(room).max(0.0);
            room -= row.counted;
            if row.counted < row.points {
                row.warnings.push(format!(
                    "{} of {} points over the {} cap of {}",
                    fmt_points(row.points - row.counted),
                    fmt_points(row.points),
                    item.label,
                    fmt_points(item.max.unwrap_or_default())
                ));
            }
        }
        let earned = total(counted_rows.iter().map(|r| r.counted));
        items.push(ItemProgress {
            id: item.id.clone(),
            label: item.label.clone(),
            earned,
            uncapped,
            max: item.max,
            capped: earned < uncapped,
            status: item.status,
        });
        records.extend(counted_rows);
    }
    let earned = total(items.iter().map(|i| i.earned));
    RequirementProgress {
        id: requirement.id.clone(),
        label: requirement.label.clone(),
        earned,
        required: requirement.required,
        unit: requirement.unit,
        // Filled in by `progress`, which alone looks at the portfolio with the planned records done.
        planned: 0.0,
        met: earned + 1e-9 >= requirement.required,
        status: requirement.status,
        cutoff,
        items,
        records,
    }
}

/// Why a record is out of this requirement because an application used it: one for a
/// designation the requirement counts only after (the CMC, for the MMC), not returned. IIMC:
/// material used, even in part, for the CMC cannot count for the MMC. From the day it is
/// recorded, whatever day is evaluated: the same record never counts twice.
fn used_for(applications: &[Submitted], requirement: &Requirement, entry: &Entry) -> Option<String> {
    let moving = requirement.cutoff_designations();
    let a = applications
        .iter()
        .filter(|a| !a.returned && moving.contains(&a.program.as_str()))
        .find(|a| a.records.contains(&(entry.kind, entry.id)))?;
    Some(format!(
        "used in {}: material used for the {} cannot count again",
        crate::application::describe(&a.program, a.submitted_on),
        a.program.to_uppercase()
    ))
}

/// Why a record dated `dated` does not count in `cycle`, if it does not: it belongs to an earlier
/// cycle (hours do not carry over) or precedes the first.
fn outside_cycle(rule: &CycleRule, cycle: &Cycle, dated: NaiveDate) -> Option<String> {
    if dated >= cycle.counts_from {
        return None;
    }
    let own = rule.containing(dated);
    Some(if dated < own.start {
        format!("dated {dated}, before the first cycle began on {}", own.start)
    } else {
        format!(
            "dated {dated}, in the cycle {} to {}: hours do not carry over to the cycle {} to {}",
            own.start, own.end, cycle.start, cycle.end
        )
    })
}

/// Does this item take the record: its kind, one of its categories, and (where the item names
/// sponsors) one of its sponsors.
fn takes(item: &ItemType, e: &Entry) -> bool {
    e.kind == item.record
        && item.categories.iter().any(|c| c == e.category)
        && (item.sponsors.is_empty() || item.sponsors.contains(&e.sponsor))
}

fn basis_for(item: &ItemType) -> Basis {
    match (item.rate, item.status) {
        (Rate::Claimed, _) | (_, Status::Open) => Basis::Claimed,
        (_, Status::Inferred) => Basis::Estimate,
        (_, Status::Sponsor) => Basis::SponsorRate,
        (_, Status::Verified) => Basis::Computed,
    }
}

fn record_points(
    entry: &Entry,
    cutoff: Option<&Cutoff>,
    requirement: &Requirement,
    item: &ItemType,
    window: Option<Option<NaiveDate>>,
    day: NaiveDate,
    used: Option<String>,
) -> RecordPoints {
    let mut row = RecordPoints {
        record: entry.kind,
        id: entry.id,
        title: entry.title.to_string(),
        dated: entry.dated(),
        item: item.id.clone(),
        raw: 0.0,
        points: 0.0,
        counted: 0.0,
        basis: basis_for(item),
        excluded: None,
        warnings: Vec::new(),
        planned: entry.planned,
    };
    let per_year = matches!(item.rate, Rate::PerYear { .. });
    let exclusion = if entry.planned {
        Some(format!("planned for {}: counts once it has happened and is marked done", entry.dated()))
    } else if (per_year && entry.start > day) || (!per_year && entry.dated() > day) {
        Some(format!("dated {}, after {day}: it counts from that date", if per_year { entry.start } else { entry.dated() }))
    } else if used.is_some() {
        used
    } else {
        match window {
            Some(None) => cutoff.map(|c| c.reason.clone()),
            Some(Some(award)) if entry.dated() <= award => Some(format!(
                "dated {}, not after the {} on {award}: only later material counts",
                entry.dated(),
                cutoff.map_or("", |c| c.words.as_str()),
            )),
            _ => None,
        }
    };
    let exclusion = exclusion.or_else(|| {
        if requirement.levels.is_empty() || entry.kind != RecordKind::Education {
            return None;
        }
        let allowed = requirement.levels.iter().map(|l| l.id()).collect::<Vec<_>>().join(" or ");
        match entry.level {
            None => Some(format!("level not recorded: only {allowed} sessions count")),
            Some(level) if !requirement.levels.contains(&level) => {
                Some(format!("{} level: only {allowed} sessions count", level.id()))
            }
            _ => None,
        }
    });
    if let Some(reason) = exclusion {
        row.basis = Basis::Excluded;
        row.excluded = Some(reason);
        return row;
    }
    if let Some(entered) = entry.entered {
        row.raw = entered.points;
        row.points = entered.points;
        row.basis = if item.rate == Rate::Claimed { Basis::Claimed } else { Basis::Entered };
        return row;
    }
    if item.needs_assessment && !entry.assessment {
        row.warnings.push("no learning assessment recorded: the program requires one (learning assessment required), so no points".into());
        return row;
    }
    match item.rate {
        Rate::Claimed => {
            row.basis = Basis::NotEntered;
            row.warnings.push("the program publishes no schedule for this category: enter the points you were awarded or claim".into());
        }
        Rate::Flat { points } | Rate::PerEvent { points } => {
            row.raw = points;
            row.points = points;
        }
        Rate::PerYear { points, count } => {
            let from = match window {
                Some(Some(award)) => entry.start.max(next_day(award)),
                _ => entry.start,
            };
            let until = next_day(entry.end.map_or(day, |end| end.min(day)));
            let months = whole_months(from, until);
            let years = match count {
                YearCount::WholeYears => (months / 12) as f64,
                YearCount::WholeMonths => months as f64 / 12.0,
            };
            row.raw = points * months as f64 / 12.0;
            row.points = points * years;
        }
        Rate::PerHours { hours, points, rounding, pool: false } => {
            row.raw = entry.hours / hours * points;
            if item.min_hours.is_some_and(|min| entry.hours + 1e-9 < min) {
                row.warnings.push(format!(
                    "{} hours is below the {}-hour minimum: no points",
                    fmt_points(entry.hours),
                    fmt_points(item.min_hours.unwrap_or_default())
                ));
            } else {
                let rounded = rounding.apply(row.raw);
                if item.min_points.is_some_and(|min| rounded + 1e-9 < min) {
                    row.warnings.push(format!(
                        "below the {}-point minimum: no points",
                        fmt_points(item.min_points.unwrap_or_default())
                    ));
                } else {
                    row.points = rounded;
                }
            }
        }
        // Pooled rates depend on the other records: see `apply_pool`.
        Rate::PerHours { pool: true, .. } | Rate::Threshold { .. } => {}
    }
    row
}

/// For rates over the hours of all records together, each record gets the points its hours
/// added to the running total, so the ledger adds up to the item's total.
fn apply_pool(item: &ItemType, entries: &[(usize, &Entry)], rows: &mut [RecordPoints]) {
    let total_points = |hours_so_far: f64| -> f64 {
        match item.rate {
            Rate::PerHours { hours, points, rounding, pool: true } => rounding.apply(hours_so_far / hours * points),
            Rate::Threshold { hours, points } => {
                if hours_so_far + 1e-9 >= hours { points } else { 0.0 }
            }
            _ => f64::NAN,
        }
    };
    if total_points(0.0).is_nan() {
        return;
    }
    let mut so_far = 0.0;
    for ((_, entry), row) in entries.iter().zip(rows.iter_mut()) {
        if row.basis == Basis::Excluded || row.basis == Basis::Entered || !row.warnings.is_empty() {
            continue;
        }
        let before = total_points(so_far);
        so_far += entry.hours;
        row.raw = entry.hours;
        row.points = total_points(so_far) - before;
        if row.points == 0.0 {
            row.warnings.push(format!("{} hours so far toward this item: points come with the hours", fmt_points(so_far)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{fmt_points, total};

    /// The root of "-0 of 50 points": every figure any output prints goes through `fmt_points`.
    #[test]
    fn a_zero_is_never_printed_negative() {
        assert_eq!(fmt_points(-0.0), "0");
        assert_eq!(fmt_points(50.0 - 50.000_000_1), "0", "a tiny negative from float arithmetic");
        assert_eq!(fmt_points(-0.0004), "0");
        assert_eq!(fmt_points(-1.5), "-1.5", "a real negative stays one");
        assert_eq!((fmt_points(61.5), fmt_points(60.0), fmt_points(1.625)), ("61.5".into(), "60".into(), "1.625".into()));
        assert_eq!(fmt_points(total(std::iter::empty())), "0");
        assert!(total(std::iter::empty()).is_sign_positive());
    }
}
