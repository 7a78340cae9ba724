//! Status and programs: the documented JSON, eligibility dates, what is missing, rules files,
//! through the real binary (the helpers are the parent module's).

use serde_json::{Value, json};

use super::*;

// ------------------------------------------------------------------ status

#[test]
fn status_json_has_the_documented_shape() {
    let f = Folio::new();
    f.init();
    let status = f.run(&["status", "--program", "cmc", "--today", "2026-11-24", "--json"]).ok().json();
    assert_eq!(status["program"], "cmc");
    assert_eq!(status["as_of"], "2026-11-24");
    let reqs = status["requirements"].as_array().unwrap();
    let ids: Vec<&str> = reqs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["education", "experience"]);
    for r in reqs {
        assert!(r["label"].is_string(), "{r}");
        assert_eq!(r["earned"].as_f64(), Some(0.0), "{r}");
        assert!(r["required"].as_f64().unwrap() > 0.0, "{r}");
        assert_eq!(r["met"], json!(false));
    }
    assert_eq!(reqs[0]["required"].as_f64(), Some(60.0));
    assert_eq!(reqs[1]["required"].as_f64(), Some(50.0));
    assert_eq!(status["eligible"], json!(false));
    assert_eq!(status["eligible_on"], Value::Null, "no membership and no points: no date can be known");
    let missing = status["missing"].as_array().unwrap();
    assert!(!missing.is_empty());
    assert!(missing.iter().all(Value::is_string));

    // Every program answers; the default program is cmc and the default day is today.
    for p in ["cmc", "epp", "mmc", "mn-cmc"] {
        let st = f.run(&["status", "--program", p, "--today", "2026-11-24", "--json"]).ok().json();
        assert_eq!(st["program"], p);
        assert_eq!(st["eligible"], json!(false), "{p}: an empty portfolio is not eligible");
        f.run(&["status", "--program", p, "--today", "2026-11-24"]).ok();
    }
    assert_eq!(f.run(&["status", "--json"]).ok().json()["program"], "cmc");

    let err = f.run(&["status", "--program", "cpa", "--today", "2026-11-24"]).refused();
    assert!(err.contains("cpa") && err.contains("cmc"), "{err}");
    let err = f.run(&["status", "--today", "2026-02-30"]).refused();
    assert!(err.contains("2026-02-30"), "{err}");
}

#[test]
fn status_reaches_eligibility_on_the_day_membership_reaches_two_years() {
    let f = Folio::new();
    f.init();
    f.run(&["membership", "add", "--type", "full", "--start", "2024-03-15"]).ok();
    f.run(&["profile", "set", "--name", "Wójcik-Łęczyńska", "--ethics-affirmed", "2024-01-15"]).ok();
    for (year, date, end) in [(1, "2023-03-20", "2023-03-24"), (2, "2024-03-18", "2024-03-22"), (3, "2025-03-17", "2025-03-21")] {
        f.run(&["education", "add", "--title", &format!("Municipal Clerks Institute, Year {year}"), "--provider", "St. Cloud State",
            "--date", date, "--end-date", end, "--hours", "40", "--category", "institute"])
            .ok();
    }
    let letter = f.png("letter.png", 50);
    f.run(&["experience", "add", "--category", "service", "--title", "City Clerk", "--organisation", "City", "--start", "2019-05-01",
        "--points", "50", "--reason", "claimed", "--letter", s(&letter)])
        .ok();

    let before = f.run(&["status", "--program", "cmc", "--today", "2026-03-14", "--json"]).ok().json();
    assert_eq!(before["eligible"], json!(false), "{before:#}");
    assert_eq!(before["eligible_on"], "2026-03-15", "{before:#}");
    for r in before["requirements"].as_array().unwrap() {
        assert_eq!(r["met"], json!(true), "points are complete already: {r}");
        assert!(r["earned"].as_f64().unwrap() >= r["required"].as_f64().unwrap(), "{r}");
    }
    let missing = before["missing"].as_array().unwrap();
    assert!(missing.iter().any(|m| m.as_str().unwrap().contains("2026-03-15")), "{missing:?}");

    let on = f.run(&["status", "--program", "cmc", "--today", "2026-03-15", "--json"]).ok().json();
    assert_eq!(on["eligible"], json!(true), "{on:#}");
    assert_eq!(on["missing"], json!([]));
    let text = f.run(&["status", "--today", "2026-03-15"]).ok().stdout;
    assert!(text.contains("Eligible: yes"), "{text}");

    // Without the letter the same day is not eligible.
    let exp = f.list("experience")[0]["id"].as_i64().unwrap();
    let letter_id = f.list("experience")[0]["letters"][0].as_i64().unwrap();
    f.run(&["experience", "remove", &exp.to_string()]).ok();
    f.run(&["experience", "add", "--category", "service", "--title", "City Clerk", "--start", "2019-05-01", "--points", "50", "--reason", "claimed"]).ok();
    let without = f.run(&["status", "--today", "2026-03-15", "--json"]).ok().json();
    assert_eq!(without["eligible"], json!(false));
    assert!(without["missing"].as_array().unwrap().iter().any(|m| m.as_str().unwrap().contains("letter")), "{without:#}");
    f.run(&["evidence", "remove", &letter_id.to_string()]).ok();
}

