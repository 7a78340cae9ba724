//! The reminders engine with fixed dates: anniversaries (29 February, year ends), dues, lapses
//! and overlapping periods, the two-year and eligibility dates, follow-ups, lead times, dismiss
//! and snooze. Pure: a portfolio built here, the built-in programs, and a day.

use chrono::NaiveDate;
use clerkfolio_core::model::*;
use clerkfolio_core::program::Programs;
use clerkfolio_core::reminders::{Kind, OwnReminder, Reminder, Screen, Stored, compute, due_on};

fn d(text: &str) -> NaiveDate {
    parse_date(text).unwrap()
}

/// A portfolio under construction, with the reminder choices beside it.
#[derive(Default)]
struct Case {
    p: Portfolio,
    stored: Stored,
}

impl Case {
    fn period(mut self, org: &str, t: MemberType, start: &str, end: Option<&str>) -> Case {
        let id = self.p.memberships.len() as i64 + 1;
        self.p.memberships.push(Membership { id, member_type: t, organisation: org.into(), start: d(start), end: end.map(d) });
        self
    }

    fn iimc(self, start: &str, end: Option<&str>) -> Case {
        self.period("IIMC", MemberType::Full, start, end)
    }

    fn course(mut self, title: &str, start: &str, end: &str, hours: f64, evidence: &[i64]) -> Case {
        self.p.education.push(Education {
            id: self.p.education.len() as i64 + 1,
            title: title.into(),
            provider: "St. Cloud State".into(),
            category: "institute".into(),
            certificate: String::new(),
            start: d(start),
            end: Some(d(end)),
            hours,
            entered: None,
            learned: String::new(),
            level: None,
            assessment: false,
            recorded_on: None,
            evidence: evidence.to_vec(),
            from_certificate: false,
            planned: false,
            sponsor: Sponsor::Unknown,
        });
        self
    }

    fn position(mut self, category: &str, title: &str, start: &str, end: Option<&str>, points: Option<f64>, letters: &[i64]) -> Case {
        self.p.experience.push(Experience {
            id: self.p.experience.len() as i64 + 1,
            category: category.into(),
            title: title.into(),
            organisation: "City of Riverton".into(),
            start: d(start),
            end: end.map(d),
            entered: points.map(|points| EnteredPoints { points, reason: "claimed".into() }),
            notes: String::new(),
            recorded_on: None,
            evidence: vec![],
            letters: letters.to_vec(),
            planned: false,
        });
        self
    }

    fn award(mut self, program: &str, on: &str) -> Case {
        let id = self.p.designations.len() as i64 + 1;
        self.p.designations.push(Designation { id, program: program.into(), awarded_on: d(on), evidence: None, recertification: false });
        self
    }

    fn own(mut self, title: &str, date: &str, yearly: bool, lead_days: Option<u32>) -> Case {
        let id = self.stored.own.len() as i64 + 1;
        self.stored.own.push(OwnReminder { id, title: title.into(), date: d(date), yearly, notes: format!("notes for {title}"), lead_days });
        self
    }

    fn all(&self, day: &str) -> Vec<Reminder> {
        compute(&self.p, &Programs::built_in(), &self.stored, d(day))
    }

    /// Ids shown on `day` with the lead times alone.
    fn shown(&self, day: &str) -> Vec<String> {
        due_on(&self.all(day), d(day), 0).into_iter().map(|r| r.id.clone()).collect()
    }

    #[track_caller]
    fn get(&self, day: &str, id: &str) -> Reminder {
        let all = self.all(day);
        all.iter().find(|r| r.id == id).cloned().unwrap_or_else(|| panic!("no {id} on {day} in {:#?}", ids(&all)))
    }

    fn has(&self, day: &str, id: &str) -> bool {
        self.all(day).iter().any(|r| r.id == id)
    }
}

fn ids(all: &[Reminder]) -> Vec<&str> {
    all.iter().map(|r| r.id.as_str()).collect()
}

