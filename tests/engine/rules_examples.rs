//! The worked examples of docs/RULES.md ("Worked examples") and docs/domain/iimc-research.md §3.6,
//! reproduced exactly through the public rules API.

use chrono::NaiveDate;
use clerkfolio_core::model::*;
use clerkfolio_core::program::Programs;
use clerkfolio_core::rules::{Basis, Progress, RecordPoints, progress};

pub(crate) fn d(text: &str) -> NaiveDate {
    parse_date(text).unwrap()
}

pub(crate) fn status(p: &Portfolio, program: &str, day: &str) -> Progress {
    let programs = Programs::built_in();
    progress(p, programs.get(program, d(day)).unwrap(), d(day))
}

pub(crate) fn education(id: i64, category: &str, start: &str, hours: f64) -> Education {
    Education {
        id,
        title: format!("{category} {id}"),
        provider: "Provider".into(),
        category: category.into(),
        certificate: String::new(),
        start: d(start),
        end: None,
        hours,
        entered: None,
        learned: String::new(),
        level: None,
        assessment: false,
        recorded_on: None,
        evidence: vec![],
        from_certificate: false,
        planned: false,
        sponsor: Sponsor::Unknown,
    }
}

pub(crate) fn experience(id: i64, category: &str, start: &str, end: Option<&str>, points: Option<f64>) -> Experience {
    Experience {
        id,
        category: category.into(),
        title: format!("{category} {id}"),
        organisation: "City of Riverton".into(),
        start: d(start),
        end: end.map(d),
        entered: points.map(|points| EnteredPoints { points, reason: "claimed".into() }),
        notes: String::new(),
        recorded_on: None,
        evidence: vec![],
        letters: vec![],
        planned: false,
    }
}

pub(crate) fn member(id: i64, t: MemberType, start: &str, end: Option<&str>) -> Membership {
    Membership { id, member_type: t, organisation: "IIMC".into(), start: d(start), end: end.map(d) }
}

pub(crate) fn record<'a>(p: &'a Progress, requirement: &str, id: i64) -> &'a RecordPoints {
    p.requirements.iter().find(|r| r.id == requirement).unwrap().records.iter().find(|r| r.id == id).unwrap()
}

pub(crate) fn earned(p: &Progress, requirement: &str) -> f64 {
    p.requirements.iter().find(|r| r.id == requirement).unwrap().earned
}

/// A clerk who meets everything but what a test takes away.
pub(crate) fn ready_clerk() -> Portfolio {
    let mut letter_job = experience(100, "service", "2020-01-01", None, Some(50.0));
    letter_job.letters = vec![1];
    Portfolio {
        profile: Profile { full_name: "Wójcik-Łęczyńska".into(), ethics_affirmed: Some(d("2024-01-01")), ..Default::default() },
        memberships: vec![member(1, MemberType::Full, "2024-03-15", None)],
        designations: vec![],
        education: vec![
            education(1, "institute", "2021-03-22", 40.0),
            education(2, "institute", "2022-03-21", 40.0),
            education(3, "institute", "2023-03-20", 40.0),
        ],
        experience: vec![letter_job],
        applications: vec![],
    }
}

// ----------------------------------------------------------------- iimc-research.md §3.6

#[test]
fn ex1_association_6_5_hours_with_assessment_gives_1_5_raw_1_625() {
    let mut e = education(1, "association", "2025-01-10", 6.5);
    e.assessment = true;
    let p = status(&Portfolio { education: vec![e], ..Default::default() }, "cmc", "2025-02-01");
    let r = record(&p, "education", 1);
    assert_eq!((r.raw, r.points, r.counted), (1.625, 1.5, 1.5));
    assert_eq!(r.basis, Basis::Computed);
}

#[test]
fn ex2_single_1_5_hour_session_is_below_the_minimum() {
    let mut e = education(1, "association", "2025-01-10", 1.5);
    e.assessment = true;
    let p = status(&Portfolio { education: vec![e], ..Default::default() }, "cmc", "2025-02-01");
    let r = record(&p, "education", 1);
    assert_eq!(r.counted, 0.0);
    assert!(r.warnings.iter().any(|w| w.contains("below the 2-hour minimum")), "{:?}", r.warnings);
}

