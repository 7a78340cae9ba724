//! Planned records on the command line: a future date is refused unless planned, `--planned`
//! and `--done`, the `status --json` fields (`projected_eligible_on`, `planned`), the text status
//! and the "did it happen?" follow-up (the helpers are the parent module's).

use serde_json::{Value, json};

use super::*;

impl Folio {
    /// `clerkfolio --data-dir DATA ARGS...` on another day than `TODAY`.
    fn run_on(&self, day: &str, args: &[&str]) -> Run {
        let mut c = self.command();
        c.env("CLERKFOLIO_TODAY", day);
        run_with(c, &self.data, args)
    }

    /// Everything met but 20 education points: membership, ethics, a position with its letter and
    /// 50 points, two institute weeks (40 points).
    fn twenty_points_short(&self) {
        self.init();
        self.run(&["membership", "add", "--type", "full", "--start", "2020-01-01"]).ok();
        self.run(&["profile", "set", "--ethics-affirmed", "2024-01-01"]).ok();
        let letter = self.png("letter.png", 40);
        self.run(&["experience", "add", "--category", "service", "--title", "City Clerk", "--start", "2020-01-01", "--points", "50", "--reason", "claimed", "--letter", s(&letter)]).ok();
        for (year, start, end) in [("1", "2021-03-15", "2021-03-19"), ("2", "2022-03-14", "2022-03-18")] {
            let title = format!("Clerks Institute, Year {year}");
            self.run(&["education", "add", "--title", &title, "--provider", "St. Cloud State", "--date", start, "--end-date", end, "--hours", "40", "--category", "institute"]).ok();
        }
    }
}

const YEAR_3: [&str; 14] = [
    "education", "add", "--title", "Clerks Institute, Year 3", "--provider", "St. Cloud State", "--date", "2027-03-15",
    "--end-date", "2027-03-19", "--hours", "40", "--category", "institute",
];

#[test]
fn a_record_dated_after_today_is_refused_unless_planned() {
    let f = Folio::new();
    f.init();
    let err = f.run(&YEAR_3).refused();
    assert!(err.contains("dated 2027-03-19, after today (2026-06-15)") && err.contains("planned") && err.ends_with("(--planned)"), "{err}");
    let err = f.run(&["experience", "add", "--category", "conference-iimc", "--title", "IIMC Annual Conference", "--start", "2027-05-16"]).refused();
    assert!(err.contains("dated 2027-05-16, after today") && err.ends_with("(--planned)"), "{err}");
    assert_eq!((f.list("education"), f.list("experience")), (json!([]), json!([])), "nothing recorded");

    let course = f.run(&[&YEAR_3[..], &["--planned"]].concat()).ok().id();
    let conference = f.run(&["experience", "add", "--category", "conference-iimc", "--title", "IIMC Annual Conference", "--start", "2027-05-16", "--planned"]).ok().id();
    assert_eq!(by_id(&f.list("education"), course)["planned"], true);
    assert_eq!(by_id(&f.list("experience"), conference)["planned"], true);
    let text = f.run(&["list", "education"]).ok().stdout;
    assert!(text.contains("Clerks Institute, Year 3 — St. Cloud State  (planned)"), "{text}");

    // A planned record may be in the past too (marked done later); today's records need no flag.
    f.run(&["education", "add", "--title", "Ethics webinar", "--provider", "IIMC", "--date", "2026-05-01", "--hours", "1", "--category", "webinar", "--planned"]).ok();
    let webinar = f.run(&["education", "add", "--title", "Records webinar", "--provider", "IIMC", "--date", TODAY, "--hours", "1", "--category", "webinar"]).ok().id();

    // Moving a done record into the future is refused with the command that plans it.
    let err = f.run(&["experience", "edit", &conference.to_string(), "--done"]).refused();
    assert!(err.contains("cannot be marked done before it has happened"), "{err}");
    let id = webinar.to_string();
    let err = f.run(&["education", "edit", &id, "--date", "2026-07-01"]).refused();
    assert!(err.contains("would be dated 2026-07-01, after today") && err.ends_with(&format!("(clerkfolio education edit {id} --planned)")), "{err}");
    f.run(&["education", "edit", &id, "--date", "2026-07-01", "--planned"]).ok();
    assert_eq!(by_id(&f.list("education"), webinar)["planned"], true);
}

