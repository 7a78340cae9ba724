//! Properties of the rules on random portfolios: adding a record never lowers a total, and no
//! item ever exceeds its cap, for every built-in program.

use chrono::{Days, NaiveDate};
use clerkfolio_core::model::*;
use clerkfolio_core::program::Programs;
use clerkfolio_core::rules::progress;
use proptest::prelude::*;

const EDUCATION: &[&str] = &["institute", "academy", "association", "course", "conference", "webinar", "degree", "degree-bachelor-related", "in-service", "other"];
const EXPERIENCE: &[&str] = &["service", "service-local-other", "conference", "conference-iimc", "conference-state", "regional-meeting", "association", "committee", "committee-chair", "teaching", "other"];

fn day(offset: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2015, 1, 1).unwrap() + Days::new(offset as u64)
}

fn education() -> impl Strategy<Value = Education> {
    (0..EDUCATION.len(), 0u32..4000, 0u32..10, 0.0f64..130.0, proptest::option::of(0.0f64..40.0), 0u8..4, any::<bool>())
        .prop_map(|(c, start, len, hours, points, level, assessment)| Education {
            id: 0,
            title: "t".into(),
            provider: "p".into(),
            category: EDUCATION[c].into(),
            certificate: String::new(),
            start: day(start),
            end: (len > 0).then(|| day(start + len)),
            hours: (hours * 4.0).round() / 4.0,
            entered: points.map(|points| EnteredPoints { points, reason: "r".into() }),
            learned: String::new(),
            level: [None, Some(Level::Basic), Some(Level::Intermediate), Some(Level::Advanced)][level as usize],
            assessment,
            recorded_on: None,
            evidence: vec![],
            from_certificate: false,
            planned: false,
            sponsor: Sponsor::Unknown,
        })
}

fn experience() -> impl Strategy<Value = Experience> {
    (0..EXPERIENCE.len(), 0u32..4000, proptest::option::of(0u32..3000), proptest::option::of(0.0f64..30.0)).prop_map(
        |(c, start, len, points)| Experience {
            id: 0,
            category: EXPERIENCE[c].into(),
            title: "t".into(),
            organisation: String::new(),
            start: day(start),
            end: len.map(|l| day(start + l)),
            entered: points.map(|points| EnteredPoints { points, reason: "r".into() }),
            notes: String::new(),
            recorded_on: None,
            evidence: vec![],
            letters: vec![],
            planned: false,
        },
    )
}

fn portfolio() -> impl Strategy<Value = Portfolio> {
    (proptest::collection::vec(education(), 0..25), proptest::collection::vec(experience(), 0..15), proptest::option::of(0u32..4000))
        .prop_map(|(mut education, mut experience, cmc)| {
            for (i, e) in education.iter_mut().enumerate() {
                e.id = i as i64 + 1;
            }
            for (i, e) in experience.iter_mut().enumerate() {
                e.id = i as i64 + 1;
            }
            Portfolio {
                education,
                experience,
                designations: cmc.map(|c| Designation { id: 1, program: "cmc".into(), awarded_on: day(c), evidence: None, recertification: false }).into_iter().collect(),
                memberships: vec![Membership { id: 1, member_type: MemberType::Full, organisation: "IIMC".into(), start: day(100), end: None }],
                ..Default::default()
            }
        })
}

/// `base` with the education record (`education`) or the experience record added as id 1000.
fn with_one_more(base: &Portfolio, e: Education, x: Experience, education: bool, planned: bool) -> Portfolio {
    let mut more = base.clone();
    if education {
        more.education.push(Education { id: 1000, planned, ..e });
    } else {
        more.experience.push(Experience { id: 1000, planned, ..x });
    }
    more
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn adding_a_record_never_lowers_a_total(
        base in portfolio(), extra_edu in education(), extra_exp in experience(), as_of in 0u32..4500, which in any::<bool>()
    ) {
        let programs = Programs::built_in();
        let as_of = day(as_of);
        let more = with_one_more(&base, extra_edu, extra_exp, which, false);
        for id in programs.ids() {
            let program = programs.get(&id, as_of).unwrap();
            let before = progress(&base, program, as_of);
            let after = progress(&more, program, as_of);
            prop_assert_eq!(before.requirements.len(), after.requirements.len());
            for (b, a) in before.requirements.iter().zip(&after.requirements) {
                prop_assert!(a.earned + 1e-9 >= b.earned, "{id}/{}: {} -> {}", b.id, b.earned, a.earned);
            }
        }
    }

    #[test]
    fn caps_are_never_exceeded_and_totals_add_up(p in portfolio(), as_of in 0u32..4500) {
        let programs = Programs::built_in();
        let as_of = day(as_of);
        for id in programs.ids() {
            let program = programs.get(&id, as_of).unwrap();
            let s = progress(&p, program, as_of);
            // zip() stops at the shorter list: the lengths must agree, or a requirement would go unchecked.
            prop_assert_eq!(s.requirements.len(), program.requirements.len());
            for (r, spec) in s.requirements.iter().zip(&program.requirements) {
                let items: f64 = r.items.iter().map(|i| i.earned).sum();
                let records: f64 = r.records.iter().map(|x| x.counted).sum();
                prop_assert!((r.earned - items).abs() < 1e-9 && (r.earned - records).abs() < 1e-9);
                prop_assert_eq!(r.items.len(), spec.items.len());
                for (item, item_spec) in r.items.iter().zip(&spec.items) {
                    if let Some(max) = item_spec.max {
                        prop_assert!(item.earned <= max + 1e-9, "{id}/{}: {} > {max}", item.id, item.earned);
                    }
                    prop_assert!(item.earned >= 0.0);
                }
            }
        }
    }

    #[test]
    fn planning_a_record_changes_nothing_earned_and_never_delays_the_projection(
        base in portfolio(), extra_edu in education(), extra_exp in experience(), as_of in 0u32..4500, which in any::<bool>()
    ) {
        let programs = Programs::built_in();
        let as_of = day(as_of);
        let more = with_one_more(&base, extra_edu, extra_exp, which, true);
        for id in programs.ids() {
            let program = programs.get(&id, as_of).unwrap();
            let before = progress(&base, program, as_of);
            let after = progress(&more, program, as_of);
            prop_assert_eq!((before.eligible, before.eligible_on), (after.eligible, after.eligible_on), "{}", id);
            prop_assert_eq!(before.requirements.len(), after.requirements.len());
            for (b, a) in before.requirements.iter().zip(&after.requirements) {
                prop_assert!((a.earned - b.earned).abs() < 1e-9, "{id}/{}: {} -> {}", b.id, b.earned, a.earned);
                prop_assert!(a.planned >= 0.0, "{id}/{}: {}", a.id, a.planned);
            }
            // What the planned record can only bring forward (a record never lowers a total).
            if let Some(on) = after.eligible_on {
                prop_assert!(after.projected_eligible_on.is_some_and(|p| p <= on), "{id}: {:?} after {on}", after.projected_eligible_on);
            }
        }
    }
}