#[test]
fn ex3_association_without_assessment_earns_nothing() {
    let e = education(1, "association", "2025-01-10", 8.0);
    let p = status(&Portfolio { education: vec![e], ..Default::default() }, "cmc", "2025-02-01");
    let r = record(&p, "education", 1);
    assert_eq!(r.counted, 0.0);
    assert!(r.warnings.iter().any(|w| w.contains("assessment required")), "{:?}", r.warnings);
}

fn mmc_portfolio(level: Level) -> Portfolio {
    let mut e = education(1, "association", "2024-07-10", 8.0);
    e.assessment = true;
    e.level = Some(level);
    Portfolio {
        memberships: vec![member(1, MemberType::Full, "2018-01-01", None)],
        designations: vec![Designation { id: 1, program: "cmc".into(), awarded_on: d("2024-06-01"), evidence: None, recertification: false }],
        education: vec![e],
        ..Default::default()
    }
}

#[test]
fn ex4_intermediate_8_hours_after_the_cmc_gives_2_mmc_points() {
    let p = status(&mmc_portfolio(Level::Intermediate), "mmc", "2024-08-01");
    assert_eq!(record(&p, "advanced-education", 1).counted, 2.0);
    assert_eq!(earned(&p, "advanced-education"), 2.0);
}

#[test]
fn ex5_basic_level_is_rejected_for_the_mmc() {
    let p = status(&mmc_portfolio(Level::Basic), "mmc", "2024-08-01");
    let r = record(&p, "advanced-education", 1);
    assert_eq!(r.basis, Basis::Excluded);
    assert!(r.excluded.as_deref().unwrap().contains("basic level"), "{:?}", r.excluded);
    assert_eq!(earned(&p, "advanced-education"), 0.0);
}

#[test]
fn ex6_institute_120_hours_is_an_estimated_60_points() {
    let p = status(&ready_clerk(), "cmc", "2026-01-01");
    let edu = p.requirements.iter().find(|r| r.id == "education").unwrap();
    assert_eq!((edu.earned, edu.met), (60.0, true));
    assert!(edu.records.iter().all(|r| r.basis == Basis::Estimate));
    assert!(p.notes.iter().any(|n| n.contains("estimate")));
}

#[test]
fn ex7_mmc_dating_rule() {
    let mut before = education(1, "academy", "2024-05-16", 12.0);
    before.end = Some(d("2024-05-20"));
    before.level = Some(Level::Advanced);
    let mut after = education(2, "academy", "2024-07-10", 12.0);
    after.level = Some(Level::Advanced);
    let p = Portfolio {
        designations: vec![Designation { id: 1, program: "cmc".into(), awarded_on: d("2024-06-01"), evidence: None, recertification: false }],
        education: vec![before, after],
        ..Default::default()
    };
    let s = status(&p, "mmc", "2024-12-01");
    assert!(record(&s, "advanced-education", 1).excluded.as_deref().unwrap().contains("not after the CMC award on 2024-06-01"));
    assert_eq!(record(&s, "advanced-education", 2).counted, 6.0);
}

#[test]
fn ex8_continuous_membership_two_years_on_the_anniversary() {
    let p = Portfolio { memberships: vec![member(1, MemberType::Full, "2023-03-15", None)], ..Default::default() };
    let m = status(&p, "cmc", "2024-01-01").membership.unwrap();
    assert_eq!(m.eligible_on_continuous, Some(d("2025-03-15")));
    assert_eq!(m.eligible_on_cumulative, Some(d("2025-03-13")));
}