/// 60 education points, 50 experience points, ethics, a current position with its letter: only
/// membership decides the day (domain worked example 4).
fn ready_but_for_membership() -> Case {
    let mut c = Case::default()
        .course("Institute Year 1", "2023-03-20", "2023-03-24", 40.0, &[1])
        .course("Institute Year 2", "2024-03-18", "2024-03-22", 40.0, &[2])
        .course("Institute Year 3", "2025-03-17", "2025-03-21", 40.0, &[3])
        .position("service", "City Clerk", "2020-01-01", None, Some(50.0), &[4]);
    c.p.profile.ethics_affirmed = Some(d("2024-01-15"));
    c
}

// ------------------------------------------------------------------ anniversaries and dues

#[test]
fn every_open_period_has_a_yearly_anniversary_and_closed_ones_do_not() {
    let c = Case::default()
        .iimc("2020-03-10", Some("2021-03-09"))
        .iimc("2021-03-10", None)
        .period("MCFOA", MemberType::Full, "2019-09-01", None);
    let r = c.get("2026-02-20", "anniversary:membership:2:2026");
    assert_eq!(r.kind, Kind::MembershipAnniversary);
    assert_eq!(r.due, d("2026-03-10"));
    assert_eq!(r.series, "anniversary:membership:2");
    assert!(r.yearly && !r.actionable);
    assert_eq!(r.title, "IIMC membership anniversary (5 years): dues renewal");
    assert_eq!((r.screen, r.record.as_deref()), (Screen::Membership, Some("membership:2")));
    assert!(r.detail.contains("began on 2021-03-10") && r.detail.contains("Renew by 2026-03-10"), "{}", r.detail);
    let mcfoa = c.get("2026-02-20", "anniversary:membership:3:2026");
    assert_eq!((mcfoa.due, mcfoa.title.as_str()), (d("2026-09-01"), "MCFOA membership anniversary (7 years): dues renewal"));
    // The closed period: no anniversary, and no dues reminder for a date long past.
    assert!(c.all("2026-02-20").iter().all(|r| r.record.as_deref() != Some("membership:1")));
}

#[test]
fn an_anniversary_shows_from_its_lead_time_until_the_day_and_then_moves_to_next_year() {
    let c = Case::default().iimc("2021-03-10", None);
    assert_eq!(c.shown("2026-02-07"), Vec::<String>::new());
    assert_eq!(c.shown("2026-02-08"), ["anniversary:membership:1:2026"], "30 days before");
    assert_eq!(c.shown("2026-03-10"), ["anniversary:membership:1:2026"], "on the day");
    assert_eq!(c.shown("2026-03-11"), Vec::<String>::new(), "a past anniversary is not upcoming");
    assert_eq!(c.get("2026-03-11", "anniversary:membership:1:2027").due, d("2027-03-10"));
    assert!(!c.has("2026-03-11", "anniversary:membership:1:2026"));
}

#[test]
fn a_29_february_anniversary_falls_on_1_march_in_common_years() {
    let c = Case::default().iimc("2024-02-29", None).award("cmc", "2020-02-29").own("Leap training", "2024-02-29", true, None);
    let r = c.get("2025-02-01", "anniversary:membership:1:2025");
    assert_eq!(r.due, d("2025-03-01"));
    assert_eq!(r.shows_from, d("2025-01-30"), "30 days before 1 March");
    assert!(r.detail.contains("29 February") && r.detail.contains("1 March"), "{}", r.detail);
    assert_eq!(c.get("2027-03-01", "anniversary:membership:1:2027").due, d("2027-03-01"), "on the day itself");
    assert_eq!(c.get("2027-03-02", "anniversary:membership:1:2028").due, d("2028-02-29"), "a leap year has its own day");
    assert_eq!(c.get("2028-02-29", "anniversary:membership:1:2028").title, "IIMC membership anniversary (4 years): dues renewal");
    assert_eq!(c.get("2026-12-01", "anniversary:designation:1:2027").due, d("2027-03-01"));
    let own = c.get("2026-12-01", "own:1:2027");
    assert_eq!(own.due, d("2027-03-01"));
    assert!(own.detail.starts_with("notes for Leap training") && own.detail.contains("1 March"), "{}", own.detail);
}