#[test]
fn status_projects_the_date_with_the_planned_records_and_done_makes_them_count() {
    let f = Folio::new();
    f.twenty_points_short();
    let course = f.run(&[&YEAR_3[..], &["--planned"]].concat()).ok().id();

    let status = f.run(&["status", "--json"]).ok().json();
    assert_eq!((&status["eligible"], &status["eligible_on"]), (&json!(false), &Value::Null));
    assert_eq!(status["projected_eligible_on"], "2027-03-19");
    let education = &status["requirements"][0];
    assert_eq!((&education["earned"], &education["planned"]), (&json!(40.0), &json!(20.0)));
    assert_eq!(status["requirements"][1]["planned"], json!(0.0));
    let row = education["records"].as_array().unwrap().iter().find(|r| r["id"] == course).unwrap();
    assert_eq!((&row["planned"], &row["counted"], &row["basis"]), (&json!(true), &json!(0.0), &json!("excluded")));
    assert_eq!(
        status["missing"],
        json!([
            "Education: 20 more points needed (40 of 60; 20 more planned).",
            "With the planned activity you would be eligible on 2027-03-19; without them, 20 points short."
        ])
    );
    let text = f.run(&["status"]).ok().stdout;
    for line in [
        "20 to go (+20 planned)",
        "2027-03-19 Clerks Institute, Year 3",
        "planned: counts once it has happened and is marked done",
        "Projected with the planned activity: eligible on 2027-03-19",
    ] {
        assert!(text.contains(line), "{line:?} in\n{text}");
    }

    // Done is refused while its date is ahead; accepted once it has happened, with the certificate.
    let id = course.to_string();
    let err = f.run(&["education", "edit", &id, "--done"]).refused();
    assert!(err.contains("is dated 2027-03-19, after today (2026-06-15): it cannot be marked done"), "{err}");
    assert_eq!(by_id(&f.list("education"), course)["planned"], true, "still planned");

    let reminders = f.run(&["reminders", "--today", "2027-03-20", "--json"]).ok().json();
    let asked = reminders.as_array().unwrap().iter().find(|r| r["id"] == format!("planned:education:{course}")).expect("the follow-up");
    assert_eq!((&asked["kind"], &asked["screen"], &asked["actionable"]), (&json!("planned-done"), &json!("education"), &json!(true)));
    assert_eq!(asked["hint"], format!("clerkfolio education edit {course} --done --evidence FILE"));

    let certificate = f.png("year-3.png", 41);
    f.run_on("2027-03-20", &["education", "edit", &id, "--done", "--evidence", s(&certificate)]).ok();
    assert_eq!(by_id(&f.list("education"), course)["planned"], false);
    let status = f.run(&["status", "--today", "2027-03-20", "--json"]).ok().json();
    assert_eq!((&status["eligible"], &status["eligible_on"], &status["projected_eligible_on"]), (&json!(true), &json!("2027-03-19"), &json!("2027-03-19")));
    assert_eq!((&status["requirements"][0]["earned"], &status["requirements"][0]["planned"]), (&json!(60.0), &json!(0.0)));
    let reminders = f.run(&["reminders", "--today", "2027-03-20", "--json"]).ok().json();
    assert!(!reminders.as_array().unwrap().iter().any(|r| r["kind"] == "planned-done"), "{reminders}");
}

#[test]
fn projected_eligible_on_is_null_when_the_planned_records_do_not_suffice() {
    let f = Folio::new();
    f.twenty_points_short();
    f.run(&["education", "add", "--title", "Regional conference", "--provider", "IIMC", "--date", "2026-10-01", "--hours", "6", "--category", "conference", "--points", "5", "--reason", "stated", "--planned"]).ok();
    let status = f.run(&["status", "--json"]).ok().json();
    assert_eq!((&status["eligible_on"], &status["projected_eligible_on"]), (&Value::Null, &Value::Null));
    assert_eq!(status["requirements"][0]["planned"], json!(5.0));
    assert_eq!(status["missing"].as_array().unwrap().last().unwrap(), "Even with the planned activity, 15 more points are needed.");
    assert!(f.run(&["status"]).ok().stdout.contains("Projected with the planned activity: still not eligible"));
}