#[test]
fn ex9_lapse_restarts_the_conservative_count() {
    let p = Portfolio {
        memberships: vec![
            member(1, MemberType::Full, "2022-01-10", Some("2023-01-09")),
            member(2, MemberType::Full, "2023-04-01", None),
        ],
        ..Default::default()
    };
    let s = status(&p, "cmc", "2024-01-01");
    let m = s.membership.as_ref().unwrap();
    assert_eq!(m.eligible_on_continuous, Some(d("2025-04-01")));
    assert_eq!(m.eligible_on_cumulative, Some(d("2024-03-30")));
    assert_eq!(m.lapses.len(), 1);
    assert_eq!((m.lapses[0].from, m.lapses[0].to), (d("2023-01-10"), Some(d("2023-03-31"))));
    let line = s.missing.iter().find(|l| l.contains("2025-04-01")).expect("the conservative date is in missing");
    assert!(line.contains("conservative") && line.contains("2024-03-30"), "{line}");
}

#[test]
fn ex10_associate_cannot_certify() {
    let mut p = ready_clerk();
    p.memberships = vec![member(1, MemberType::Associate, "2021-01-01", None)];
    let s = status(&p, "cmc", "2024-06-01");
    assert!(!s.eligible);
    assert!(s.requirements.iter().all(|r| r.met));
    assert!(s.missing.iter().any(|m| m.contains("Associate members cannot obtain")), "{:?}", s.missing);
}

#[test]
fn ex11_two_experience_points_short() {
    let mut p = ready_clerk();
    p.education.push({
        let mut e = education(4, "course", "2025-05-01", 3.0);
        e.entered = Some(EnteredPoints { points: 1.0, reason: "stated".into() });
        e
    });
    p.experience[0].entered = Some(EnteredPoints { points: 48.0, reason: "claimed".into() });
    p.memberships = vec![member(1, MemberType::Full, "2023-06-01", None)];
    let s = status(&p, "cmc", "2025-12-01");
    assert_eq!((earned(&s, "education"), earned(&s, "experience")), (61.0, 48.0));
    assert!(!s.eligible);
    assert!(s.missing.contains(&"Experience: 2 more points needed (48 of 50).".to_string()), "{:?}", s.missing);
}

#[test]
fn ex12_current_position_without_letter_is_not_ready() {
    let mut p = ready_clerk();
    p.experience[0].letters.clear();
    let s = status(&p, "cmc", "2026-06-01");
    assert!(!s.eligible);
    assert!(s.checks.iter().any(|c| c.id == "employment-letter" && !c.met));
    assert!(s.missing.iter().any(|m| m.contains("required for your current position")), "{:?}", s.missing);
}

// ----------------------------------------------------------------- domain README examples

fn mn_portfolio() -> Portfolio {
    let mut inservice = education(1, "in-service", "2023-02-01", 30.0);
    inservice.title = "In-service training".into();
    Portfolio {
        education: vec![inservice],
        experience: vec![
            experience(1, "service", "2019-01-01", Some("2024-03-31"), None), // 5 years 3 months
            experience(2, "conference-iimc", "2022-05-15", None, None),
            experience(3, "conference-iimc", "2023-05-21", None, None),
            experience(4, "conference-state", "2023-10-01", None, None),
        ],
        ..Default::default()
    }
}

#[test]
fn mn1_experience_adds_up_to_43() {
    let s = status(&mn_portfolio(), "mn-cmc", "2024-06-01");
    let exp = s.requirements.iter().find(|r| r.id == "experience").unwrap();
    assert_eq!(record(&s, "experience", 1).counted, 20.0);
    assert_eq!(exp.items.iter().find(|i| i.id == "iimc-conference").unwrap().earned, 16.0);
    assert_eq!(exp.items.iter().find(|i| i.id == "state-conference").unwrap().earned, 4.0);
    assert_eq!(exp.items.iter().find(|i| i.id == "in-service").unwrap().earned, 3.0);
    assert_eq!((exp.earned, exp.required, exp.met), (43.0, 25.0, true));
    assert!(exp.items.iter().all(|i| !i.capped));
}