#[test]
fn reminders_due_in_january_show_in_late_december_with_the_new_year_in_their_id() {
    let c = Case::default().iimc("2020-01-05", None).own("Institute registration", "2023-01-10", true, None);
    assert_eq!(c.shown("2026-12-05"), Vec::<String>::new());
    assert_eq!(c.shown("2026-12-06"), ["anniversary:membership:1:2027"]);
    assert_eq!(c.shown("2026-12-20"), ["anniversary:membership:1:2027", "own:1:2027"]);
    assert_eq!(c.get("2026-12-31", "own:1:2027").due, d("2027-01-10"));
    assert_eq!(c.get("2026-12-31", "anniversary:membership:1:2027").title, "IIMC membership anniversary (7 years): dues renewal");
    // --within looks past the lead time, across the year end.
    let all = c.all("2026-11-01");
    let within: Vec<&str> = due_on(&all, d("2026-11-01"), 70).iter().map(|r| r.id.as_str()).collect();
    assert_eq!(within, ["anniversary:membership:1:2027", "own:1:2027"]);
}

#[test]
fn dues_fall_on_the_paid_through_date_unless_another_period_continues_it() {
    let closed = Case::default().iimc("2024-05-01", Some("2026-04-30"));
    let r = closed.get("2026-04-01", "dues:membership:1");
    assert_eq!((r.kind, r.due, r.yearly), (Kind::DuesRenewal, d("2026-04-30"), false));
    assert_eq!(r.title, "IIMC dues: paid through 2026-04-30");
    assert_eq!(r.hint.as_deref(), Some("clerkfolio membership add --type full --start 2026-05-01"));
    assert!(!r.detail.contains("clerkfolio"), "{}", r.detail);
    assert!(r.detail.contains("count again") && r.detail.contains("conservative (continuous) reading"), "{}", r.detail);
    assert_eq!(closed.shown("2026-03-31"), ["dues:membership:1"], "30 days ahead");
    assert!(!closed.has("2026-05-01", "dues:membership:1"), "after the date it is a lapse, not dues");

    // Renewed back to back, or overlapping: nothing to pay on that date.
    let renewed = Case::default().iimc("2024-05-01", Some("2026-04-30")).iimc("2026-05-01", None);
    assert!(!renewed.has("2026-04-01", "dues:membership:1"));
    let overlapping = Case::default().iimc("2024-05-01", Some("2026-04-30")).iimc("2026-03-01", Some("2027-02-28"));
    assert!(!overlapping.has("2026-04-01", "dues:membership:1"));
    assert_eq!(overlapping.get("2026-04-01", "dues:membership:2").due, d("2027-02-28"));
    // Another association's dues say nothing about IIMC's two years.
    let state = Case::default().period("MCFOA", MemberType::Full, "2024-05-01", Some("2026-04-30"));
    let r = state.get("2026-04-01", "dues:membership:1");
    assert!(r.hint.as_ref().is_some_and(|h| h.ends_with("--organisation MCFOA")) && !r.detail.contains("reading"), "{r:?}");
}

// ------------------------------------------------------------------ lapses and the two-year date

