//! Reminders: a pure function from (portfolio, programs, the clerk's own reminders and choices,
//! day) to the dates a clerk should not miss. No clock, no I/O: the day is an argument, so the
//! same inputs always give the same reminders and every case is testable with fixed dates.
//!
//! Each reminder is one *occurrence*: a yearly one (a membership anniversary) is listed at its
//! next date on or after the day, and its id ends with that year ("anniversary:membership:3:2027"),
//! so dismissing it dismisses that year only. Its `series` ("anniversary:membership:3") names every
//! year at once: a lead time chosen for it holds each year, and the calendar export uses it as the
//! event's UID. 29 February recurs on 1 March in common years (`rules::add_years`), the choice the
//! rules make for the two-year date too, so a reminder never falls before the date it stands for.
//!
//! Two sorts: dated reminders (anniversaries, dues, the two-year date, eligibility, the clerk's
//! own) show from `lead_days` before their date until the date and are gone after it; follow-ups
//! (a missing certificate or employment letter, a lapsed membership) are `actionable`: due when
//! the problem arises (lead 0 unless chosen), they stay, overdue, until it is fixed or dismissed.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use crate::model::*;
use crate::program::{Continuity, MembershipRule, PaperworkKind, Program, Programs, Status};
use crate::rules::{self, MembershipProgress, Progress, add_years};

pub const DEFAULT_LEAD_DAYS: u32 = 30;
pub const DEFAULT_CERTIFICATE_DAYS: u32 = 30;
/// Longest lead time or certificate delay accepted: a year ahead is the most a yearly reminder can use.
pub const MAX_DAYS: u32 = 365;

/// The clerk's reminder settings (one row in the database).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Settings {
    /// Days before a dated reminder that it starts to show.
    pub lead_days: u32,
    /// Days after a course ends before a missing certificate is asked for.
    pub certificate_days: u32,
    /// Keeps exported calendar UIDs unique to this portfolio (not part of the JSON contract).
    /// Made at random by migration 002; the default here only serves portfolios built in tests.
    #[serde(skip)]
    pub calendar_token: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lead_days: DEFAULT_LEAD_DAYS,
            certificate_days: DEFAULT_CERTIFICATE_DAYS,
            calendar_token: "0000000000000000".into(),
        }
    }
}

/// A reminder the clerk wrote: a state's recurring training, an institute's dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OwnReminder {
    pub id: i64,
    pub title: String,
    pub date: NaiveDate,
    pub yearly: bool,
    pub notes: String,
    /// None: the default lead time.
    pub lead_days: Option<u32>,
}

/// What the clerk chose about computed reminders: dismissed occurrences (id → the due date
/// dismissed), snoozes (id → the first day it shows again) and lead times per series.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    pub dismissed: BTreeMap<String, NaiveDate>,
    pub snoozed: BTreeMap<String, NaiveDate>,
    pub leads: BTreeMap<String, u32>,
}

/// Everything about reminders that the database keeps, read together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stored {
    pub settings: Settings,
    pub own: Vec<OwnReminder>,
    pub marks: Marks,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Yearly, for every ongoing membership period: also its dues renewal (no paid-through date).
    MembershipAnniversary,
    /// A period's paid-through date, when nothing recorded continues it.
    DuesRenewal,
    /// The day the years of qualifying membership a program needs are reached.
    MembershipYears,
    /// Qualifying membership has lapsed (follow-up).
    MembershipLapse,
    /// The day every requirement of the program being worked toward is expected to be met.
    Eligibility,
    /// A course ended `certificate_days` ago with no evidence attached (follow-up).
    MissingCertificate,
    /// A current position without its employment verification letter (follow-up).
    MissingLetter,
    /// A planned record whose date has passed: did it happen? (follow-up: until it is marked done
    /// it does not count).
    PlannedDone,
    /// Yearly from the CMC award, while the MMC is being worked toward.
    CmcAnniversary,
    /// The last day of enrolment in an EPP cycle (July of its first year), for a clerk holding the MMC.
    EppEnrolment,
    /// The end of the current EPP cycle while its hours are short.
    EppCycleEnd,
    /// The clerk's own reminder.
    Own,
}