#[test]
fn mn2_four_iimc_conferences_are_capped_at_25() {
    let mut p = Portfolio::default();
    for (i, year) in (2019..2023).enumerate() {
        p.experience.push(experience(i as i64 + 1, "conference-iimc", &format!("{year}-05-15"), None, None));
    }
    let s = status(&p, "mn-cmc", "2024-06-01");
    let item = &s.requirements.iter().find(|r| r.id == "experience").unwrap().items.iter().find(|i| i.id == "iimc-conference").unwrap().clone();
    assert_eq!((item.uncapped, item.earned, item.capped), (32.0, 25.0, true));
}

#[test]
fn mn3_25_hours_of_in_service_count_per_full_10_hours() {
    let p = Portfolio { education: vec![education(1, "in-service", "2023-02-01", 25.0)], ..Default::default() };
    let s = status(&p, "mn-cmc", "2024-06-01");
    assert_eq!(record(&s, "experience", 1).counted, 2.0);
}

#[test]
fn iimc4_eligible_on_the_two_year_anniversary() {
    let p = ready_clerk();
    let before = status(&p, "cmc", "2026-03-14");
    assert!(!before.eligible);
    assert_eq!(before.eligible_on, Some(d("2026-03-15")));
    assert!(before.requirements.iter().all(|r| r.met));
    let on = status(&p, "cmc", "2026-03-15");
    assert!(on.eligible);
    assert_eq!(on.eligible_on, Some(d("2026-03-15")));
    assert!(on.missing.is_empty(), "{:?}", on.missing);
}

#[test]
fn iimc5_associate_years_do_not_count() {
    let mut p = ready_clerk();
    p.memberships = vec![
        member(1, MemberType::Associate, "2019-06-01", Some("2022-05-31")),
        member(2, MemberType::Full, "2022-06-01", None),
    ];
    let s = status(&p, "cmc", "2023-06-01");
    let m = s.membership.as_ref().unwrap();
    assert_eq!(m.continuous_since, Some(d("2022-06-01")));
    assert_eq!(m.eligible_on_continuous, Some(d("2024-06-01")));
    assert!(s.checks.iter().any(|c| c.id == "membership:type" && c.met));
    assert_eq!(s.eligible_on, Some(d("2024-06-01")));
}

#[test]
fn iimc6_mmc_academy_after_the_cmc_counts_6_points() {
    let mut early = education(1, "academy", "2023-04-20", 12.0);
    early.level = Some(Level::Advanced);
    let mut academy = education(2, "academy", "2024-09-18", 12.0);
    academy.end = Some(d("2024-09-19"));
    academy.level = Some(Level::Advanced);
    let p = Portfolio {
        designations: vec![Designation { id: 1, program: "cmc".into(), awarded_on: d("2023-05-01"), evidence: None, recertification: false }],
        education: vec![early, academy],
        ..Default::default()
    };
    let s = status(&p, "mmc", "2025-01-01");
    assert_eq!(record(&s, "advanced-education", 1).basis, Basis::Excluded);
    assert_eq!(record(&s, "advanced-education", 2).counted, 6.0);
}

#[test]
fn iimc7_lapse_shows_the_conservative_date_and_says_so() {
    let mut p = ready_clerk();
    p.memberships = vec![
        member(1, MemberType::Full, "2020-01-01", Some("2021-06-30")),
        member(2, MemberType::Full, "2022-01-01", None),
    ];
    let s = status(&p, "cmc", "2023-01-01");
    let m = s.membership.as_ref().unwrap();
    assert_eq!(m.eligible_on_continuous, Some(d("2024-01-01")));
    assert_eq!(m.eligible_on_cumulative, Some(d("2022-07-02")));
    assert_eq!(s.eligible_on, Some(d("2024-01-01")));
    assert!(s.missing.iter().any(|l| l.contains("2024-01-01") && l.contains("conservative")), "{:?}", s.missing);
    assert!(s.notes.iter().any(|n| n.contains("lapsed from 2021-07-01 to 2021-12-31")), "{:?}", s.notes);
}

// ----------------------------------------------------------------- edges