#[test]
fn a_lapse_says_when_and_what_it_does_to_the_two_year_count_under_the_conservative_reading() {
    let lapsed = Case::default().iimc("2024-01-01", Some("2025-06-30"));
    let r = lapsed.get("2025-09-01", "lapse:iimc:2025-07-01");
    assert_eq!((r.kind, r.due, r.actionable), (Kind::MembershipLapse, d("2025-07-01"), true));
    assert_eq!(r.title, "IIMC membership lapsed on 2025-07-01");
    assert!(r.detail.contains("from 2025-09-01, they would be reached on 2027-09-01"), "{}", r.detail);
    assert!(r.detail.contains("conservative (continuous) reading") && r.detail.contains("does not say"), "{}", r.detail);
    assert!(r.detail.contains("the 547 days of membership you have would count"), "{}", r.detail);
    assert_eq!(lapsed.shown("2025-09-01"), ["lapse:iimc:2025-07-01"], "overdue, still shown");
    assert!(!lapsed.has("2025-09-01", "membership-years:cmc"), "no qualifying run to count from");

    // Renewed after the gap: no open lapse, the count restarts, the cumulative date is mentioned.
    let renewed = Case::default().iimc("2024-01-01", Some("2025-06-30")).iimc("2025-10-01", None);
    assert!(renewed.all("2025-12-01").iter().all(|r| r.kind != Kind::MembershipLapse));
    let years = renewed.get("2025-12-01", "membership-years:cmc");
    assert_eq!(years.due, d("2027-10-01"));
    assert!(years.detail.contains("the count started again on 2025-10-01"), "{}", years.detail);
    assert!(years.detail.contains("would be reached on 2026-04-01"), "{}", years.detail);
    assert!(years.detail.contains("conservative (continuous) reading"), "{}", years.detail);
}

#[test]
fn one_unbroken_membership_is_not_told_about_time_across_lapses() {
    // Across 29 February 2024 the cumulative count of 730 days lands a day before the
    // anniversary: a difference of readings only a lapse would make worth a word.
    let c = Case::default().iimc("2024-03-15", None);
    let years = c.get("2026-03-01", "membership-years:cmc");
    assert_eq!(years.due, d("2026-03-15"));
    assert!(!years.detail.contains("across lapses") && !years.detail.contains("2026-03-14"), "{}", years.detail);
    assert!(years.detail.contains("counting your unbroken qualifying membership since 2024-03-15"), "{}", years.detail);
}

#[test]
fn the_domain_lapse_example_gives_the_continuous_date() {
    // docs/domain worked example 7: 2020-01-01 to 2021-06-30, again from 2022-01-01.
    let c = Case::default().iimc("2020-01-01", Some("2021-06-30")).iimc("2022-01-01", None);
    let r = c.get("2023-06-01", "membership-years:cmc");
    assert_eq!(r.due, d("2024-01-01"));
    assert_eq!(r.title, "2 years of IIMC membership reached (CMC)");
    assert!(r.detail.contains("since 2022-01-01"), "{}", r.detail);
}

#[test]
fn overlapping_periods_count_as_one_unbroken_membership() {
    let c = Case::default()
        .period("IIMC", MemberType::AdditionalFull, "2023-01-01", Some("2024-06-30"))
        .iimc("2024-03-01", None);
    let all = c.all("2024-09-01");
    assert!(all.iter().all(|r| r.kind != Kind::MembershipLapse), "{:?}", ids(&all));
    assert_eq!(c.get("2024-09-01", "membership-years:cmc").due, d("2025-01-01"));
    assert!(!c.has("2024-09-01", "dues:membership:1"), "continued by the overlapping period");
}

#[test]
fn a_membership_that_stops_qualifying_is_a_lapse_of_the_count() {
    let c = Case::default().iimc("2023-01-01", Some("2024-12-31")).period("IIMC", MemberType::Associate, "2025-01-01", None);
    let r = c.get("2025-03-01", "lapse:iimc:2025-01-01");
    assert_eq!(r.title, "IIMC membership no longer qualifies since 2025-01-01");
    assert!(r.detail.contains("Full, Additional Full, Retired"), "{}", r.detail);
}