impl Kind {
    pub fn id(self) -> &'static str {
        match self {
            Kind::MembershipAnniversary => "membership-anniversary",
            Kind::DuesRenewal => "dues-renewal",
            Kind::MembershipYears => "membership-years",
            Kind::MembershipLapse => "membership-lapse",
            Kind::Eligibility => "eligibility",
            Kind::MissingCertificate => "missing-certificate",
            Kind::MissingLetter => "missing-letter",
            Kind::PlannedDone => "planned-done",
            Kind::CmcAnniversary => "cmc-anniversary",
            Kind::EppEnrolment => "epp-enrolment",
            Kind::EppCycleEnd => "epp-cycle-end",
            Kind::Own => "own",
        }
    }

    /// Follow-ups are due when a problem arises and stay until it is fixed.
    pub fn is_follow_up(self) -> bool {
        matches!(self, Kind::MembershipLapse | Kind::MissingCertificate | Kind::MissingLetter | Kind::PlannedDone)
    }
}

/// The desktop screen that deals with a reminder (the notification's click opens it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Screen {
    Dashboard,
    Membership,
    Education,
    Experience,
    Evidence,
}

impl Screen {
    pub fn id(self) -> &'static str {
        match self {
            Screen::Dashboard => "dashboard",
            Screen::Membership => "membership",
            Screen::Education => "education",
            Screen::Experience => "experience",
            Screen::Evidence => "evidence",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reminder {
    /// Stable id of this occurrence (`anniversary:membership:3:2027`, `letter:experience:5`).
    pub id: String,
    /// Every occurrence of a yearly reminder shares it; a one-off's series is its id.
    pub series: String,
    pub kind: Kind,
    pub title: String,
    pub due: NaiveDate,
    pub lead_days: u32,
    /// `due - lead_days`: the first day it shows.
    pub shows_from: NaiveDate,
    /// What it means and what to do, in plain words.
    pub detail: String,
    /// The `clerkfolio` command that does it, for the command line (a window has its own way).
    pub hint: Option<String>,
    pub screen: Screen,
    /// The record it is about (`membership:3`, `education:12`, `reminder:4`), if any.
    pub record: Option<String>,
    pub yearly: bool,
    /// Stays shown after its date until the problem is fixed or it is dismissed.
    pub actionable: bool,
    /// This occurrence was dismissed.
    pub dismissed: bool,
    /// Snoozed: hidden until this day (only while it is after the day evaluated).
    pub snoozed_until: Option<NaiveDate>,
    /// For yearly reminders, the date they count from (a membership's start, a CMC award).
    #[serde(skip)]
    pub anchor: NaiveDate,
}

impl Reminder {
    /// The documented `reminders --json` shape (docs/CLI.md), shared by the CLI and the desktop.
    pub fn to_json(&self, day: NaiveDate) -> serde_json::Value {
        serde_json::json!({
            "id": self.id, "series": self.series, "kind": self.kind.id(), "title": self.title,
            "due": self.due.to_string(), "days_until": (self.due - day).num_days(), "overdue": self.due < day,
            "lead_days": self.lead_days, "shows_from": self.shows_from.to_string(), "detail": self.detail, "hint": self.hint,
            "screen": self.screen.id(), "record": self.record, "yearly": self.yearly, "actionable": self.actionable,
            "dismissed": self.dismissed, "snoozed_until": self.snoozed_until.map(|d| d.to_string()),
            // The one definition of "due" (`reminders` without --within, the badge, the dashboard).
            "due_now": self.shows_on(day, 0),
        })
    }
}

impl Reminder {
    fn new(kind: Kind, id: String, title: String, due: NaiveDate, detail: String, screen: Screen) -> Reminder {
        Reminder {
            series: id.clone(),
            id,
            kind,
            title,
            due,
            lead_days: 0,
            shows_from: due,
            detail,
            hint: None,
            screen,
            record: None,
            yearly: false,
            actionable: kind.is_follow_up(),
            dismissed: false,
            snoozed_until: None,
            anchor: due,
        }
    }

    /// A yearly occurrence: `series` plus the year of `due`.
    fn yearly(kind: Kind, series: String, anchor: NaiveDate, due: NaiveDate, title: String, detail: String, screen: Screen) -> Reminder {
        let mut r = Reminder::new(kind, format!("{series}:{}", due.year()), title, due, detail, screen);
        r.series = series;
        r.yearly = true;
        r.anchor = anchor;
        r
    }

    fn about(mut self, record: String) -> Reminder {
        self.record = Some(record);
        self
    }

    fn hint(mut self, command: String) -> Reminder {
        self.hint = Some(command);
        self
    }

    /// Shown on `day` in a window of `within` days (0: the lead time alone): from `due` minus the
    /// larger of the two until `due`; afterwards only if actionable. Never while dismissed or snoozed.
    pub fn shows_on(&self, day: NaiveDate, within: u32) -> bool {
        if self.dismissed || self.snoozed_until.is_some_and(|until| day < until) {
            return false;
        }
        if self.due < day {
            return self.actionable;
        }
        let window = self.lead_days.max(within);
        self.due.checked_sub_days(Days::new(window.into())).is_none_or(|from| from <= day)
    }

    /// For a yearly reminder, its date in `year` (29 February falls on 1 March in common years).
    pub fn in_year(&self, year: i32) -> NaiveDate {
        let years = u32::try_from(year - self.anchor.year()).unwrap_or(0);
        add_years(self.anchor, years)
    }
}

/// Every reminder current on `day`: yearly ones at their next date on or after it, one-offs
/// still to come, and follow-ups still open. Sorted by date, then id. Dismissed and snoozed
/// ones are included and marked (`shows_on` leaves them out of the list).
pub fn compute(p: &Portfolio, programs: &Programs, stored: &Stored, day: NaiveDate) -> Vec<Reminder> {
    let target = target_program(p, programs, day);
    let progress = target.map(|program| rules::progress(p, program, day));
    let mut out = Vec::new();
    membership_dates(p, target, day, &mut out);
    if let (Some(program), Some(progress)) = (target, &progress) {
        program_dates(program, progress, day, &mut out);
        missing_letters(p, program, day, &mut out);
    }
    missing_certificates(p, stored.settings.certificate_days, &mut out);
    planned_passed(p, day, &mut out);
    cmc_anniversaries(p, day, &mut out);
    epp_dates(p, programs, day, &mut out);
    own_reminders(&stored.own, day, &mut out);

    out.retain(|r| r.due >= day || r.actionable);
    for r in &mut out {
        let own_lead = if r.kind == Kind::Own { stored.own.iter().find(|o| r.series == own_series(o.id)).and_then(|o| o.lead_days) } else { None };
        let default = if r.actionable { 0 } else { stored.settings.lead_days };
        r.lead_days = stored.marks.leads.get(&r.series).copied().or(own_lead).unwrap_or(default);
        r.shows_from = r.due.checked_sub_days(Days::new(r.lead_days.into())).unwrap_or(r.due);
        r.dismissed = stored.marks.dismissed.get(&r.id) == Some(&r.due);
        r.snoozed_until = stored.marks.snoozed.get(&r.id).copied().filter(|until| *until > day);
    }
    out.sort_by(|a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));
    out
}

/// What is shown on `day` within `within` days (see `Reminder::shows_on`).
pub fn due_on(all: &[Reminder], day: NaiveDate, within: u32) -> Vec<&Reminder> {
    all.iter().filter(|r| r.shows_on(day, within)).collect()
}

pub fn own_series(id: i64) -> String {
    format!("own:{id}")
}

fn held<'a>(p: &'a Portfolio, program: &str, day: NaiveDate) -> Option<&'a Designation> {
    p.designations.iter().filter(|d| d.program == program && d.awarded_on <= day).min_by_key(|d| (d.awarded_on, d.id))
}