#[test]
fn leap_day_membership_reaches_two_years_on_1_march() {
    let mut p = ready_clerk();
    p.memberships = vec![member(1, MemberType::Full, "2024-02-29", None)];
    assert!(!status(&p, "cmc", "2026-02-28").eligible);
    let s = status(&p, "cmc", "2026-03-01");
    assert!(s.eligible);
    assert_eq!(s.eligible_on, Some(d("2026-03-01")));
}

#[test]
fn records_dated_after_the_day_do_not_count_yet() {
    let p = ready_clerk();
    let s = status(&p, "cmc", "2022-12-31");
    assert_eq!(earned(&s, "education"), 40.0);
    assert!(record(&s, "education", 3).excluded.as_deref().unwrap().contains("after 2022-12-31"));
}

#[test]
fn mmc_needs_the_cmc_designation() {
    let s = status(&ready_clerk(), "mmc", "2026-06-01");
    assert!(s.checks.iter().any(|c| c.id == "prerequisite:cmc" && !c.met));
    assert!(!s.eligible);
}

#[test]
fn paid_through_membership_that_ends_before_two_years_is_not_projected() {
    let mut p = ready_clerk();
    p.memberships = vec![member(1, MemberType::Full, "2024-03-15", Some("2025-12-31"))];
    let s = status(&p, "cmc", "2026-06-01");
    assert!(!s.eligible);
    assert_eq!(s.eligible_on, None);
    assert!(s.missing.iter().any(|m| m.contains("lapsed on 2026-01-01")), "{:?}", s.missing);
}

// ------------------------------------------------------------------ issue 13: rules as IIMC states them today

fn designation(id: i64, program: &str, on: &str, recertification: bool) -> Designation {
    Designation { id, program: program.into(), awarded_on: d(on), evidence: None, recertification }
}

fn sponsored(id: i64, category: &str, start: &str, hours: f64, sponsor: Sponsor) -> Education {
    let mut e = education(id, category, start, hours);
    e.level = Some(Level::Advanced);
    e.sponsor = sponsor;
    e
}

/// CMC 2019-03-01, recertified 2024-05-02. A 12-hour state academy on 2024-04-10 (after the CMC,
/// before the recertification) does not count; one on 2024-09-19 earns 12 / 2 = 6. Contributions:
/// 5 claimed on 2024-03-01 do not count, 4 on 2024-10-01 do. With the CMC alone both academies
/// would count: 12 points.
#[test]
fn mmc_cutoff_is_the_latest_prior_designation_a_cmc_recertification() {
    let mut p = Portfolio {
        designations: vec![designation(1, "cmc", "2019-03-01", false), designation(2, "cmc", "2024-05-02", true)],
        education: vec![
            sponsored(1, "academy", "2024-04-10", 12.0, Sponsor::StateAssociation),
            sponsored(2, "academy", "2024-09-19", 12.0, Sponsor::StateAssociation),
        ],
        experience: vec![
            experience(3, "committee", "2024-03-01", None, Some(5.0)),
            experience(4, "committee", "2024-10-01", None, Some(4.0)),
        ],
        ..Default::default()
    };
    let s = status(&p, "mmc", "2025-01-01");
    assert_eq!(
        record(&s, "advanced-education", 1).excluded.as_deref(),
        Some("dated 2024-04-10, not after the CMC recertification on 2024-05-02: only later material counts")
    );
    assert_eq!(record(&s, "advanced-education", 2).counted, 6.0);
    assert_eq!((earned(&s, "advanced-education"), earned(&s, "contributions")), (6.0, 4.0));
    let cutoff = s.cutoff.clone().expect("the MMC has a cut-off");
    assert_eq!(cutoff.date, Some(d("2024-05-02")));
    assert_eq!(cutoff.designation.as_deref(), Some("cmc-recert"));
    assert_eq!(cutoff.reason, "points dated after 2024-05-02, your CMC recertification");
    assert!(s.requirements.iter().all(|r| r.cutoff.as_ref() == Some(&cutoff)));

    p.designations.pop();
    let s = status(&p, "mmc", "2025-01-01");
    assert_eq!((earned(&s, "advanced-education"), earned(&s, "contributions")), (12.0, 9.0));
    assert_eq!(s.cutoff.unwrap().reason, "points dated after 2019-03-01, your CMC award");
    // Before the recertification is awarded, it does not move the cut-off.
    assert_eq!(status(&Portfolio { designations: vec![designation(1, "cmc", "2019-03-01", false), designation(2, "cmc", "2024-05-02", true)], ..p }, "mmc", "2024-05-01").cutoff.unwrap().date, Some(d("2019-03-01")));
}