#[test]
fn the_two_year_and_eligibility_dates_show_until_their_day_and_not_after() {
    let c = ready_but_for_membership().iimc("2024-03-15", None);
    let years = c.get("2026-01-10", "membership-years:cmc");
    assert_eq!((years.kind, years.due, years.screen), (Kind::MembershipYears, d("2026-03-15"), Screen::Membership));
    let eligible = c.get("2026-01-10", "eligibility:cmc");
    assert_eq!((eligible.kind, eligible.due, eligible.screen), (Kind::Eligibility, d("2026-03-15"), Screen::Dashboard));
    assert_eq!(eligible.title, "CMC: every requirement expected to be met");
    assert!(eligible.detail.contains("Until then: Membership: 2 years"), "{}", eligible.detail);
    assert_eq!(
        c.shown("2026-03-15"),
        ["anniversary:membership:1:2026", "eligibility:cmc", "membership-years:cmc"],
        "on the day itself"
    );
    assert_eq!(c.get("2026-03-15", "eligibility:cmc").title, "CMC: every requirement met today");
    let after: Vec<String> = c.all("2026-03-16").into_iter().map(|r| r.id).collect();
    assert_eq!(after, ["anniversary:membership:1:2027"]);
    // Without the points, the date cannot be known: no eligibility reminder, the two years still.
    let unknown = Case::default().iimc("2024-03-15", None);
    assert!(!unknown.has("2026-01-10", "eligibility:cmc"));
    assert!(unknown.has("2026-01-10", "membership-years:cmc"));
}

// ------------------------------------------------------------------ follow-ups

#[test]
fn a_course_without_a_certificate_is_followed_up_after_the_days_set_and_stays() {
    let mut c = Case::default()
        .course("Clerks Institute, Year 1", "2026-03-18", "2026-03-22", 40.0, &[])
        .course("Records Workshop", "2026-03-01", "2026-03-01", 6.0, &[7]);
    assert_eq!(c.shown("2026-04-20"), Vec::<String>::new());
    assert_eq!(c.shown("2026-04-21"), ["certificate:education:1"], "30 days after the end");
    let r = c.get("2026-06-01", "certificate:education:1");
    assert_eq!((r.kind, r.screen, r.actionable, r.lead_days), (Kind::MissingCertificate, Screen::Evidence, true, 0));
    assert_eq!(r.record.as_deref(), Some("education:1"));
    assert!(r.detail.ends_with("supporting documentation: attach it."), "{}", r.detail);
    assert_eq!(r.hint.as_deref(), Some("clerkfolio evidence add FILE --to education:1"), "the command-line step travels apart");
    assert_eq!(c.shown("2026-06-01"), ["certificate:education:1"], "overdue, still shown");
    c.stored.settings.certificate_days = 10;
    assert_eq!(c.get("2026-06-01", "certificate:education:1").due, d("2026-04-01"));
    c.p.education[0].evidence.push(9);
    assert!(c.all("2026-06-01").is_empty(), "attached: nothing to do");
}

#[test]
fn follow_ups_count_from_the_day_a_back_dated_record_was_entered() {
    let mut c = Case::default()
        .course("Clerks Institute, Year 1", "2024-03-18", "2024-03-22", 40.0, &[])
        .course("Records Workshop", "2026-05-20", "2026-05-20", 6.0, &[])
        .position("service", "City Clerk", "2019-05-01", None, None, &[]);
    c.p.education[0].recorded_on = Some(d("2026-06-01"));
    c.p.education[1].recorded_on = Some(d("2026-05-01"));
    c.p.experience[0].recorded_on = Some(d("2026-06-01"));
    let due = |c: &Case, id: &str| c.get("2026-06-01", id).due;
    assert_eq!(due(&c, "certificate:education:1"), d("2026-07-01"), "30 days from the day it was entered");
    assert_eq!(due(&c, "certificate:education:2"), d("2026-06-19"), "entered ahead: from the day it ended");
    assert_eq!(due(&c, "letter:experience:1"), d("2026-06-01"), "asked for from the day it was entered");
    assert_eq!(c.shown("2026-06-01"), ["letter:experience:1"], "nothing overdue the day it is entered");
    c.p.education[0].recorded_on = None;
    assert_eq!(due(&c, "certificate:education:1"), d("2024-04-21"), "entry day unknown: from the event, as before");
}