/// The program being worked toward: the CMC, then the MMC once the CMC is held; none after both.
fn target_program<'a>(p: &Portfolio, programs: &'a Programs, day: NaiveDate) -> Option<&'a Program> {
    let id = match (held(p, "cmc", day), held(p, "mmc", day)) {
        (None, _) => "cmc",
        (Some(_), None) => "mmc",
        (Some(_), Some(_)) => return None,
    };
    programs.get(id, day).ok()
}

/// The occurrence `add_years(anchor, n)` with n ≥ `first` that is the first on or after `day`.
fn next_yearly(anchor: NaiveDate, first: u32, day: NaiveDate) -> (u32, NaiveDate) {
    let mut n = first.max(u32::try_from(day.year() - anchor.year() - 1).unwrap_or(0));
    loop {
        let date = add_years(anchor, n);
        if date >= day {
            return (n, date);
        }
        n += 1;
    }
}

fn years(n: u32) -> String {
    if n == 1 { "1 year".into() } else { format!("{n} years") }
}

fn after(day: NaiveDate, days: u64) -> NaiveDate {
    day.checked_add_days(Days::new(days)).unwrap_or(day)
}

/// Says which day stands in for 29 February in common years, for a yearly reminder counted from it.
fn leap_note(anchor: NaiveDate, what: &str) -> String {
    if (anchor.month(), anchor.day()) == (2, 29) {
        format!(" {what} on 29 February: in years without one, Clerkfolio uses 1 March.")
    } else {
        String::new()
    }
}