/// A rules file with the older `after_designation = "cmc"` still works: only the CMC moves the cut-off.
#[test]
fn the_older_after_designation_key_still_reads() {
    let text = include_str!("../../src-tauri/core/programs/mmc.toml")
        .replace("after_designations = [\"cmc\", \"cmc-recert\"]", "after_designation = \"cmc\"");
    let program = clerkfolio_core::program::Program::parse(&text, "old.toml").unwrap();
    let p = Portfolio {
        designations: vec![designation(1, "cmc", "2019-03-01", false), designation(2, "cmc", "2024-05-02", true)],
        education: vec![sponsored(1, "academy", "2024-04-10", 12.0, Sponsor::StateAssociation)],
        ..Default::default()
    };
    let s = progress(&p, &program, d("2025-01-01"));
    assert_eq!(earned(&s, "advanced-education"), 6.0);
    assert_eq!(s.cutoff.unwrap().designation.as_deref(), Some("cmc"));
}

/// CMC education: a state-association institute session of 40 hours earns 40 / 2 = 20 points at
/// the sponsor's stated rate; a university-sponsored one of 40 hours earns nothing until its
/// points are entered (open), then the 15 entered are claimed; one whose sponsor is not recorded
/// keeps the inferred estimate, 20. Total 20 + 15 + 20 = 55.
#[test]
fn a_state_sponsored_institute_against_a_university_sponsored_one() {
    let mut university = sponsored(2, "institute", "2022-06-06", 40.0, Sponsor::University);
    let mut p = Portfolio {
        education: vec![
            sponsored(1, "institute", "2021-06-07", 40.0, Sponsor::StateAssociation),
            university.clone(),
            sponsored(3, "institute", "2023-06-05", 40.0, Sponsor::Unknown),
        ],
        ..Default::default()
    };
    let s = status(&p, "cmc", "2024-01-01");
    let state = record(&s, "education", 1);
    assert_eq!((state.item.as_str(), state.counted, state.basis), ("institute-state", 20.0, Basis::SponsorRate));
    let uni = record(&s, "education", 2);
    assert_eq!((uni.item.as_str(), uni.counted, uni.basis), ("institute-other", 0.0, Basis::NotEntered));
    let unknown = record(&s, "education", 3);
    assert_eq!((unknown.item.as_str(), unknown.counted, unknown.basis), ("institute", 20.0, Basis::Estimate));
    assert_eq!(earned(&s, "education"), 40.0);
    assert!(s.notes.iter().any(|n| n.contains("at the sponsor's stated rate") && n.contains("2 contact hours = 1 point")), "{:?}", s.notes);
    let items = &s.requirements[0].items;
    assert_eq!(items.iter().find(|i| i.id == "institute-state").unwrap().status, clerkfolio_core::program::Status::Sponsor);

    university.entered = Some(EnteredPoints { points: 15.0, reason: "stated on the certificate".into() });
    p.education[1] = university;
    let s = status(&p, "cmc", "2024-01-01");
    assert_eq!((record(&s, "education", 2).counted, record(&s, "education", 2).basis), (15.0, Basis::Claimed));
    assert_eq!(earned(&s, "education"), 55.0);
}