#[test]
fn a_current_position_without_its_letter_is_followed_up_especially_after_a_change() {
    let c = Case::default()
        .position("service", "Deputy Clerk", "2019-01-01", Some("2023-06-30"), None, &[3])
        .position("service", "City Clerk", "2023-07-01", None, None, &[])
        .position("committee", "Records committee", "2023-01-01", None, None, &[]);
    let all = c.all("2024-01-01");
    assert_eq!(ids(&all), ["letter:experience:2"], "positions only, current only");
    let r = &all[0];
    assert_eq!((r.kind, r.due, r.actionable, r.screen), (Kind::MissingLetter, d("2023-07-01"), true, Screen::Evidence));
    assert_eq!(r.title, "Employment verification letter needed: City Clerk, City of Riverton");
    assert!(r.detail.contains("You changed position (before: Deputy Clerk, City of Riverton, until 2023-06-30)"), "{}", r.detail);
    assert!(!r.detail.contains("covering the earlier position too"), "the old one has its letter: {}", r.detail);
    assert_eq!(c.shown("2024-01-01"), ["letter:experience:2"]);

    let no_old_letter = Case::default()
        .position("service", "Deputy Clerk", "2019-01-01", Some("2023-06-30"), None, &[])
        .position("service-government", "County Recorder", "2023-07-01", None, None, &[]);
    let r = no_old_letter.get("2024-01-01", "letter:experience:2");
    assert!(r.detail.contains("covering the earlier position too"), "{}", r.detail);
    // A position that ended is not current: no letter asked for it.
    assert!(!no_old_letter.has("2024-01-01", "letter:experience:1"));
}

// ------------------------------------------------------------------ designations and own

#[test]
fn after_the_cmc_the_cmc_anniversary_and_the_mmc_take_over() {
    let c = Case::default()
        .iimc("2019-01-01", None)
        .award("cmc", "2023-05-01")
        .position("service", "City Clerk", "2020-01-01", None, None, &[]);
    let r = c.get("2026-04-10", "anniversary:designation:1:2026");
    assert_eq!((r.kind, r.due, r.title.as_str()), (Kind::CmcAnniversary, d("2026-05-01"), "CMC anniversary (3 years)"));
    assert!(r.detail.contains("dated after that day"), "{}", r.detail);
    let all = c.all("2026-04-10");
    assert!(all.iter().all(|r| !r.id.ends_with(":cmc")), "the CMC is held: {:?}", ids(&all));
    assert!(all.iter().all(|r| r.kind != Kind::MissingLetter), "the MMC asks for no letter: {:?}", ids(&all));
    let both = c.award("mmc", "2026-01-15");
    let ids_after: Vec<String> = both.all("2026-04-10").into_iter().map(|r| r.id).collect();
    assert_eq!(
        ids_after,
        ["anniversary:membership:1:2027", "epp-cycle:2025", "epp-enrolment:2027"],
        "both held: the membership, and the EPP that the MMC opens"
    );
}

/// IIMC's Education PLUS Program: 30 hours per cycle of 1 July (odd year) to 31 July two years
/// later, enrolment in July of the first year, no hours carried over; open to a clerk holding
/// the MMC, and only then reminded of.
#[test]
fn epp_enrolment_and_a_short_cycle_for_a_clerk_who_holds_the_mmc() {
    let c = Case::default().award("cmc", "2019-03-01").course("MMC Academy", "2025-09-10", "2025-09-12", 20.0, &[1]);
    assert!(c.all("2025-06-15").iter().all(|r| !r.id.starts_with("epp")), "no MMC: no EPP reminders");
    let c = c.award("mmc", "2024-06-01");
    // 15 June 2025: the cycle 2023-07-01 to 2025-07-31 has 0 of 30 hours; enrolment for the
    // 2025-2027 cycle runs 1 to 31 July 2025 and shows from 1 July (31 July less 30 days).
    let e = c.get("2025-06-15", "epp-enrolment:2025");
    assert_eq!((e.kind, e.due, e.shows_from), (Kind::EppEnrolment, d("2025-07-31"), d("2025-07-01")));
    assert_eq!(e.title, "EPP enrolment for the 2025–2027 cycle closes");
    assert!(e.detail.contains("from 2025-07-01 to 2025-07-31") && e.detail.contains("do not carry over"), "{}", e.detail);
    let end = c.get("2025-06-15", "epp-cycle:2023");
    assert_eq!((end.kind, end.due, end.title.as_str()), (Kind::EppCycleEnd, d("2025-07-31"), "EPP cycle ends 2025-07-31: 0 of 30 hours"));
    // 20 July 2025: July of an odd year still belongs to the ending cycle; enrolment is open.
    assert!(c.has("2025-07-20", "epp-enrolment:2025") && c.has("2025-07-20", "epp-cycle:2023"));
    // 10 January 2026: the new cycle has the academy's 20 hours: 10 more by 2027-07-31.
    let end = c.get("2026-01-10", "epp-cycle:2025");
    assert_eq!((end.due, end.title.as_str()), (d("2027-07-31"), "EPP cycle ends 2027-07-31: 20 of 30 hours"));
    assert!(end.detail.contains("10 more by 2027-07-31"), "{}", end.detail);
    assert_eq!(c.get("2026-01-10", "epp-enrolment:2027").due, d("2027-07-31"));
    // 12 more hours in March 2026 make 32 of 30: the cycle's end is no longer a reminder.
    let done = c.course("Records webinar series", "2026-03-02", "2026-03-04", 12.0, &[2]);
    assert!(!done.has("2026-06-01", "epp-cycle:2025"));
    assert!(done.has("2026-06-01", "epp-enrolment:2027"), "enrolment for the next cycle still comes");
}