/// The membership rule whose years a lapse can cost, if the program counts years.
fn years_rule(program: Option<&Program>) -> Option<&MembershipRule> {
    program.and_then(|p| p.membership.as_ref()).filter(|rule| rule.min_years > 0)
}

/// Says that the continuous reading is a reading, unless the program states it.
fn reading_caveat(rule: &MembershipRule) -> String {
    if rule.continuity == Continuity::Continuous && rule.continuity_status == Status::Verified {
        return String::new();
    }
    format!(
        " This is the conservative (continuous) reading: {} does not say whether the {} must be continuous, so Clerkfolio \
         counts only unbroken membership.",
        rule.organisation,
        years(rule.min_years)
    )
}

/// Anniversaries of every ongoing period (with its dues renewal) and paid-through dates nothing continues.
fn membership_dates(p: &Portfolio, target: Option<&Program>, day: NaiveDate, out: &mut Vec<Reminder>) {
    let rule = years_rule(target);
    for m in &p.memberships {
        let org = &m.organisation;
        match m.end {
            None => {
                let (n, due) = next_yearly(m.start, 1, day);
                let title = format!("{org} membership anniversary ({}): dues renewal", years(n));
                let detail = format!(
                    "Your {} {org} membership began on {}; no paid-through date is recorded, so Clerkfolio takes the \
                     anniversary as the renewal date. Renew by {due} to keep it unbroken. If {org} bills on another date, \
                     record the paid-through date from your receipt and you are reminded of that date instead.{}",
                    m.member_type.label(),
                    m.start,
                    leap_note(m.start, "It began")
                );
                let series = format!("anniversary:membership:{}", m.id);
                out.push(
                    Reminder::yearly(Kind::MembershipAnniversary, series, m.start, due, title, detail, Screen::Membership)
                        .about(format!("membership:{}", m.id))
                        .hint(format!("clerkfolio membership edit {} --end YYYY-MM-DD", m.id)),
                );
            }
            Some(end) if end >= day && !continued(p, m, end) => {
                let renew_on = after(end, 1);
                let mut detail = format!(
                    "Your {} {org} membership is paid through {end}. Renew before then, then record the new period.",
                    m.member_type.label()
                );
                let hint = format!(
                    "clerkfolio membership add --type {} --start {renew_on}{}",
                    m.member_type.id(),
                    if org == "IIMC" { String::new() } else { format!(" --organisation {org}") }
                );
                if let Some(rule) = rule.filter(|r| r.organisation.eq_ignore_ascii_case(org)) {
                    detail.push_str(&format!(
                        " If it lapses, the {} of membership needed count again from the day you renew.{}",
                        years(rule.min_years),
                        reading_caveat(rule)
                    ));
                }
                let id = format!("dues:membership:{}", m.id);
                out.push(
                    Reminder::new(Kind::DuesRenewal, id, format!("{org} dues: paid through {end}"), end, detail, Screen::Membership)
                        .about(format!("membership:{}", m.id))
                        .hint(hint),
                );
            }
            Some(_) => {}
        }
    }
}