/// With one unbroken membership period there is no lapse, so the continuous and cumulative
/// readings of "two years of membership" must give the same day, and `missing` must not talk
/// about "time before a lapse".
#[test]
fn without_a_lapse_the_other_reading_is_not_mentioned() {
    let f = Folio::new();
    f.init();
    f.run(&["membership", "add", "--type", "full", "--start", "2024-03-15"]).ok();
    let st = f.run(&["status", "--program", "cmc", "--today", "2026-03-14", "--json"]).ok().json();
    let m = &st["membership"];
    assert_eq!(m["lapses"], json!([]), "{m}");
    assert_eq!(m["eligible_on_continuous"], "2026-03-15", "{m}");
    // 730 inclusive days (docs/domain/iimc-research.md §3.5, example 8): a day before the
    // calendar date across a leap year. Expected, and not worth a word without a lapse.
    assert_eq!(m["eligible_on_cumulative"], "2026-03-14", "{m}");
    for line in st["missing"].as_array().unwrap().iter().chain(st["notes"].as_array().unwrap()) {
        let line = line.as_str().unwrap();
        assert!(!line.contains("lapse") && !line.contains("2026-03-14"), "there is no lapse: {line}");
    }
}

#[test]
fn with_no_membership_recorded_status_asks_to_record_one_not_to_renew_it() {
    let f = Folio::new();
    f.init();
    let st = f.run(&["status", "--program", "cmc", "--today", "2026-03-14", "--json"]).ok().json();
    let said = "Membership: no IIMC membership is recorded; record your membership (its type and the day it began).";
    let step = st["steps"].as_array().unwrap().iter().find(|s| s["text"] == said).unwrap_or_else(|| panic!("{st}"));
    assert_eq!(step["hint"], "clerkfolio membership add --type full --start YYYY-MM-DD");
    assert!(st["missing"].as_array().unwrap().iter().all(|m| !m.as_str().unwrap().contains("renew")), "{}", st["missing"]);
    // Recorded, then ended: now it is a renewal.
    f.run(&["membership", "add", "--type", "full", "--start", "2020-01-01", "--end", "2024-12-31"]).ok();
    let st = f.run(&["status", "--program", "cmc", "--today", "2026-03-14", "--json"]).ok().json();
    let missing: Vec<&str> = st["missing"].as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
    assert!(missing.contains(&"Membership: you are not an active IIMC member on this day; renew your membership (and record the new period)."), "{missing:?}");
    assert!(!missing.contains(&said), "{missing:?}");
}