#[test]
fn own_reminders_once_and_yearly() {
    let c = Case::default()
        .own("Renew notary commission", "2026-05-01", false, Some(60))
        .own("Election training (4 h, Minnesota Rules 8240.2700)", "2020-11-15", true, None);
    let once = c.get("2026-03-01", "own:1");
    assert_eq!((once.kind, once.yearly, once.lead_days, once.shows_from), (Kind::Own, false, 60, d("2026-03-02")));
    assert_eq!((once.detail.as_str(), once.record.as_deref()), ("notes for Renew notary commission", Some("reminder:1")));
    assert!(!c.has("2026-05-02", "own:1"), "a past one-off is gone");
    let yearly = c.get("2026-03-01", "own:2:2026");
    assert_eq!((yearly.due, yearly.series.as_str(), yearly.lead_days), (d("2026-11-15"), "own:2", 30));
    assert_eq!(c.get("2026-11-16", "own:2:2027").due, d("2027-11-15"));
}

// ------------------------------------------------------------------ lead times, dismiss, snooze

#[test]
fn lead_times_come_from_the_series_then_the_reminder_then_the_settings() {
    let mut c = Case::default().iimc("2021-03-10", None).own("Mine", "2026-06-01", false, Some(3));
    c.stored.settings.lead_days = 60;
    assert_eq!(c.get("2026-01-01", "anniversary:membership:1:2026").shows_from, d("2026-01-09"));
    assert_eq!(c.get("2026-01-01", "own:1").lead_days, 3);
    c.stored.marks.leads.insert("anniversary:membership:1".into(), 7);
    let r = c.get("2026-01-01", "anniversary:membership:1:2026");
    assert_eq!((r.lead_days, r.shows_from), (7, d("2026-03-03")));
    assert_eq!(c.get("2026-03-11", "anniversary:membership:1:2027").lead_days, 7, "the series keeps it every year");
}

#[test]
fn a_dismissal_holds_for_its_occurrence_and_date_and_a_snooze_until_its_day() {
    let mut c = Case::default().iimc("2021-03-10", None).course("Course", "2026-01-05", "2026-01-05", 4.0, &[]);
    c.stored.marks.dismissed.insert("anniversary:membership:1:2026".into(), d("2026-03-10"));
    c.stored.marks.dismissed.insert("certificate:education:1".into(), d("2026-01-01"));
    let r = c.get("2026-03-01", "anniversary:membership:1:2026");
    assert!(r.dismissed);
    assert_eq!(c.shown("2026-03-01"), ["certificate:education:1"], "a dismissal for another date does not hold");
    assert!(!c.get("2027-03-01", "anniversary:membership:1:2027").dismissed, "next year comes back");
    c.stored.marks.snoozed.insert("certificate:education:1".into(), d("2026-03-05"));
    assert_eq!(c.get("2026-03-01", "certificate:education:1").snoozed_until, Some(d("2026-03-05")));
    assert_eq!(c.shown("2026-03-04"), Vec::<String>::new());
    assert_eq!(c.shown("2026-03-05"), ["certificate:education:1"], "shows again on its day; the dismissed one does not");
    assert_eq!(c.get("2026-03-05", "certificate:education:1").snoozed_until, None, "a snooze that ended is not reported");
}