/// Does another period with the same association carry membership on past `end` without a gap?
fn continued(p: &Portfolio, m: &Membership, end: NaiveDate) -> bool {
    p.memberships.iter().any(|other| {
        other.id != m.id
            && other.organisation.eq_ignore_ascii_case(&m.organisation)
            && other.start <= after(end, 1)
            && other.end.is_none_or(|e| e > end)
    })
}

/// The two-year date, lapses and the eligibility date, all from the rules' own answer.
fn program_dates(program: &Program, progress: &Progress, day: NaiveDate, out: &mut Vec<Reminder>) {
    let short = program.id.to_uppercase();
    if let (Some(rule), Some(m)) = (years_rule(Some(program)), &progress.membership) {
        membership_years(rule, m, &short, day, out);
        for lapse in m.lapses.iter().filter(|l| l.to.is_none()) {
            out.push(lapse_reminder(rule, m, lapse.from, day));
        }
    }
    // Until the day itself: the day every requirement is met is the one worth a notification.
    if let Some(on) = progress.eligible_on.filter(|on| !progress.eligible || *on == day) {
        let apply = format!("apply through {}'s online certification portal, with your supporting documents", program.authority);
        let (title, detail) = if progress.eligible {
            let detail = format!("Every requirement of the {} is met from today: {apply}.", progress.program_name);
            (format!("{short}: every requirement met today"), detail)
        } else {
            let still: Vec<&str> =
                progress.missing.iter().map(String::as_str).filter(|m| !m.starts_with("If nothing else changes")).collect();
            let detail = format!(
                "If nothing else changes, every requirement of the {} is met on {on}: then {apply}. Until then: {}",
                progress.program_name,
                still.join(" ")
            );
            (format!("{short}: every requirement expected to be met"), detail)
        };
        out.push(Reminder::new(Kind::Eligibility, format!("eligibility:{}", program.id), title, on, detail, Screen::Dashboard));
    }
}

fn membership_years(rule: &MembershipRule, m: &MembershipProgress, short: &str, day: NaiveDate, out: &mut Vec<Reminder>) {
    // Reached earlier: in the past, nothing to remind. Reached today: still shown that day.
    let Some(on) = m.eligible_on_continuous.filter(|on| *on >= day) else { return };
    let org = &rule.organisation;
    let counted = match m.continuous_since {
        Some(since) => format!("counting your unbroken qualifying membership since {since}"),
        None => "counting from the qualifying period you recorded as starting later".into(),
    };
    let mut detail = format!(
        "On {on}, {} of active {org} membership are reached ({counted}): the membership condition of the {short} is met \
         that day. Keep the membership unbroken until then.",
        years(rule.min_years)
    );
    detail.push_str(&reading_caveat(rule));
    if let Some(to) = m.lapses.iter().rev().find_map(|l| l.to) {
        detail.push_str(&format!(" Your membership lapsed before: the count started again on {}.", after(to, 1)));
    }
    // Only across a lapse do the two readings differ in substance: without one, the cumulative
    // count of days can still land a day early across a leap year, not worth a word.
    let lapsed = !m.lapses.is_empty();
    if let Some(cumulative) = m.eligible_on_cumulative.filter(|c| lapsed && *c < on && rule.continuity_status != Status::Verified) {
        detail.push_str(&format!(" If {org} adds up time across lapses, the years would be reached on {cumulative}; confirm with {org}."));
    }
    let title = format!("{} of {org} membership reached ({short})", years(rule.min_years));
    out.push(Reminder::new(Kind::MembershipYears, format!("membership-years:{}", short.to_lowercase()), title, on, detail, Screen::Membership));
}

