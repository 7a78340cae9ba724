//! Planned records (registered for, not yet happened): never earned, reported apart with the
//! points they would add (caps applied as if earned) and the projected eligibility date.
//! Exact figures on the built-in programs, through the public rules API.

use clerkfolio_core::model::*;
use clerkfolio_core::rules::{Basis, Progress};

use crate::rules_examples::{d, earned, education, experience, ready_clerk, record, status};

fn planned_points(p: &Progress, requirement: &str) -> f64 {
    p.requirements.iter().find(|r| r.id == requirement).unwrap().planned
}

fn planned(mut e: Experience) -> Experience {
    e.planned = true;
    e
}

/// Everything met on 2026-06-15 but experience: 44 of 50 claimed points, 6 short.
fn six_points_short() -> Portfolio {
    let mut p = ready_clerk();
    p.experience[0].entered = Some(EnteredPoints { points: 44.0, reason: "claimed".into() });
    p
}

#[test]
fn two_planned_activities_that_close_the_gap_give_the_day_of_the_one_that_closes_it() {
    let mut p = six_points_short();
    p.experience.push(planned(experience(2, "conference-state", "2026-09-20", Some("2026-09-22"), Some(3.0))));
    p.experience.push(planned(experience(3, "conference-iimc", "2027-03-14", Some("2027-03-17"), Some(4.0))));
    let s = status(&p, "cmc", "2026-06-15");

    assert_eq!((earned(&s, "experience"), planned_points(&s, "experience")), (44.0, 7.0), "planned apart, never earned");
    assert_eq!((s.eligible, s.eligible_on), (false, None), "eligibility is what has happened");
    assert_eq!(s.projected_eligible_on, Some(d("2027-03-17")), "44 + 3 = 47 in September, + 4 = 51 on the conference's last day");
    for id in [2, 3] {
        let row = record(&s, "experience", id);
        assert!(row.planned && row.counted == 0.0 && row.basis == Basis::Excluded, "{row:?}");
        assert!(row.excluded.as_deref().unwrap().starts_with("planned for "), "{row:?}");
    }
    assert!(!record(&s, "experience", 100).planned);
    assert_eq!(
        s.missing,
        [
            "Experience: 6 more points needed (44 of 50; 7 more planned).",
            "With the 2 planned activities you would be eligible on 2027-03-17; without them, 6 points short."
        ]
    );
    assert_eq!(s.steps.last().unwrap().hint, None);
}

#[test]
fn a_planned_record_never_raises_earned_even_when_its_date_has_passed() {
    let mut p = six_points_short();
    p.experience.push(planned(experience(2, "committee", "2026-05-01", None, Some(6.0))));
    let s = status(&p, "cmc", "2026-06-15");
    assert_eq!((earned(&s, "experience"), planned_points(&s, "experience")), (44.0, 6.0));
    assert_eq!((s.eligible, s.eligible_on), (false, None));
    assert!(s.checks.iter().any(|c| c.id == "points:experience" && !c.met));
    assert_eq!(s.projected_eligible_on, Some(d("2026-05-01")), "once marked done it counts from its own date");
    assert_eq!(s.missing[1], "With the planned activity you would be eligible on 2026-05-01; without them, 6 points short.");

    // Marked done, the same record is earned and the two dates agree.
    p.experience[1].planned = false;
    let done = status(&p, "cmc", "2026-06-15");
    assert_eq!((earned(&done, "experience"), planned_points(&done, "experience")), (50.0, 0.0));
    assert_eq!((done.eligible, done.eligible_on, done.projected_eligible_on), (true, Some(d("2026-05-01")), Some(d("2026-05-01"))));
}

#[test]
fn the_projected_date_is_null_when_even_the_planned_records_do_not_suffice() {
    let mut p = six_points_short();
    p.experience.push(planned(experience(2, "conference-state", "2026-09-20", Some("2026-09-22"), Some(2.0))));
    let s = status(&p, "cmc", "2026-06-15");
    assert_eq!((earned(&s, "experience"), planned_points(&s, "experience")), (44.0, 2.0));
    assert_eq!((s.eligible_on, s.projected_eligible_on), (None, None));
    assert_eq!(s.missing.last().unwrap(), "Even with the planned activity, 4 more points are needed.");
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!((&json["projected_eligible_on"], &json["requirements"][1]["planned"]), (&serde_json::Value::Null, &serde_json::json!(2.0)));
}

#[test]
fn without_planned_records_the_projected_date_is_the_eligibility_date() {
    let mut p = ready_clerk();
    p.memberships[0].start = d("2025-03-15");
    let s = status(&p, "cmc", "2026-06-15");
    assert_eq!((s.eligible, s.eligible_on, s.projected_eligible_on), (false, Some(d("2027-03-15")), Some(d("2027-03-15"))));
    assert!(s.requirements.iter().all(|r| r.planned == 0.0));
    assert!(!s.missing.iter().any(|m| m.contains("planned")), "{:?}", s.missing);
}

#[test]
fn caps_apply_to_planned_points_as_if_they_were_earned() {
    // Minnesota: a state conference is 4 points, at most 20. Four attended (16), three planned:
    // 12 more before the cap, 4 after it.
    let mut p = Portfolio::default();
    for (id, start) in [(1, "2022-09-20"), (2, "2023-09-19"), (3, "2024-09-17"), (4, "2025-09-16")] {
        p.experience.push(experience(id, "conference-state", start, None, None));
    }
    for (id, start) in [(5, "2026-09-15"), (6, "2027-09-14"), (7, "2028-09-12")] {
        p.experience.push(planned(experience(id, "conference-state", start, None, None)));
    }
    let s = status(&p, "mn-cmc", "2026-06-15");
    let item = &s.requirements.iter().find(|r| r.id == "experience").unwrap().items.iter().find(|i| i.id == "state-conference").unwrap().clone();
    assert_eq!((item.earned, item.uncapped, item.capped), (16.0, 16.0, false), "planned records are not in the item's figures");
    assert_eq!((earned(&s, "experience"), planned_points(&s, "experience")), (16.0, 4.0));
}

#[test]
fn a_planned_course_counts_in_the_projection_from_its_last_day() {
    // 40 education points done; the third institute week planned for March 2027 (20 points).
    let mut p = ready_clerk();
    let mut week = education(3, "institute", "2027-03-15", 40.0);
    week.end = Some(d("2027-03-19"));
    week.planned = true;
    p.education[2] = week;
    let s = status(&p, "cmc", "2026-06-15");
    assert_eq!((earned(&s, "education"), planned_points(&s, "education")), (40.0, 20.0));
    assert_eq!((s.eligible_on, s.projected_eligible_on), (None, Some(d("2027-03-19"))));
    assert_eq!(
        s.missing,
        [
            "Education: 20 more points needed (40 of 60; 20 more planned).",
            "With the planned activity you would be eligible on 2027-03-19; without them, 20 points short."
        ]
    );
}

#[test]
fn a_planned_position_is_not_held_for_the_employment_letter() {
    // The only current position is one she starts next year: no letter is asked of it yet.
    let mut p = ready_clerk();
    p.experience[0].end = Some(d("2026-01-31"));
    let mut next = experience(2, "service", "2027-01-04", None, None);
    next.planned = true;
    next.letters = vec![2];
    p.experience.push(next);
    let s = status(&p, "cmc", "2027-02-01");
    let letter = s.checks.iter().find(|c| c.id == "employment-letter").unwrap();
    assert_eq!((letter.met, letter.detail.as_str()), (false, "no current position recorded"));
    assert_eq!(s.projected_eligible_on, Some(d("2027-01-04")), "with the position taken up, its letter answers");
}