#[test]
fn over_three_years_every_reminder_is_current_consistent_and_unique() {
    let c = ready_but_for_membership()
        .iimc("2022-02-28", Some("2023-03-31"))
        .iimc("2023-06-01", None)
        .period("MCFOA", MemberType::Full, "2020-02-29", None)
        .course("Webinar", "2025-11-20", "2025-11-20", 2.0, &[])
        .own("Yearly", "2024-12-31", true, None);
    let mut day = d("2024-01-01");
    while day <= d("2026-12-31") {
        let all = compute(&c.p, &Programs::built_in(), &c.stored, day);
        let mut seen = std::collections::BTreeSet::new();
        for r in &all {
            assert!(seen.insert(r.id.clone()), "{day}: {} twice", r.id);
            assert!(r.due >= day || r.actionable, "{day}: {} is past and not actionable", r.id);
            assert_eq!(r.shows_from + chrono::Days::new(r.lead_days.into()), r.due, "{day}: {}", r.id);
            assert_eq!(r.yearly, r.id != r.series, "{day}: {}", r.id);
            assert!(!r.title.is_empty(), "{day}: {}", r.id);
        }
        assert!(all.windows(2).all(|w| (w[0].due, &w[0].id) < (w[1].due, &w[1].id)), "{day}: sorted by date then id");
        day = day.succ_opt().unwrap();
    }
}

#[test]
fn a_planned_record_whose_date_has_passed_asks_whether_it_happened() {
    let mut c = Case::default()
        .iimc("2019-05-01", None)
        .course("Clerks Institute, Year 3", "2027-03-15", "2027-03-19", 40.0, &[])
        .position("service", "City Clerk", "2027-07-01", None, None, &[])
        .position("conference-iimc", "IIMC Annual Conference", "2027-05-16", Some("2027-05-19"), Some(8.0), &[]);
    c.p.education[0].planned = true;
    c.p.experience.iter_mut().for_each(|e| e.planned = true);

    // Before its date: nothing to ask, and no certificate or letter asked of what has not happened.
    for id in ["planned:education:1", "certificate:education:1", "letter:experience:1"] {
        assert!(!c.has("2027-03-19", id), "{id}");
    }
    let r = c.get("2027-03-20", "planned:education:1");
    assert_eq!((r.kind, r.kind.id(), r.due, r.screen, r.actionable), (Kind::PlannedDone, "planned-done", d("2027-03-20"), Screen::Education, true));
    assert_eq!(r.title, "Did it happen? Clerks Institute, Year 3");
    assert!(r.detail.contains("planned for 2027-03-19. Did it happen? Mark it done and attach the certificate"), "{}", r.detail);
    assert_eq!((r.record.as_deref(), r.hint.as_deref()), (Some("education:1"), Some("clerkfolio education edit 1 --done --evidence FILE")));
    assert!(c.shown("2027-06-01").contains(&"planned:education:1".to_string()), "a follow-up stays until it is answered");
    assert!(!c.has("2027-06-01", "certificate:education:1"));

    let conference = c.get("2027-05-20", "planned:experience:2");
    assert_eq!((conference.screen, conference.due), (Screen::Experience, d("2027-05-20")));
    assert!(!c.has("2027-08-01", "letter:experience:1"), "a planned position is not held yet");
    assert!(c.has("2027-08-01", "planned:experience:1"));

    // Marked done: the question goes, the certificate is asked for as for any course.
    c.p.education[0].planned = false;
    assert!(!c.has("2027-06-01", "planned:education:1"));
    assert_eq!(c.get("2027-06-01", "certificate:education:1").due, d("2027-04-18"));
}