/// Region IX MMC Academy: "20 instructional hours … ten (10) points", toward the CMC as well
/// (NCAMC: "you will receive education points for attending a one day MMC Academy").
#[test]
fn an_mmc_academy_counts_toward_the_cmc() {
    let p = Portfolio { education: vec![sponsored(1, "academy", "2025-03-12", 20.0, Sponsor::StateAssociation)], ..Default::default() };
    let s = status(&p, "cmc", "2025-06-01");
    let r = record(&s, "education", 1);
    assert_eq!((r.item.as_str(), r.counted, r.basis), ("institute-state", 10.0, Basis::SponsorRate));
    assert_eq!(earned(&s, "education"), 10.0);
}

/// IIMC's MMC page: "Advanced Education" and "Professional Contributions"; the older name stays as a note.
#[test]
fn mmc_categories_carry_the_names_iimc_uses_now() {
    let s = status(&Portfolio::default(), "mmc", "2025-01-01");
    let labels: Vec<&str> = s.requirements.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["Advanced Education", "Professional Contributions"]);
    assert!(s.notes.iter().any(|n| n.contains("Professional and Social Contributions")), "{:?}", s.notes);
}

/// A record used for the CMC excluded from the MMC. IIMC's MMC page: material used, even in
/// part, for the CMC cannot count for the MMC; only material dated after the latest prior
/// designation counts at all. A clerk awarded the CMC on 2020-06-01 attends two association
/// programs after it, each 8 hours, intermediate, with the learning assessment:
///   8 hours / 4 hours per point = 2 Advanced Education points each, 4 in all.
/// On 2024-05-01 she sends a CMC application (her recertification) that uses the first one.
/// While that application stands (submitted, or approved), the first counts 0 toward the MMC:
///   MMC Advanced Education = 0 (used for the CMC) + 2 = 2 of 60 points.
/// IIMC returns the application: the first counts again, 2 + 2 = 4 points.
#[test]
fn a_record_used_for_the_cmc_is_excluded_from_the_mmc() {
    let mut sessions = Vec::new();
    for (id, date) in [(1, "2023-03-10"), (2, "2024-02-20")] {
        let mut e = education(id, "association", date, 8.0);
        e.level = Some(Level::Intermediate);
        e.assessment = true;
        sessions.push(e);
    }
    let cmc = Designation { id: 1, program: "cmc".into(), awarded_on: d("2020-06-01"), evidence: None, recertification: false };
    let mut p = Portfolio {
        memberships: vec![member(1, MemberType::Full, "2016-01-01", None)],
        designations: vec![cmc],
        education: sessions,
        ..Default::default()
    };
    // Nothing submitted: 2 + 2 = 4 points.
    let before = status(&p, "mmc", "2024-06-01");
    assert_eq!((record(&before, "advanced-education", 1).counted, record(&before, "advanced-education", 2).counted), (2.0, 2.0));
    assert_eq!(earned(&before, "advanced-education"), 4.0);

    // The CMC application of 2024-05-01 used record 1: 0 + 2 = 2 points, the reason in words.
    p.applications = vec![Submitted {
        application: 1,
        program: "cmc".into(),
        submitted_on: d("2024-05-01"),
        returned: false,
        records: vec![(RecordKind::Education, 1)],
    }];
    let used = status(&p, "mmc", "2024-06-01");
    let first = record(&used, "advanced-education", 1);
    assert_eq!((first.counted, first.basis), (0.0, Basis::Excluded));
    assert_eq!(first.excluded.as_deref(), Some("used in the CMC application submitted on 2024-05-01: material used for the CMC cannot count again"));
    assert_eq!(record(&used, "advanced-education", 2).counted, 2.0);
    assert_eq!(earned(&used, "advanced-education"), 2.0);
    // The CMC itself still counts it: the exclusion is the MMC's rule.
    assert!(record(&status(&p, "cmc", "2024-06-01"), "education", 1).counted > 0.0);

    // Returned by IIMC: 2 + 2 = 4 points again.
    p.applications[0].returned = true;
    assert_eq!(earned(&status(&p, "mmc", "2024-06-01"), "advanced-education"), 4.0);
}