#[test]
fn records_without_points_are_named_in_what_is_missing() {
    let f = Folio::new();
    f.init();
    let status = |f: &Folio| f.run(&["status", "--program", "cmc", "--today", "2026-03-14", "--json"]).ok().json();
    f.run(&["experience", "add", "--category", "committee", "--title", "Elections committee", "--start", "2021-01-01", "--end", "2022-12-31"]).ok();
    let one = status(&f);
    let step = one["steps"].as_array().unwrap().iter().find(|s| s["text"].as_str().unwrap().contains("no points entered")).unwrap_or_else(|| panic!("{one}"));
    assert_eq!(step["text"], "Experience: no points entered for \"Elections committee\"; enter the points IIMC awarded or that you claim.");
    assert_eq!(step["hint"], "clerkfolio experience edit 1 --points X --reason R");
    assert_eq!(step["records"], json!(["experience:1"]), "the records it names, for the app to link to");
    f.run(&["experience", "add", "--category", "committee", "--title", "Budget committee", "--start", "2023-01-01"]).ok();
    let two = status(&f);
    let missing: Vec<&str> = two["missing"].as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
    assert!(
        missing.contains(&"Experience: no points entered for \"Elections committee\" and \"Budget committee\"; enter the points IIMC awarded or that you claim."),
        "{missing:?}"
    );
    assert!(missing.iter().all(|m| !m.contains("record(s)")), "{missing:?}");
    let step = two["steps"].as_array().unwrap().iter().find(|s| s["text"].as_str().unwrap().contains("no points entered")).unwrap();
    assert_eq!(step["records"], json!(["experience:1", "experience:2"]));
}

// ------------------------------------------------------------------ programs

#[test]
fn programs_list_show_and_check() {
    let f = Folio::new();
    let list = f.run(&["programs"]).ok().stdout;
    let ids: Vec<&str> = list.lines().filter_map(|l| l.split_whitespace().next()).filter(|w| ["cmc", "epp", "mmc", "mn-cmc"].contains(w)).collect();
    assert_eq!(ids, ["cmc", "epp", "mmc", "mn-cmc"], "{list}");
    let json = f.run(&["programs", "--json"]).ok().json();
    let json_ids: Vec<&str> = json.as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(json_ids, ["cmc", "epp", "mmc", "mn-cmc"]);

    let show = f.run(&["programs", "show", "cmc"]).ok().stdout;
    let (education, experience) = show.split_once("Experience category ids:").expect("both category lists");
    let category_ids = |text: &str| -> BTreeSet<String> {
        text.split_once("category ids:")
            .map_or(text, |(_, rest)| rest)
            .lines()
            .filter_map(|l| l.strip_prefix("  ").and_then(|l| l.split_whitespace().next()))
            .map(String::from)
            .collect()
    };
    let edu_ids = category_ids(education.rsplit_once("Education category ids:").unwrap().1);
    for c in ["institute", "association", "course", "conference", "webinar", "degree"] {
        assert!(edu_ids.contains(c), "education category {c} missing: {edu_ids:?}");
    }
    let exp_ids = category_ids(experience);
    for c in ["service", "committee", "teaching"] {
        assert!(exp_ids.contains(c), "experience category {c} missing: {exp_ids:?}");
    }
    for p in ["mmc", "mn-cmc", "epp"] {
        f.run(&["programs", "show", p]).ok();
    }
    // `--json` belongs to `programs`, so it goes before `show`.
    let shown = f.run(&["programs", "--json", "show", "cmc"]).ok().json();
    assert_eq!(shown["id"], "cmc");
    assert!(shown["categories"]["experience"]["service"].is_string());
    let err = f.run(&["programs", "show", "cpa"]).refused();
    assert!(err.contains("cpa"), "{err}");

    // check: a good copy passes, broken ones are refused naming the file.
    let good = f.scratch.join("my-cmc.toml");
    std::fs::copy(cmc_toml(), &good).unwrap();
    let out = f.run(&["programs", "check", s(&good)]).ok().stdout;
    assert!(out.contains("my-cmc.toml") && out.contains("valid"), "{out}");
    let text = std::fs::read_to_string(cmc_toml()).unwrap();
    let broken_cases = [
        ("broken-syntax.toml", text.replacen("id = \"cmc\"", "id = cmc\"", 1)),
        ("broken-required.toml", text.replacen("required = 60", "required = -60", 1)),
        ("broken-category.toml", text.replacen("categories = [\"institute\", \"academy\"]", "categories = [\"nope\"]", 1)),
        ("broken-field.toml", text.replacen("required = 60", "required = 60\nrequird = 61", 1)),
        ("empty.toml", String::new()),
    ];
    for (name, content) in broken_cases {
        assert_ne!(content, text, "{name} must differ from the original");
        let path = f.scratch.join(name);
        std::fs::write(&path, content).unwrap();
        let err = f.run(&["programs", "check", s(&path)]).refused();
        assert!(err.contains(name), "the error should name {name}: {err}");
    }
    let err = f.run(&["programs", "check", s(&f.scratch.join("missing.toml"))]).refused();
    assert!(err.contains("missing.toml"), "{err}");
}