fn lapse_reminder(rule: &MembershipRule, m: &MembershipProgress, from: NaiveDate, day: NaiveDate) -> Reminder {
    let org = &rule.organisation;
    let title = if m.active {
        format!("{org} membership no longer qualifies since {from}")
    } else {
        format!("{org} membership lapsed on {from}")
    };
    let mut detail = if m.active {
        format!(
            "Since {from} your {org} membership is of a type that does not count toward the {} (only {} members do).",
            years(rule.min_years),
            rule.types.iter().map(|t| t.label()).collect::<Vec<_>>().join(", ")
        )
    } else {
        format!("No {org} membership is recorded from {from}. Renew it and record the new period.")
    };
    let restart = if m.active { "a qualifying membership starts" } else { "you renew" };
    match (m.continuous_since, m.eligible_on_continuous) {
        (None, Some(on)) => detail.push_str(&format!(
            " Counting from the period you recorded as starting later, the {} are reached on {on}.",
            years(rule.min_years)
        )),
        _ => detail.push_str(&format!(
            " The {} count again from the day {restart}: from {day}, they would be reached on {}.",
            years(rule.min_years),
            add_years(day, rule.min_years)
        )),
    }
    detail.push_str(&reading_caveat(rule));
    if rule.continuity_status != Status::Verified && m.cumulative_days > 0 {
        detail.push_str(&format!(
            " If {org} adds up time across lapses instead, the {} days of membership you have would count.",
            m.cumulative_days
        ));
    }
    let reminder = Reminder::new(Kind::MembershipLapse, format!("lapse:{}:{from}", org.to_lowercase()), title, from, detail, Screen::Membership);
    if m.active { reminder } else { reminder.hint("clerkfolio membership add".into()) }
}

/// Current positions of the program's position categories without an employment letter.
fn missing_letters(p: &Portfolio, program: &Program, day: NaiveDate, out: &mut Vec<Reminder>) {
    let Some(paper) = program.paperwork.iter().find(|x| x.kind == PaperworkKind::EmploymentLetter) else { return };
    let positions: Vec<&Experience> = p.experience.iter().filter(|e| paper.position_categories.contains(&e.category)).collect();
    // A planned position is not held yet: its letter is asked for once it is marked done.
    for e in positions.iter().filter(|e| !e.planned && e.start <= day && e.end.is_none_or(|end| end >= day) && e.letters.is_empty()) {
        let name = position_name(e);
        let mut detail = format!(
            "{} requires a Letter of Employment Verification for your current position, {name} (since {}), and none is \
             attached. Ask your employer for one and attach it.",
            program.authority, e.start
        );
        // A change of position: the letter on file is for the old one and no longer answers.
        let since = e.start.checked_sub_days(Days::new(366)).unwrap_or(e.start);
        let previous = positions
            .iter()
            .filter(|o| o.id != e.id && o.start < e.start && o.end.is_some_and(|end| end >= since && end < day))
            .max_by_key(|o| o.end);
        if let Some(old) = previous {
            detail.push_str(&format!(
                " You changed position (before: {}, until {}): a letter for an earlier position does not count for the current one.",
                position_name(old),
                old.end.unwrap_or(old.start)
            ));
            if old.letters.is_empty() {
                detail.push_str(" Ask for a letter covering the earlier position too: it backs the experience you claim.");
            }
        }
        let title = format!("Employment verification letter needed: {name}");
        out.push(
            Reminder::new(Kind::MissingLetter, format!("letter:experience:{}", e.id), title, follow_up_from(e.start, e.recorded_on), detail, Screen::Evidence)
                .about(format!("experience:{}", e.id))
                .hint(format!("clerkfolio evidence add FILE --to letter:{}", e.id)),
        );
    }
}

fn position_name(e: &Experience) -> String {
    if e.organisation.is_empty() { e.title.clone() } else { format!("{}, {}", e.title, e.organisation) }
}

/// The day a follow-up about a record counts from: the later of the event and the day the record
/// was entered. A course entered two years after it ended is not two years overdue the moment it
/// is entered; a record from before entry days were kept (None) counts from the event.
fn follow_up_from(event: NaiveDate, recorded_on: Option<NaiveDate>) -> NaiveDate {
    recorded_on.map_or(event, |entered| entered.max(event))
}

