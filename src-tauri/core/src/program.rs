//! Certification programs as data. Each program is a TOML file (four are compiled in: CMC, MMC,
//! the Education PLUS Program and Minnesota's CMC; a clerk may add or adjust one in
//! `<data folder>/programs/`), versioned by effective date. Every value
//! carries a `status` — verified (a source says so), inferred (we derived it) or open (no source
//! settles it; the clerk supplies the number) — which travels with the numbers to every screen,
//! so an inferred value is never presented as IIMC's word.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{Designation, Level, MemberType, RecordKind, Sponsor};

const BUILT_IN: &[(&str, &str)] = &[
    ("cmc.toml", include_str!("../programs/cmc.toml")),
    ("mmc.toml", include_str!("../programs/mmc.toml")),
    ("epp.toml", include_str!("../programs/epp.toml")),
    ("mn-cmc.toml", include_str!("../programs/mn-cmc.toml")),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Verified,
    Inferred,
    Open,
    /// Stated by the programs' own sponsors (institutes and academies), not in IIMC's words: a
    /// sourced rate, neither IIMC's word nor our estimate.
    Sponsor,
}

impl Status {
    pub fn id(self) -> &'static str {
        match self {
            Status::Verified => "verified",
            Status::Inferred => "inferred",
            Status::Open => "open",
            Status::Sponsor => "sponsor",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Program {
    /// Stable, lower-case id (`cmc`, `mmc`, `mn-cmc`).
    pub id: String,
    pub name: String,
    pub authority: String,
    pub effective_from: NaiveDate,
    pub source: String,
    #[serde(default)]
    pub notes: Vec<String>,
    /// Category ids and labels per record kind; items may only use declared categories.
    pub categories: Categories,
    pub membership: Option<MembershipRule>,
    #[serde(default)]
    pub prerequisites: Vec<Prerequisite>,
    #[serde(default)]
    pub paperwork: Vec<Paperwork>,
    pub requirements: Vec<Requirement>,
    /// A program counted in repeating cycles (the EPP: 30 hours per two-year cycle): only the
    /// cycle that contains the day counts, and nothing carries over.
    #[serde(default)]
    pub cycle: Option<CycleRule>,
    /// Fees as the program's own pages state them: information for the readiness checklist,
    /// never a condition.
    #[serde(default)]
    pub fees: Vec<Fee>,
    /// Where this definition came from ("built in" or the rules file); not part of the file.
    #[serde(skip_deserializing, default)]
    pub origin: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Categories {
    #[serde(default)]
    pub education: BTreeMap<String, String>,
    #[serde(default)]
    pub experience: BTreeMap<String, String>,
}

impl Categories {
    pub fn of(&self, kind: RecordKind) -> &BTreeMap<String, String> {
        match kind {
            RecordKind::Education => &self.education,
            RecordKind::Experience => &self.experience,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Continuity {
    /// The current unbroken run of membership must span the whole period (the conservative reading).
    Continuous,
    /// Days of membership are added up across lapses.
    Cumulative,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MembershipRule {
    /// Whose membership counts ("IIMC", or a state association).
    pub organisation: String,
    /// Types that may certify and whose time counts.
    pub types: Vec<MemberType>,
    pub types_status: Status,
    /// Years of membership required; 0 means "an active member on the day".
    pub min_years: u32,
    pub status: Status,
    pub continuity: Continuity,
    pub continuity_status: Status,
    /// For the cumulative reading: days that make up `min_years` (730 for two years).
    #[serde(default)]
    pub cumulative_days: Option<u32>,
    pub source: String,
}

/// Repeating cycles: the first one's dates, shifted by `every_years` for each later one. Cycles
/// may overlap (IIMC's EPP: 1 July of an odd year to 31 July two years later, so July of an odd
/// year lies in two): a day, and a record dated on it, belongs to the earliest cycle that has not
/// ended, so no hour is counted twice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CycleRule {
    pub first_start: NaiveDate,
    pub first_end: NaiveDate,
    pub every_years: u32,
    /// The first cycle's last day of enrolment (enrolment opens on its first day).
    pub enrolment_end: NaiveDate,
    pub status: Status,
    pub source: String,
    /// How a day in two cycles is assigned: the reading Clerkfolio takes, with its standing.
    pub overlap: String,
    pub overlap_status: Status,
}

/// One cycle of a `CycleRule`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Cycle {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The first day whose records count in this cycle: the day after the previous cycle ends
    /// when they overlap (those days belong to the cycle that ends then), else `start`.
    pub counts_from: NaiveDate,
    /// Enrolment runs from `start` to this day.
    pub enrolment_end: NaiveDate,
}

impl CycleRule {
    /// Cycle `n` (0: the first).
    pub fn nth(&self, n: u32) -> Cycle {
        let shift = |d: NaiveDate, n: u32| crate::rules::add_years(d, n * self.every_years);
        let start = shift(self.first_start, n);
        let counts_from = if n == 0 {
            start
        } else {
            let previous_end = shift(self.first_end, n - 1);
            previous_end.succ_opt().unwrap_or(previous_end).max(start)
        };
        Cycle { start, end: shift(self.first_end, n), counts_from, enrolment_end: shift(self.enrolment_end, n) }
    }

    /// The cycle `day` belongs to: the earliest that has not ended on `day` (the first cycle for
    /// a day before it).
    pub fn containing(&self, day: NaiveDate) -> Cycle {
        let years = u32::try_from(day.year() - self.first_start.year()).unwrap_or(0);
        let mut n = (years / self.every_years.max(1)).saturating_sub(1);
        while self.nth(n).end < day {
            n += 1;
        }
        self.nth(n)
    }

    /// The cycle after `cycle`.
    pub fn next(&self, cycle: &Cycle) -> Cycle {
        self.containing(cycle.end.succ_opt().unwrap_or(cycle.end))
    }
}

/// A fee as the program's page states it. `amount` is quoted as the page writes it ("$400.00");
/// None where no source states it, so no number is ever made up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    pub label: String,
    #[serde(default)]
    pub amount: Option<String>,
    #[serde(default)]
    pub optional: bool,
    pub status: Status,
    pub source: String,
}

/// What a requirement counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    #[default]
    Points,
    /// Contact hours (the EPP).
    Hours,
}

impl Unit {
    /// "points", "hours" (and "point", "hour" for exactly one).
    pub fn words(self, value: f64) -> &'static str {
        let one = (value - 1.0).abs() < 1e-9;
        match (self, one) {
            (Unit::Points, false) => "points",
            (Unit::Points, true) => "point",
            (Unit::Hours, false) => "hours",
            (Unit::Hours, true) => "hour",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prerequisite {
    /// A designation that must be held (e.g. `cmc` for the MMC).
    pub designation: String,
    pub label: String,
    pub status: Status,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paperwork {
    pub kind: PaperworkKind,
    pub label: String,
    pub status: Status,
    pub source: String,
    /// For employment letters: the experience categories that are positions held.
    #[serde(default)]
    pub position_categories: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PaperworkKind {
    /// The date the IIMC Code of Ethics was affirmed is recorded.
    Ethics,
    /// Every current position has an employment verification letter attached.
    EmploymentLetter,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    pub id: String,
    pub label: String,
    pub required: f64,
    /// What `required` counts: points (the default) or hours.
    #[serde(default)]
    pub unit: Unit,
    pub status: Status,
    pub source: String,
    /// Only records at these levels count (education); empty means any level.
    #[serde(default)]
    pub levels: Vec<Level>,
    /// Only material dated strictly after this designation was awarded counts (the older key,
    /// still read: the same as a one-entry `after_designations`).
    #[serde(default)]
    pub after_designation: Option<String>,
    /// Only material dated strictly after the latest of these designations counts: ids as
    /// `Designation::key` gives them (`cmc`, `cmc-recert`, `mmc`).
    #[serde(default)]
    pub after_designations: Vec<String>,
    pub items: Vec<ItemType>,
}

impl Requirement {
    /// The designations that move this requirement's cut-off date, from either key.
    pub fn cutoff_designations(&self) -> Vec<&str> {
        self.after_designation.iter().chain(&self.after_designations).map(String::as_str).collect()
    }

    /// The latest designation held on `day` that moves the cut-off: only material dated after
    /// it counts. None when the requirement has no cut-off or none of them is recorded yet.
    pub fn cutoff<'a>(&self, designations: &'a [Designation], day: chrono::NaiveDate) -> Option<&'a Designation> {
        let moving = self.cutoff_designations();
        designations
            .iter()
            .filter(|d| d.awarded_on <= day && moving.contains(&d.key().as_str()))
            .max_by_key(|d| (d.awarded_on, d.id))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemType {
    pub id: String,
    pub label: String,
    /// Which records this item takes.
    pub record: RecordKind,
    pub categories: Vec<String>,
    /// Only education records from these sponsors (empty: any sponsor).
    #[serde(default)]
    pub sponsors: Vec<Sponsor>,
    pub rate: Rate,
    /// Most points this item type can contribute in total.
    #[serde(default)]
    pub max: Option<f64>,
    #[serde(default)]
    pub needs_assessment: bool,
    #[serde(default)]
    pub min_hours: Option<f64>,
    #[serde(default)]
    pub min_points: Option<f64>,
    pub status: Status,
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Rate {
    /// Points once per record (a degree).
    Flat { points: f64 },
    /// Points per record attended (a conference).
    PerEvent { points: f64 },
    /// Points per year of service, counted as stated.
    PerYear { points: f64, count: YearCount },
    /// `points` per `hours` contact hours, rounded; `pool` adds up hours across records first.
    PerHours {
        hours: f64,
        #[serde(default = "one")]
        points: f64,
        rounding: Rounding,
        #[serde(default)]
        pool: bool,
    },
    /// `points` once the records of this type add up to `hours` (a completed institute).
    Threshold { hours: f64, points: f64 },
    /// No published schedule: the clerk enters the points awarded or claimed.
    Claimed,
}

fn one() -> f64 {
    1.0
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum YearCount {
    /// Only completed years count (5 years 11 months = 5).
    WholeYears,
    /// Completed months count as twelfths of a year.
    WholeMonths,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Fractions kept.
    None,
    /// Down to a whole point ("1 per full 10 hours").
    Floor,
    /// Down to a multiple of 0.5.
    FloorHalf,
}

impl Rounding {
    pub fn apply(self, raw: f64) -> f64 {
        // The epsilon keeps 119.99999 (from 0.1-hour arithmetic) from losing a point.
        match self {
            Rounding::None => raw,
            Rounding::Floor => (raw + 1e-9).floor(),
            Rounding::FloorHalf => ((raw * 2.0) + 1e-9).floor() / 2.0,
        }
    }
}

impl Program {
    pub fn parse(text: &str, origin: &str) -> Result<Program> {
        let mut program: Program =
            toml::from_str(text).map_err(|e| Error::Rules(format!("rules file {origin}: {}", one_line(&e.to_string()))))?;
        program.origin = origin.to_string();
        program.validate().map_err(|problem| Error::Rules(format!("rules file {origin}: {problem}")))?;
        Ok(program)
    }

    fn validate(&self) -> std::result::Result<(), String> {
        check_id(&self.id, "program id")?;
        if self.requirements.is_empty() {
            return Err("a program needs at least one [[requirements]] entry".into());
        }
        for (kind, cats) in [("education", &self.categories.education), ("experience", &self.categories.experience)] {
            for id in cats.keys() {
                check_id(id, &format!("{kind} category"))?;
            }
        }
        if let Some(m) = &self.membership {
            if m.types.is_empty() {
                return Err("membership.types must list at least one membership type".into());
            }
            if m.continuity == Continuity::Cumulative && m.cumulative_days.is_none() && m.min_years > 0 {
                return Err("membership.cumulative_days is needed when continuity = \"cumulative\"".into());
            }
        }
        let mut requirement_ids = Vec::new();
        for r in &self.requirements {
            check_id(&r.id, "requirement id")?;
            if requirement_ids.contains(&&r.id) {
                return Err(format!("requirement '{}' is defined twice", r.id));
            }
            requirement_ids.push(&r.id);
            positive(r.required, &format!("requirement '{}': required", r.id))?;
            if r.items.is_empty() {
                return Err(format!("requirement '{}' has no items", r.id));
            }
            for d in r.cutoff_designations() {
                check_id(d, &format!("requirement '{}': after_designations entry", r.id))?;
            }
            for item in &r.items {
                let at = format!("requirement '{}', item '{}'", r.id, item.id);
                check_id(&item.id, "item id")?;
                if item.categories.is_empty() {
                    return Err(format!("{at}: categories is empty"));
                }
                for c in &item.categories {
                    if !self.categories.of(item.record).contains_key(c) {
                        return Err(format!(
                            "{at}: category '{c}' is not declared under [categories.{}]",
                            item.record.id()
                        ));
                    }
                }
                if !item.sponsors.is_empty() && item.record != RecordKind::Education {
                    return Err(format!("{at}: sponsors applies to education items only"));
                }
                if let Some(max) = item.max {
                    positive(max, &format!("{at}: max"))?;
                }
                match item.rate {
                    Rate::Flat { points } | Rate::PerEvent { points } | Rate::PerYear { points, .. } => {
                        positive(points, &format!("{at}: rate.points"))?
                    }
                    Rate::PerHours { hours, points, .. } | Rate::Threshold { hours, points } => {
                        positive(hours, &format!("{at}: rate.hours"))?;
                        positive(points, &format!("{at}: rate.points"))?;
                    }
                    Rate::Claimed => {}
                }
            }
        }
        if let Some(c) = &self.cycle {
            if c.every_years == 0 {
                return Err("cycle.every_years must be at least 1".into());
            }
            if c.first_end < c.first_start {
                return Err("cycle.first_end must not be before cycle.first_start".into());
            }
            if c.enrolment_end < c.first_start || c.enrolment_end > c.first_end {
                return Err("cycle.enrolment_end must lie within the first cycle".into());
            }
            if crate::rules::add_years(c.first_start, c.every_years) > c.first_end.succ_opt().unwrap_or(c.first_end) {
                return Err("cycles must follow each other without a gap (first_end at least every_years after first_start)".into());
            }
        }
        for p in &self.paperwork {
            if p.kind == PaperworkKind::EmploymentLetter && p.position_categories.is_empty() {
                return Err("an employment-letter paperwork rule needs position_categories".into());
            }
        }
        Ok(())
    }

    /// Every category id this program knows for a record kind, with its label.
    pub fn categories(&self, kind: RecordKind) -> &BTreeMap<String, String> {
        self.categories.of(kind)
    }
}

fn one_line(text: &str) -> String {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && *l != "|").collect::<Vec<_>>().join(" ")
}

fn check_id(id: &str, what: &str) -> std::result::Result<(), String> {
    let ok = !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-');
    if ok { Ok(()) } else { Err(format!("{what} '{id}' must be lower-case letters, digits and dashes")) }
}

fn positive(value: f64, what: &str) -> std::result::Result<(), String> {
    if value.is_finite() && value > 0.0 { Ok(()) } else { Err(format!("{what} must be a number above 0 (got {value})")) }
}

/// All programs known to this data folder: built in, plus the clerk's own rules files.
#[derive(Debug, Clone)]
pub struct Programs {
    versions: Vec<Program>,
}

impl Programs {
    pub fn built_in() -> Programs {
        let versions = BUILT_IN
            .iter()
            .map(|(name, text)| {
                let mut p = Program::parse(text, name).expect("built-in programs are valid (tested)");
                p.origin = "built in".into();
                p
            })
            .collect();
        Programs { versions }
    }

    /// Built-in programs plus every `*.toml` in `dir`. A clerk's file with the same id and
    /// effective date as a built-in one replaces it; a later effective date adds a version.
    pub fn load(dir: &Path) -> Result<Programs> {
        let mut programs = Programs::built_in();
        let Ok(entries) = std::fs::read_dir(dir) else { return Ok(programs) };
        let mut files: Vec<_> = entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "toml")).collect();
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file).map_err(|e| Error::io(format!("cannot read rules file {}", file.display()), e))?;
            let program = Program::parse(&text, &file.display().to_string())?;
            programs.versions.retain(|p| !(p.id == program.id && p.effective_from == program.effective_from));
            programs.versions.push(program);
        }
        Ok(programs)
    }

    /// The version of `id` in force on `day` (the earliest version if `day` precedes them all).
    pub fn get(&self, id: &str, day: NaiveDate) -> Result<&Program> {
        let mut versions: Vec<&Program> = self.versions.iter().filter(|p| p.id == id).collect();
        versions.sort_by_key(|p| p.effective_from);
        let in_force = versions.iter().rev().find(|p| p.effective_from <= day).or(versions.first());
        in_force.copied().ok_or_else(|| {
            Error::NotFound(format!("unknown program '{id}': known programs are {}", self.ids().join(", ")))
        })
    }

    /// Program ids, each once, in a stable order.
    pub fn ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.versions.iter().map(|p| p.id.clone()).collect();
        ids.sort();
        ids.dedup();
        ids
    }

    pub fn versions(&self) -> &[Program] {
        &self.versions
    }

    /// Is `category` known for this record kind to any program? Returns the known ones if not.
    pub fn check_category(&self, kind: RecordKind, category: &str) -> Result<()> {
        if self.versions.iter().any(|p| p.categories(kind).contains_key(category)) {
            return Ok(());
        }
        let mut known: Vec<&str> =
            self.versions.iter().flat_map(|p| p.categories(kind).keys().map(String::as_str)).collect();
        known.sort();
        known.dedup();
        Err(Error::Invalid(format!("unknown {} category '{category}': use one of {}", kind.id(), known.join(", ")))
            .hint("see `clerkfolio programs show cmc`"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_programs_parse_and_validate() {
        let programs = Programs::built_in();
        assert_eq!(programs.ids(), ["cmc", "epp", "mmc", "mn-cmc"]);
        let cmc = programs.get("cmc", NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap();
        for c in ["institute", "association", "course", "conference", "webinar", "degree"] {
            assert!(cmc.categories(RecordKind::Education).contains_key(c), "cmc education lacks {c}");
        }
        for c in ["service", "conference", "association", "committee", "teaching", "other"] {
            assert!(cmc.categories(RecordKind::Experience).contains_key(c), "cmc experience lacks {c}");
        }
    }

    #[test]
    fn bad_rules_files_name_the_problem() {
        let err = Program::parse("id = \"x\"\nname = 3\n", "mine.toml").unwrap_err().to_string();
        assert!(err.starts_with("rules file mine.toml:"), "{err}");
        let text = include_str!("../programs/cmc.toml").replace("required = 60", "required = -60");
        let err = Program::parse(&text, "mine.toml").unwrap_err().to_string();
        assert!(err.contains("required must be a number above 0"), "{err}");
        let text = include_str!("../programs/cmc.toml").replacen("categories = [\"association\"]", "categories = [\"nope\"]", 1);
        let err = Program::parse(&text, "mine.toml").unwrap_err().to_string();
        assert!(err.contains("category 'nope' is not declared"), "{err}");
    }

    /// IIMC's EPP: "JULY 1, 2023 - JULY 31, 2025", the next cycle from 2025. July of an odd year
    /// lies in two cycles; it belongs to the one ending then.
    #[test]
    fn epp_cycles_overlap_in_july_and_a_day_belongs_to_the_cycle_ending_then() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let epp = Programs::built_in();
        let rule = epp.get("epp", day("2026-01-01")).unwrap().cycle.clone().unwrap();
        let first = rule.containing(day("2024-01-01"));
        assert_eq!((first.start, first.end, first.counts_from, first.enrolment_end), (day("2023-07-01"), day("2025-07-31"), day("2023-07-01"), day("2023-07-31")));
        assert_eq!(rule.containing(day("2020-05-05")), first, "before the first cycle: the first");
        assert_eq!(rule.containing(day("2025-07-15")), first, "July 2025 is the first cycle's last month");
        let second = rule.containing(day("2025-08-01"));
        assert_eq!((second.start, second.end, second.counts_from, second.enrolment_end), (day("2025-07-01"), day("2027-07-31"), day("2025-08-01"), day("2025-07-31")));
        assert_eq!(rule.next(&first), second);
        assert_eq!(rule.containing(day("2027-07-31")), second);
        assert_eq!(rule.containing(day("2031-12-31")).start, day("2031-07-01"));
    }

    #[test]
    fn rounding_rules() {
        assert_eq!(Rounding::FloorHalf.apply(1.625), 1.5);
        assert_eq!(Rounding::Floor.apply(2.5), 2.0);
        assert_eq!(Rounding::None.apply(2.5), 2.5);
        assert_eq!(Rounding::Floor.apply(11.999_999_999_9), 12.0);
    }
}