#[test]
fn a_rules_file_in_the_data_folder_changes_status_and_a_malformed_one_is_named() {
    let f = Folio::new();
    f.init();
    let required = |f: &Folio| {
        let st = f.run(&["status", "--program", "cmc", "--today", "2026-11-24", "--json"]).ok().json();
        st["requirements"][0]["required"].as_f64().unwrap()
    };
    assert_eq!(required(&f), 60.0);

    let programs = f.data.join("programs");
    std::fs::create_dir_all(&programs).unwrap();
    let text = std::fs::read_to_string(cmc_toml()).unwrap();
    assert_eq!(text.matches("required = 60").count(), 1);
    std::fs::write(programs.join("cmc.toml"), text.replace("required = 60", "required = 70")).unwrap();
    assert_eq!(required(&f), 70.0);
    let show = f.run(&["programs", "show", "cmc"]).ok().stdout;
    assert!(show.contains("70 points") && show.contains("cmc.toml"), "{show}");
    // A file that is not *.toml is ignored.
    std::fs::write(programs.join("notes.txt"), "not rules").unwrap();
    assert_eq!(required(&f), 70.0);

    // A malformed rules file stops every command that opens the folder, naming the file.
    std::fs::write(programs.join("zz-mine.toml"), "id = \"mine\"\nname = 3\n").unwrap();
    for args in [&["status", "--today", "2026-11-24"][..], &["list", "education"], &["programs"], &["init"]] {
        let err = f.run(args).refused();
        assert!(err.contains("zz-mine.toml"), "`{}`: {err}", args.join(" "));
    }
    std::fs::remove_file(programs.join("zz-mine.toml")).unwrap();
    assert_eq!(required(&f), 70.0);
    std::fs::remove_file(programs.join("cmc.toml")).unwrap();
    assert_eq!(required(&f), 60.0);
}

/// A new portfolio has earned 0 points, not -0 (an empty float sum in Rust is -0.0, which JSON
/// keeps and a number formatter shows as "-0 of 60").
#[test]
fn a_new_portfolio_has_earned_zero_not_minus_zero() {
    let f = Folio::new();
    f.run(&["init"]).ok();
    let r = f.run(&["status", "--json"]).ok();
    assert!(!r.stdout.contains("-0.0") && !r.stdout.contains(": -0"), "{}", r.stdout);
    let status = r.json();
    for requirement in status["requirements"].as_array().unwrap() {
        assert_eq!(requirement["earned"].to_string(), "0.0", "{requirement}");
    }
    let text = f.run(&["status"]).ok().stdout;
    assert!(!text.contains(" -0 "), "{text}");
}

/// A webinar saved without points (the program publishes no schedule for it) is "no points
/// entered", never "0 claimed": she claimed nothing, and the claimed-points caveat stays away.
#[test]
fn a_record_without_points_is_not_shown_as_claimed() {
    let f = Folio::new();
    f.run(&["education", "add", "--title", "Ethics webinar", "--provider", "IIMC", "--date", "2026-02-01", "--hours", "1", "--category", "webinar"]).ok();
    let status = f.run(&["status", "--json"]).ok().json();
    let record = status["requirements"][0]["records"].as_array().unwrap().iter().find(|r| r["title"] == "Ethics webinar").unwrap().clone();
    assert_eq!(record["basis"], "not-entered", "{record}");
    assert!(!status["notes"].as_array().unwrap().iter().any(|n| n.as_str().unwrap().contains("'claimed'")), "{}", status["notes"]);
    let text = f.run(&["status"]).ok().stdout;
    let line = text.lines().find(|l| l.contains("Ethics webinar")).unwrap();
    assert!(line.contains("no points entered") && !line.contains("claimed"), "{line}");
}