/// Courses without evidence, `days` after they ended (or after they were entered, if later).
/// Planned ones are left to `planned_passed`: there is no certificate before the course.
fn missing_certificates(p: &Portfolio, days: u32, out: &mut Vec<Reminder>) {
    for e in p.education.iter().filter(|e| e.evidence.is_empty() && !e.planned) {
        let due = after(follow_up_from(e.dated(), e.recorded_on), days.into());
        let detail = format!(
            "{} ({}) ended on {} and has no certificate or other proof attached. IIMC reviews no application without \
             supporting documentation: attach it.",
            e.title,
            e.provider,
            e.dated()
        );
        let title = format!("Attach the certificate: {}", e.title);
        out.push(
            Reminder::new(Kind::MissingCertificate, format!("certificate:education:{}", e.id), title, due, detail, Screen::Evidence)
                .about(format!("education:{}", e.id))
                .hint(format!("clerkfolio evidence add FILE --to education:{}", e.id)),
        );
    }
}

/// Planned records whose date has passed, from the day after: did it happen? Until it is marked
/// done it does not count, and the certificate (asked for by `missing_certificates` only once it
/// is done) is not asked for either, so this one follow-up asks for both.
fn planned_passed(p: &Portfolio, day: NaiveDate, out: &mut Vec<Reminder>) {
    let education = p.education.iter().filter(|e| e.planned).map(|e| (RecordKind::Education, e.id, &e.title, e.dated()));
    let experience = p.experience.iter().filter(|e| e.planned).map(|e| (RecordKind::Experience, e.id, &e.title, e.dated()));
    for (kind, id, title, dated) in education.chain(experience).filter(|(.., dated)| *dated < day) {
        let what = kind.id();
        let detail = format!(
            "\"{title}\" was planned for {dated}. Did it happen? Mark it done and attach the certificate: until then it \
             does not count. If it did not happen, change its date or remove it."
        );
        let screen = match kind {
            RecordKind::Education => Screen::Education,
            RecordKind::Experience => Screen::Experience,
        };
        let title = format!("Did it happen? {title}");
        out.push(
            Reminder::new(Kind::PlannedDone, format!("planned:{what}:{id}"), title, after(dated, 1), detail, screen)
                .about(format!("{what}:{id}"))
                .hint(format!("clerkfolio {what} edit {id} --done --evidence FILE")),
        );
    }
}

/// Yearly from the CMC award while the MMC is not held: MMC material must be dated after it.
fn cmc_anniversaries(p: &Portfolio, day: NaiveDate, out: &mut Vec<Reminder>) {
    if held(p, "mmc", day).is_some() {
        return;
    }
    for d in p.designations.iter().filter(|d| d.program == "cmc" && d.awarded_on <= day) {
        let (n, due) = next_yearly(d.awarded_on, 1, day);
        let detail = format!(
            "You were awarded the CMC on {}. Toward the MMC only material dated after that day counts: a good moment \
             to bring your MMC records up to date.{}",
            d.awarded_on,
            leap_note(d.awarded_on, "It was awarded")
        );
        let title = format!("CMC anniversary ({})", years(n));
        let series = format!("anniversary:designation:{}", d.id);
        out.push(
            Reminder::yearly(Kind::CmcAnniversary, series, d.awarded_on, due, title, detail, Screen::Dashboard)
                .about(format!("designation:{}", d.id)),
        );
    }
}