/// IIMC's Education PLUS Program (EPP): 30 hours per two-year cycle, 1 July of an odd year to
/// 31 July two years later; no hours carried over. MMC awarded 2024-06-01. Records:
///   A 2024-10-01 webinar,            6 h  -> cycle 2023-07-01 to 2025-07-31
///   B 2025-07-14 to 07-15 academy,  12 h  -> July 2025 lies in both cycles: the ending one (inferred)
///   C 2025-09-10 to 09-12 academy,  20 h  -> cycle 2025-07-01 to 2027-07-31
///   D 2027-03-01 course,             8 h  -> cycle 2025-07-01 to 2027-07-31
/// On 2025-07-20: the first cycle, A + B = 6 + 12 = 18 of 30 hours (12 short).
/// On 2027-06-01: the second cycle, C + D = 20 + 8 = 28 of 30 (2 short); A and B do not carry over.
/// With 2 more hours (E, 2027-06-15) on 2027-07-01: 30 of 30, met.
#[test]
fn an_epp_cycle_with_hours_in_two_cycles() {
    let mut p = Portfolio {
        designations: vec![designation(1, "cmc", "2019-03-01", false), designation(2, "mmc", "2024-06-01", false)],
        education: vec![
            education(1, "webinar", "2024-10-01", 6.0),
            Education { end: Some(d("2025-07-15")), ..education(2, "academy", "2025-07-14", 12.0) },
            Education { end: Some(d("2025-09-12")), ..education(3, "academy", "2025-09-10", 20.0) },
            education(4, "course", "2027-03-01", 8.0),
        ],
        ..Default::default()
    };
    let s = status(&p, "epp", "2025-07-20");
    let cycle = s.cycle.expect("the EPP is counted in cycles");
    assert_eq!((cycle.start, cycle.end), (d("2023-07-01"), d("2025-07-31")));
    let hours = &s.requirements[0];
    assert_eq!((hours.id.as_str(), hours.earned, hours.required, hours.met), ("hours", 18.0, 30.0, false));
    assert_eq!(hours.unit, clerkfolio_core::program::Unit::Hours);
    assert_eq!((record(&s, "hours", 1).counted, record(&s, "hours", 2).counted), (6.0, 12.0));
    assert!(s.missing.iter().any(|m| m == "Education hours in the cycle: 12 more hours needed (18 of 30)."), "{:?}", s.missing);
    assert!(s.checks.iter().any(|c| c.id == "prerequisite:mmc" && c.met), "{:?}", s.checks);
    assert!(s.notes.iter().any(|n| n.starts_with("Hours marked 'estimate' are counted by a reading")), "hours, not points: {:?}", s.notes);

    let s = status(&p, "epp", "2027-06-01");
    let cycle = s.cycle.unwrap();
    assert_eq!((cycle.start, cycle.end, cycle.counts_from), (d("2025-07-01"), d("2027-07-31"), d("2025-08-01")));
    assert_eq!(earned(&s, "hours"), 28.0);
    assert_eq!(
        record(&s, "hours", 1).excluded.as_deref(),
        Some("dated 2024-10-01, in the cycle 2023-07-01 to 2025-07-31: hours do not carry over to the cycle 2025-07-01 to 2027-07-31")
    );
    assert_eq!(record(&s, "hours", 2).basis, Basis::Excluded, "July 2025 counts toward the cycle ending then, not both");
    assert_eq!((record(&s, "hours", 3).counted, record(&s, "hours", 4).counted), (20.0, 8.0));
    assert!(!s.eligible);

    p.education.push(education(5, "in-service", "2027-06-15", 2.0));
    let s = status(&p, "epp", "2027-07-01");
    assert_eq!((earned(&s, "hours"), s.requirements[0].met, s.eligible), (30.0, true, true));
    // Without the MMC the hours still add up, but the prerequisite is not met.
    p.designations.pop();
    let s = status(&p, "epp", "2027-07-01");
    assert_eq!((earned(&s, "hours"), s.eligible), (30.0, false));
}