/// A character the packet's font lacks (an emoji) is named before the packet is made, with
/// where it is; accented Latin, Greek and Cyrillic print and are not flagged.
#[test]
fn characters_the_packet_cannot_print_are_named_before_it_is_made() {
    let f = Folio::new();
    f.run(&["profile", "set", "--name", "Renée Castañeda-Wójcik Ζωή Жанна"]).ok();
    f.run(&["education", "add", "--title", "Records 🗂 Management", "--provider", "IIMC", "--date", "2025-02-01", "--hours", "6", "--category", "institute"]).ok();
    let r = f.run(&["packet", "--check", "--json"]);
    let findings = r.json();
    let unprintable: Vec<&Value> = findings.as_array().unwrap().iter().filter(|x| x["kind"] == "unprintable").collect();
    assert_eq!(unprintable.len(), 1, "{findings:#}");
    let message = unprintable[0]["message"].as_str().unwrap();
    assert!(message.starts_with("“🗂” in the education record “Records 🗂 Management”"), "{message}");
}

// ------------------------------------------------------------------ issue 13: cut-off, sponsors

/// `designation add --recertification` (or `--program cmc-recert`) moves the MMC cut-off, which
/// `status` shows in words and as `cutoff` in JSON; `education add --sponsor` takes the sponsor's
/// stated rate: 12 h = 6 points after the recertification, the academy before it not counted.
#[test]
fn a_cmc_recertification_moves_the_mmc_cutoff_and_status_says_why() {
    let f = Folio::new();
    f.init();
    f.run(&["designation", "add", "--program", "cmc", "--date", "2019-03-01"]).ok();
    f.run(&["designation", "add", "--program", "cmc", "--recertification", "--date", "2024-05-02"]).ok();
    let list = f.run(&["list", "designation", "--json"]).ok().json();
    assert_eq!((&list[1]["program"], &list[1]["recertification"]), (&json!("cmc"), &json!(true)));
    for (date, id) in [("2024-04-10", "1"), ("2024-09-19", "2")] {
        let added = f.run(&["education", "add", "--title", "MMC Academy", "--provider", "Municipal Clerks of Illinois", "--date", date,
            "--hours", "12", "--category", "academy", "--level", "advanced", "--sponsor", "state-association"]).ok();
        assert_eq!(added.stdout.trim(), id);
    }
    assert_eq!(f.run(&["list", "education", "--json"]).ok().json()[0]["sponsor"], "state-association");

    let st = f.run(&["status", "--program", "mmc", "--today", "2025-01-01", "--json"]).ok().json();
    let cutoff = json!({"date": "2024-05-02", "designation": "cmc-recert", "reason": "points dated after 2024-05-02, your CMC recertification"});
    assert_eq!(st["cutoff"], cutoff);
    assert_eq!(st["requirements"][0]["cutoff"], cutoff);
    assert_eq!(st["requirements"][0]["label"], "Advanced Education");
    assert_eq!(st["requirements"][1]["label"], "Professional Contributions");
    assert_eq!(st["requirements"][0]["earned"], json!(6.0));
    assert_eq!(st["requirements"][0]["records"][1]["basis"], "sponsor-rate");
    let text = f.run(&["status", "--program", "mmc", "--today", "2025-01-01"]).ok().stdout;
    assert!(text.contains("cut-off: points dated after 2024-05-02, your CMC recertification"), "{text}");
    assert!(text.contains("at the sponsor's stated rate"), "{text}");
    assert_eq!(f.run(&["status", "--program", "cmc", "--today", "2025-01-01", "--json"]).ok().json()["cutoff"], Value::Null);

    // The same through the id, and a sponsor that is not a state association: points open.
    f.run(&["designation", "add", "--program", "cmc-recert", "--date", "2024-12-01"]).ok();
    f.run(&["education", "edit", "2", "--sponsor", "university"]).ok();
    let st = f.run(&["status", "--program", "mmc", "--today", "2025-01-01", "--json"]).ok().json();
    assert_eq!(st["cutoff"]["date"], "2024-12-01");
    assert_ne!(f.run(&["education", "edit", "2", "--sponsor", "county"]).code, Some(0));
}