/// The Education PLUS Program, for a clerk who holds the MMC (only then is it open to her):
/// enrolment, which is in July of a cycle's first year (the open enrolment, or else the next
/// cycle's), and the end of the current cycle while its hours are short (hours do not carry over).
fn epp_dates(p: &Portfolio, programs: &Programs, day: NaiveDate, out: &mut Vec<Reminder>) {
    if held(p, "mmc", day).is_none() {
        return;
    }
    let Ok(program) = programs.get("epp", day) else { return };
    let Some(rule) = &program.cycle else { return };
    let current = rule.containing(day);
    let enrol = if current.enrolment_end >= day && current.start <= day { current } else { rule.next(&current) };
    let years = format!("{}–{}", enrol.start.year(), enrol.end.year());
    let detail = format!(
        "{} enrols for the {years} cycle ({} to {}) from {} to {}. The EPP asks 30 hours of education in the cycle; hours do not \
         carry over from one cycle to the next. Enrol with {} if you mean to take part.",
        program.name, enrol.start, enrol.end, enrol.start, enrol.enrolment_end, program.authority
    );
    out.push(Reminder::new(
        Kind::EppEnrolment,
        format!("epp-enrolment:{}", enrol.start.year()),
        format!("EPP enrolment for the {years} cycle closes"),
        enrol.enrolment_end,
        detail,
        Screen::Dashboard,
    ));
    let progress = rules::progress(p, program, day);
    if let Some(r) = progress.requirements.iter().find(|r| !r.met) {
        let short = r.required - r.earned;
        let detail = format!(
            "{} of the {} {} of the EPP cycle {} to {} are recorded: {} more by {}. Hours do not carry over to the next cycle.",
            rules::fmt_points(r.earned),
            rules::fmt_points(r.required),
            r.unit.words(r.required),
            current.start,
            current.end,
            rules::fmt_points(short),
            current.end
        );
        let title = format!("EPP cycle ends {}: {} of {} {}", current.end, rules::fmt_points(r.earned), rules::fmt_points(r.required), r.unit.words(r.required));
        out.push(Reminder::new(Kind::EppCycleEnd, format!("epp-cycle:{}", current.start.year()), title, current.end, detail, Screen::Education));
    }
}

fn own_reminders(own: &[OwnReminder], day: NaiveDate, out: &mut Vec<Reminder>) {
    for o in own {
        let reminder = if o.yearly {
            let (_, due) = next_yearly(o.date, 0, day);
            let notes = format!("{}{}", o.notes, leap_note(o.date, "It is set"));
            Reminder::yearly(Kind::Own, own_series(o.id), o.date, due, o.title.clone(), notes.trim().to_string(), Screen::Dashboard)
        } else {
            Reminder::new(Kind::Own, own_series(o.id), o.title.clone(), o.date, o.notes.clone(), Screen::Dashboard)
        };
        out.push(reminder.about(format!("reminder:{}", o.id)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    #[test]
    fn next_yearly_takes_the_first_occurrence_on_or_after_the_day() {
        assert_eq!(next_yearly(d("2024-03-15"), 1, d("2024-03-15")), (1, d("2025-03-15")));
        assert_eq!(next_yearly(d("2024-03-15"), 1, d("2027-03-15")), (3, d("2027-03-15")));
        assert_eq!(next_yearly(d("2024-03-15"), 1, d("2027-03-16")), (4, d("2028-03-15")));
        assert_eq!(next_yearly(d("2024-02-29"), 1, d("2025-01-01")), (1, d("2025-03-01")));
        assert_eq!(next_yearly(d("2024-02-29"), 1, d("2028-02-01")), (4, d("2028-02-29")));
        assert_eq!(next_yearly(d("2030-06-01"), 0, d("2026-01-01")), (0, d("2030-06-01")));
    }

    #[test]
    fn a_reminder_shows_from_its_lead_time_until_its_date() {
        let mut r = Reminder::new(Kind::Own, "own:1".into(), "t".into(), d("2027-01-05"), String::new(), Screen::Dashboard);
        r.lead_days = 30;
        assert!(!r.shows_on(d("2026-12-05"), 0));
        assert!(r.shows_on(d("2026-12-06"), 0));
        assert!(r.shows_on(d("2027-01-05"), 0));
        assert!(!r.shows_on(d("2027-01-06"), 0), "a past date is not upcoming");
        assert!(r.shows_on(d("2026-10-01"), 120), "--within widens the window");
        r.actionable = true;
        assert!(r.shows_on(d("2027-06-01"), 0), "an open follow-up stays");
        r.snoozed_until = Some(d("2027-06-02"));
        assert!(!r.shows_on(d("2027-06-01"), 0));
        assert!(r.shows_on(d("2027-06-02"), 0));
        r.dismissed = true;
        assert!(!r.shows_on(d("2027-06-02"), 0));
    }
}