/// `status --program epp`: the same shape as the other programs, one requirement `hours` for the
/// cycle that contains `--today`, the cycle itself at the top; `programs show epp` and the
/// text output say the same figures.
#[test]
fn status_epp_counts_the_hours_of_the_cycle_that_contains_the_day() {
    let f = Folio::new();
    f.init();
    f.run(&["designation", "add", "--program", "cmc", "--date", "2019-03-01"]).ok();
    f.run(&["designation", "add", "--program", "mmc", "--date", "2024-06-01"]).ok();
    for (title, date, hours) in [("Records webinar", "2025-03-05", "6"), ("MMC Academy", "2025-07-15", "12"), ("Region IX academy", "2025-09-12", "20")] {
        f.run(&["education", "add", "--title", title, "--provider", "IIMC", "--date", date, "--hours", hours, "--category", "academy"]).ok();
    }
    // 2025-07-20: July 2025 belongs to the cycle ending 2025-07-31: 6 + 12 = 18 of 30.
    let st = f.run(&["status", "--program", "epp", "--today", "2025-07-20", "--json"]).ok().json();
    assert_eq!(st["program"], "epp");
    assert_eq!(st["cycle"]["start"], "2023-07-01");
    assert_eq!(st["cycle"]["end"], "2025-07-31");
    let hours = &st["requirements"][0];
    assert_eq!((hours["id"].as_str(), hours["earned"].as_f64(), hours["required"].as_f64(), hours["unit"].as_str()), (Some("hours"), Some(18.0), Some(30.0), Some("hours")));
    // 2026-03-01: the next cycle counts from 2025-08-01: the academy's 20 alone.
    let st = f.run(&["status", "--program", "epp", "--today", "2026-03-01", "--json"]).ok().json();
    assert_eq!((st["cycle"]["start"].as_str(), st["cycle"]["end"].as_str(), st["cycle"]["counts_from"].as_str()), (Some("2025-07-01"), Some("2027-07-31"), Some("2025-08-01")));
    assert_eq!(st["requirements"][0]["earned"].as_f64(), Some(20.0));
    assert_eq!(st["checks"].as_array().unwrap().iter().find(|c| c["id"] == "prerequisite:mmc").unwrap()["met"], json!(true));
    assert_eq!(st["missing"][0], "Education hours in the cycle: 10 more hours needed (20 of 30).");
    let text = f.run(&["status", "--program", "epp", "--today", "2026-03-01"]).ok().stdout;
    assert!(text.contains("Cycle 2025-07-01 to 2027-07-31"), "{text}");
    assert!(text.lines().any(|l| l.contains("Education hours in the cycle") && l.contains("20 / 30   hours")), "{text}");
    let show = f.run(&["programs", "show", "epp"]).ok().stdout;
    assert!(show.contains("Requirement hours: Education hours in the cycle — 30 hours"), "{show}");
    assert!(show.contains("the first 2023-07-01 to 2025-07-31"), "{show}");
    assert!(show.contains("overlap (inferred): A day in July of an odd year lies in two cycles"), "{show}");
    // The MMC's fees as IIMC states them; the CMC's named without a figure.
    let mmc = f.run(&["status", "--program", "mmc", "--today", "2026-03-01", "--json"]).ok().json();
    assert_eq!(mmc["fees"][0]["amount"], "$400.00");
    assert_eq!((mmc["fees"][1]["amount"].as_str(), mmc["fees"][1]["optional"].as_bool()), (Some("$40"), Some(true)));
    let cmc = f.run(&["status", "--program", "cmc", "--today", "2026-03-01", "--json"]).ok().json();
    assert_eq!(cmc["fees"][0]["amount"], Value::Null);
    assert_eq!(cmc["cycle"], Value::Null);
}
