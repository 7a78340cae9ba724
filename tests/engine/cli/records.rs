//! Education, experience and evidence records: add, list, edit, detach, remove,
//! through the real binary (the helpers are the parent module's).

use serde_json::{Value, json};

use super::*;

// ------------------------------------------------------------------ education

const EDUCATION_KEYS: &[&str] = &[
    "id", "title", "provider", "category", "certificate", "date", "end_date", "hours", "points", "points_reason",
    "learned", "level", "assessment", "evidence", "recorded_on", "from_certificate", "planned", "sponsor", "submitted",
];

#[test]
fn education_add_list_edit_remove() {
    let f = Folio::new();
    f.init();
    let a = f.png("attendance.png", 10);
    let b = f.jpeg("certificate.jpg", 11);
    let full = f
        .run(&[
            "education", "add",
            "--title", "Records Management — Advanced",
            "--provider", "Łódź Clerks Association",
            "--date", "2024-05-01",
            "--end-date", "2024-05-03",
            "--hours", "12.5",
            "--category", "association",
            "--points", "3",
            "--reason", "stated on the certificate",
            "--learned", "Retention schedules; e-discovery",
            "--certificate", "AB-12/2024",
            "--level", "advanced",
            "--assessment",
            "--evidence", s(&a),
            "--evidence", s(&b),
        ])
        .ok()
        .id();
    let bare = f
        .run(&["education", "add", "--title", "Webinar", "--provider", "IIMC", "--date", "2024-09-09", "--hours", "1", "--category", "webinar"])
        .ok()
        .id();
    assert_ne!(full, bare);

    let evidence = f.list("evidence");
    let ev_ids: Vec<i64> = evidence.as_array().unwrap().iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert_eq!(ev_ids.len(), 2);
    let names: Vec<&str> = evidence.as_array().unwrap().iter().map(|e| e["original_name"].as_str().unwrap()).collect();
    assert_eq!(names, ["attendance.png", "certificate.jpg"]);

    let list = f.list("education");
    assert_eq!(list.as_array().unwrap().len(), 2);
    for row in list.as_array().unwrap() {
        assert_eq!(keys(row), set(EDUCATION_KEYS), "{row}");
    }
    let expected = json!({
        "id": full,
        "title": "Records Management — Advanced",
        "provider": "Łódź Clerks Association",
        "category": "association",
        "certificate": "AB-12/2024",
        "date": "2024-05-01",
        "end_date": "2024-05-03",
        "hours": 12.5,
        "points": 3.0,
        "points_reason": "stated on the certificate",
        "learned": "Retention schedules; e-discovery",
        "level": "advanced",
        "assessment": true,
        "evidence": ev_ids,
        "recorded_on": TODAY, "from_certificate": false, "planned": false, "sponsor": "unknown", "submitted": [],
    });
    assert_eq!(by_id(&list, full), expected);
    assert_eq!(
        by_id(&list, bare),
        json!({
            "id": bare, "title": "Webinar", "provider": "IIMC", "category": "webinar", "certificate": "",
            "date": "2024-09-09", "end_date": null, "hours": 1.0, "points": null, "points_reason": null,
            "learned": "", "level": null, "assessment": false, "evidence": [], "recorded_on": TODAY, "from_certificate": false, "planned": false, "sponsor": "unknown", "submitted": [],
        })
    );

    // Edit one field: only it changes, the evidence stays linked.
    f.run(&["education", "edit", &full.to_string(), "--hours", "12"]).ok();
    let mut edited = expected.clone();
    edited["hours"] = json!(12.0);
    assert_eq!(by_id(&f.list("education"), full), edited);

    // Clearing flags.
    f.run(&["education", "edit", &full.to_string(), "--no-end-date", "--clear-points", "--no-assessment"]).ok();
    let row = by_id(&f.list("education"), full);
    assert_eq!((&row["end_date"], &row["points"], &row["points_reason"], &row["assessment"]), (&Value::Null, &Value::Null, &Value::Null, &json!(false)));
    assert_eq!(row["evidence"], json!(ev_ids));
    // Edit adds evidence.
    let c = f.png("extra.png", 12);
    f.run(&["education", "edit", &bare.to_string(), "--evidence", s(&c), "--level", "basic"]).ok();
    let row = by_id(&f.list("education"), bare);
    assert_eq!(row["evidence"].as_array().unwrap().len(), 1);
    assert_eq!(row["level"], "basic");
    // Edit refusals change nothing.
    let before = f.list("education");
    f.run(&["education", "edit", &full.to_string(), "--hours", "-1"]).refused();
    f.run(&["education", "edit", &full.to_string(), "--end-date", "2024-04-30"]).refused();
    f.run(&["education", "edit", &full.to_string(), "--category", "bogus"]).refused();
    f.run(&["education", "edit", "999", "--hours", "1"]).refused();
    assert_eq!(f.list("education"), before);

    // Remove: the record goes, its evidence stays in the vault, unused.
    f.run(&["education", "remove", &full.to_string()]).ok();
    let list = f.list("education");
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["id"], json!(bare));
    let evidence = f.list("evidence");
    assert_eq!(evidence.as_array().unwrap().len(), 3);
    for id in &ev_ids {
        assert_eq!(by_id(&evidence, *id)["used_by"], json!([]));
    }
    f.run(&["education", "remove", &full.to_string()]).refused();
    f.run(&["verify"]).ok();
}

#[test]
fn education_refusals_record_nothing_and_store_no_file() {
    let f = Folio::new();
    f.init();
    f.run(&["education", "add", "--title", "Kept", "--provider", "P", "--date", "2024-01-10", "--hours", "3", "--category", "course", "--points", "1", "--reason", "r"])
        .ok();
    let education = f.list("education");
    let evidence = f.list("evidence");
    let files = f.vault_files();

    let base = ["education", "add", "--title", "Refused", "--provider", "P", "--date", "2024-03-01"];
    let cases: &[(&[&str], &str)] = &[
        (&["--hours", "-3", "--category", "course"], "contact hours"),
        (&["--hours", "3", "--category", "underwater-basket-weaving"], "unknown education category"),
        (&["--hours", "3", "--category", "course", "--points", "2"], "error:"),
        (&["--hours", "3", "--category", "course", "--reason", "no points"], "error:"),
        (&["--hours", "3", "--category", "course", "--end-date", "2024-02-28"], "before it starts"),
        (&["--hours", "3", "--category", "course", "--points", "2", "--reason", "  "], "reason"),
        (&["--hours", "3", "--category", "course", "--points", "-2", "--reason", "r"], "points"),
        (&["--hours", "99999", "--category", "course"], "contact hours"),
        (&["--hours", "NaN", "--category", "course"], "contact hours"),
        (&["--hours", "three", "--category", "course"], "three"),
        (&["--hours", "3", "--category", "course", "--level", "expert"], "expert"),
    ];
    for (i, (extra, needle)) in cases.iter().enumerate() {
        let file = f.png(&format!("refused-{i}.png"), 100 + i as u32);
        let mut args: Vec<&str> = base.to_vec();
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--evidence", s(&file)]);
        let err = f.run(&args).refused();
        assert!(err.contains(needle), "`{}`: {err}", args.join(" "));
        assert_eq!(f.list("education"), education, "after `{}`", args.join(" "));
        assert_eq!(f.list("evidence"), evidence, "after `{}`", args.join(" "));
        assert_eq!(f.vault_files(), files, "a refused add must not leave a vault file: `{}`", args.join(" "));
    }
    // Missing required fields.
    for missing in ["--title", "--provider", "--date", "--hours", "--category"] {
        let mut args: Vec<&str> = vec!["education", "add"];
        for (flag, value) in [("--title", "T"), ("--provider", "P"), ("--date", "2024-01-01"), ("--hours", "2"), ("--category", "course")] {
            if flag != missing {
                args.extend_from_slice(&[flag, value]);
            }
        }
        let err = f.run(&args).refused();
        assert!(err.contains(missing), "`{}` should say {missing} is needed: {err}", args.join(" "));
    }
    assert_eq!(f.list("education"), education);
    assert_eq!(f.vault_files(), files);
}

/// clap reports a missing argument over two lines ("the following required arguments were not
/// provided:" then the argument); the CLI keeps only the first line, so the message never says
/// which argument is missing. And `clerkfolio` alone prints the program's description as an
/// "error:". All problems are collected so one run shows every one.
#[test]
fn one_line_errors_keep_what_clap_said() {
    let f = Folio::new();
    f.init();
    let mut problems = Vec::new();
    let run = f.run_env(&[], &[]);
    if !(run.stdout.contains("Usage:") || run.stderr.contains("Usage:")) {
        problems.push(format!("`clerkfolio` with no arguments should show the usage, not its description as an error: {}", run.show()));
    }
    let cases: &[(&[&str], &[&str])] = &[
        (&["list"], &["WHAT", "education"]),
        (&["education", "add", "--title", "T", "--provider", "P", "--date", "2024-01-01", "--hours", "3", "--category", "course", "--points", "2"], &["--reason"]),
        (&["experience", "add", "--category", "service", "--title", "T", "--start", "2024-01-01", "--reason", "r"], &["--points"]),
        (&["membership", "add", "--start", "2024-01-01"], &["--type"]),
        (&["designation", "add", "--program", "cmc"], &["--date"]),
        (&["evidence", "add"], &["FILE"]),
    ];
    for (args, any_of) in cases {
        let run = f.run(args);
        let code = run.code;
        let err = run.refused();
        assert_eq!(code, Some(2), "unusable arguments exit 2: {err}");
        if !any_of.iter().any(|n| err.contains(n)) {
            problems.push(format!("`clerkfolio {}` should name {}: {err}", args.join(" "), any_of.join(" or ")));
        }
    }
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

/// docs/CLI.md documents `programs show ID [--json]`, but `--json` is only accepted before `show`.
#[test]
fn programs_show_takes_json_as_documented() {
    let f = Folio::new();
    f.init();
    let run = f.run(&["programs", "show", "cmc", "--json"]);
    assert_eq!(run.code, Some(0), "`programs show cmc --json` is documented in docs/CLI.md: {}", run.show());
    assert_eq!(run.json()["id"], "cmc");
}

/// A refused add must leave the vault as it was, also when the refusal comes after a first file
/// was accepted (several --evidence files) or when the record to attach to does not exist.
#[test]
fn a_refused_add_leaves_no_file_in_the_vault() {
    let f = Folio::new();
    f.init();
    let good = f.png("good.png", 7);
    let bad = f.scratch.join("notes.pdf");
    std::fs::write(&bad, "meeting notes, not a PDF").unwrap();
    let mut problems = Vec::new();
    let err = f
        .run(&["education", "add", "--title", "T", "--provider", "P", "--date", "2024-01-01", "--hours", "3", "--category", "course",
            "--evidence", s(&good), "--evidence", s(&bad)])
        .refused();
    assert!(err.contains("notes.pdf"), "{err}");
    let err = f
        .run(&["experience", "add", "--category", "service", "--title", "T", "--start", "2024-01-01", "--evidence", s(&good), "--letter", s(&bad)])
        .refused();
    assert!(err.contains("notes.pdf"), "{err}");
    assert_eq!(f.list("education"), json!([]));
    assert_eq!(f.list("experience"), json!([]));
    assert_eq!(f.list("evidence"), json!([]));
    if !f.vault_files().is_empty() {
        problems.push(format!("a record refused for its second file leaves the first in the vault: {:?}", f.vault_files()));
    }

    for to in ["education:42", "experience:42", "letter:42"] {
        let err = f.run(&["evidence", "add", s(&good), "--to", to]).refused();
        assert!(err.contains("42"), "{err}");
        assert_eq!(f.list("evidence"), json!([]));
        if !f.vault_files().is_empty() {
            problems.push(format!("`evidence add FILE --to {to}` (no such record) is refused but leaves the file in the vault: {:?}", f.vault_files()));
            break;
        }
    }
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

// ------------------------------------------------------------------ experience

#[test]
fn experience_add_edit_remove_and_list_json() {
    let f = Folio::new();
    f.init();
    let proof = f.png("minutes.png", 20);
    let letter = f.png("employment-letter.png", 21);
    let clerk = f
        .run(&[
            "experience", "add", "--category", "service", "--title", "City Clerk", "--organisation", "City of Łańcut",
            "--start", "2020-01-06", "--points", "50", "--reason", "claimed", "--notes", "Full-time",
            "--evidence", s(&proof), "--letter", s(&letter),
        ])
        .ok()
        .id();
    let committee = f
        .run(&["experience", "add", "--category", "committee", "--title", "Elections committee", "--organisation", "MCFOA", "--start", "2021-01-01", "--end", "2022-12-31"])
        .ok()
        .id();
    let evidence = f.list("evidence");
    let proof_id = evidence.as_array().unwrap().iter().find(|e| e["original_name"] == "minutes.png").unwrap()["id"].as_i64().unwrap();
    let letter_id = evidence.as_array().unwrap().iter().find(|e| e["original_name"] == "employment-letter.png").unwrap()["id"].as_i64().unwrap();
    assert_eq!(by_id(&evidence, letter_id)["used_by"], json!([format!("experience {clerk} (employment letter)")]));
    assert_eq!(by_id(&evidence, proof_id)["used_by"], json!([format!("experience {clerk}")]));

    let list = f.list("experience");
    for row in list.as_array().unwrap() {
        assert_eq!(
            keys(row),
            set(&["id", "category", "title", "organisation", "start", "end", "points", "points_reason", "notes", "evidence", "letters", "recorded_on", "planned", "submitted"])
        );
    }
    assert_eq!(
        by_id(&list, clerk),
        json!({
            "id": clerk, "category": "service", "title": "City Clerk", "organisation": "City of Łańcut",
            "start": "2020-01-06", "end": null, "points": 50.0, "points_reason": "claimed", "notes": "Full-time",
            "evidence": [proof_id], "letters": [letter_id], "recorded_on": TODAY, "planned": false, "submitted": [],
        })
    );
    assert_eq!(by_id(&list, committee)["end"], "2022-12-31");
    assert_eq!(by_id(&list, committee)["letters"], json!([]));
    assert_eq!(by_id(&list, committee)["points"], Value::Null);

    // Edit.
    f.run(&["experience", "edit", &clerk.to_string(), "--end", "2025-12-31", "--title", "City Clerk-Treasurer"]).ok();
    let row = by_id(&f.list("experience"), clerk);
    assert_eq!((row["end"].as_str(), row["title"].as_str()), (Some("2025-12-31"), Some("City Clerk-Treasurer")));
    assert_eq!(row["letters"], json!([letter_id]));
    f.run(&["experience", "edit", &clerk.to_string(), "--no-end", "--clear-points"]).ok();
    let row = by_id(&f.list("experience"), clerk);
    assert_eq!((&row["end"], &row["points"], &row["points_reason"]), (&Value::Null, &Value::Null, &Value::Null));
    let second_letter = f.png("letter-2.png", 22);
    f.run(&["experience", "edit", &clerk.to_string(), "--letter", s(&second_letter)]).ok();
    assert_eq!(by_id(&f.list("experience"), clerk)["letters"].as_array().unwrap().len(), 2);

    // Refusals change nothing.
    let before = f.list("experience");
    let files = f.vault_files();
    let extra = f.png("unused.png", 23);
    for args in [
        vec!["experience", "edit", &*committee.to_string(), "--end", "2020-12-31"].into_iter().map(String::from).collect::<Vec<_>>(),
        ["experience", "add", "--category", "astronaut", "--title", "T", "--start", "2020-01-01", "--evidence", s(&extra)].map(String::from).to_vec(),
        ["experience", "add", "--category", "service", "--title", "T", "--start", "2020-01-01", "--end", "2019-01-01", "--letter", s(&extra)].map(String::from).to_vec(),
        ["experience", "add", "--category", "service", "--title", "T", "--start", "2020-01-01", "--points", "5"].map(String::from).to_vec(),
        ["experience", "add", "--category", "service", "--title", " ", "--start", "2020-01-01"].map(String::from).to_vec(),
        ["experience", "add", "--category", "service", "--title", "T"].map(String::from).to_vec(),
        ["experience", "edit", "999", "--title", "T"].map(String::from).to_vec(),
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        f.run(&args).refused();
        assert_eq!(f.list("experience"), before, "after `{}`", args.join(" "));
        assert_eq!(f.vault_files(), files, "after `{}`", args.join(" "));
    }

    // Remove.
    f.run(&["experience", "remove", &committee.to_string()]).ok();
    let list = f.list("experience");
    assert_eq!(list.as_array().unwrap().len(), 1);
    f.run(&["experience", "remove", &committee.to_string()]).refused();
    f.run(&["experience", "remove", &clerk.to_string()]).ok();
    assert_eq!(f.list("experience"), json!([]));
    assert!(f.list("evidence").as_array().unwrap().iter().all(|e| e["used_by"] == json!([])));
}

// ------------------------------------------------------------------ detaching evidence

/// The id of the evidence file first added as `name`.
fn evidence_id(evidence: &Value, name: &str) -> i64 {
    evidence.as_array().unwrap().iter().find(|e| e["original_name"] == name).unwrap()["id"].as_i64().unwrap()
}

#[test]
fn a_wrongly_attached_file_is_detached_and_stays_in_the_vault_until_removed() {
    let f = Folio::new();
    let wrong = f.png("employment-letter.png", 31);
    let course = f
        .run(&["education", "add", "--title", "Open Meeting Law Refresher", "--provider", "IIMC", "--date", "2024-04-02", "--hours", "3", "--category", "institute", "--evidence", s(&wrong)])
        .ok()
        .id();
    let wrong_id = evidence_id(&f.list("evidence"), "employment-letter.png");
    assert_eq!(by_id(&f.list("education"), course)["evidence"], json!([wrong_id]));

    f.run(&["education", "edit", &course.to_string(), "--detach", &wrong_id.to_string()]).ok();
    assert_eq!(by_id(&f.list("education"), course)["evidence"], json!([]));
    assert_eq!(by_id(&f.list("evidence"), wrong_id)["used_by"], json!([]), "listed, used by nothing");
    assert_eq!(f.vault_files().len(), 1, "the file stays in the vault");
    let check = f.run(&["packet", "--check", "--today", TODAY]);
    assert!(check.stdout.contains("no-evidence: education record \"Open Meeting Law Refresher\" (2024-04-02) has no supporting document attached"), "{}", check.show());
    let verify = f.run(&["verify", "--json"]).ok().json();
    assert_eq!((verify["problems"].clone(), verify["unreferenced"].clone()), (json!([]), json!([])), "{verify}");
    f.run(&["evidence", "remove", &wrong_id.to_string()]).ok();
    assert_eq!(f.list("evidence"), json!([]));
    assert!(f.vault_files().is_empty());
}

#[test]
fn an_experience_record_detaches_its_documents_and_its_letter() {
    let f = Folio::new();
    let (proof, letter) = (f.png("minutes.png", 41), f.png("letter.png", 42));
    let clerk = f
        .run(&["experience", "add", "--category", "service", "--title", "City Clerk", "--start", "2020-01-06", "--evidence", s(&proof), "--letter", s(&letter)])
        .ok()
        .id();
    let evidence = f.list("evidence");
    let (proof_id, letter_id) = (evidence_id(&evidence, "minutes.png"), evidence_id(&evidence, "letter.png"));
    f.run(&["experience", "edit", &clerk.to_string(), "--detach", &letter_id.to_string(), "--title", "City Clerk-Treasurer"]).ok();
    let row = by_id(&f.list("experience"), clerk);
    assert_eq!((&row["evidence"], &row["letters"], &row["title"]), (&json!([proof_id]), &json!([]), &json!("City Clerk-Treasurer")));
    f.run(&["experience", "edit", &clerk.to_string(), "--detach", &proof_id.to_string()]).ok();
    let row = by_id(&f.list("experience"), clerk);
    assert_eq!((&row["evidence"], &row["letters"]), (&json!([]), &json!([])));
    assert!(f.list("evidence").as_array().unwrap().iter().all(|e| e["used_by"] == json!([])));
    assert_eq!(f.vault_files().len(), 2);
}

#[test]
fn detaching_a_file_the_record_does_not_have_is_refused_and_changes_nothing() {
    let f = Folio::new();
    let (mine, other) = (f.png("mine.png", 51), f.png("other.png", 52));
    let course = f
        .run(&["education", "add", "--title", "Records", "--provider", "IIMC", "--date", "2024-04-02", "--hours", "3", "--category", "institute", "--evidence", s(&mine)])
        .ok()
        .id()
        .to_string();
    let position = f
        .run(&["experience", "add", "--category", "service", "--title", "Clerk", "--start", "2020-01-06", "--letter", s(&other)])
        .ok()
        .id()
        .to_string();
    let evidence = f.list("evidence");
    let (mine_id, other_id) = (evidence_id(&evidence, "mine.png").to_string(), evidence_id(&evidence, "other.png").to_string());
    let before = (f.list("education"), f.list("experience"), f.list("evidence"), f.vault_files());
    let err = f.run(&["education", "edit", &course, "--title", "Renamed", "--detach", &mine_id, "--detach", &other_id]).refused();
    assert_eq!(err, format!("error: evidence {other_id} is not attached to education record {course}; nothing was changed (see `clerkfolio list education`)"));
    let err = f.run(&["experience", "edit", &position, "--detach", &mine_id]).refused();
    assert!(err.contains(&format!("evidence {mine_id} is not attached to experience record {position}")), "{err}");
    f.run(&["experience", "edit", &position, "--detach", "999"]).refused();
    assert_eq!((f.list("education"), f.list("experience"), f.list("evidence"), f.vault_files()), before);

    let mut ws = clerkfolio_core::Workspace::open(&f.data).unwrap();
    let changes = clerkfolio_core::model::EducationChanges { detach: vec![999], ..Default::default() };
    let e = ws.edit_education(course.parse().unwrap(), changes, &[]).unwrap_err();
    assert_eq!((e.kind(), e.message()), ("not_found", format!("evidence 999 is not attached to education record {course}; nothing was changed")));
}

// ------------------------------------------------------------------ evidence

#[test]
fn evidence_is_stored_once_and_removed_only_when_unused() {
    let f = Folio::new();
    f.init();
    let cert = f.png("certificate.png", 30);
    let id = f.run(&["evidence", "add", s(&cert)]).ok().id();
    assert_eq!(f.run(&["evidence", "add", s(&cert)]).ok().id(), id, "the same file twice is one evidence");
    let renamed = f.scratch.join("copy with another name.png");
    std::fs::copy(&cert, &renamed).unwrap();
    assert_eq!(f.run(&["evidence", "add", s(&renamed)]).ok().id(), id, "same content, other name: same evidence");
    assert_eq!(f.vault_files().len(), 1);
    assert_eq!(f.list("evidence").as_array().unwrap().len(), 1);

    // Attach to records.
    let edu = f
        .run(&["education", "add", "--title", "Course", "--provider", "P", "--date", "2024-01-10", "--hours", "3", "--category", "course"])
        .ok()
        .id();
    let exp = f.run(&["experience", "add", "--category", "service", "--title", "Clerk", "--start", "2020-01-01"]).ok().id();
    let linked = f.png("linked.png", 31);
    let linked_id = f.run(&["evidence", "add", s(&linked), "--to", &format!("education:{edu}")]).ok().id();
    assert_ne!(linked_id, id);
    assert_eq!(by_id(&f.list("education"), edu)["evidence"], json!([linked_id]));
    // Adding it again to the same record does not duplicate the link.
    assert_eq!(f.run(&["evidence", "add", s(&linked), "--to", &format!("education:{edu}")]).ok().id(), linked_id);
    assert_eq!(by_id(&f.list("education"), edu)["evidence"], json!([linked_id]));
    let proof = f.png("proof.png", 32);
    let proof_id = f.run(&["evidence", "add", s(&proof), "--to", &format!("experience:{exp}")]).ok().id();
    let letter = f.png("letter.png", 33);
    let letter_id = f.run(&["evidence", "add", s(&letter), "--to", &format!("letter:{exp}")]).ok().id();
    let row = by_id(&f.list("experience"), exp);
    assert_eq!((&row["evidence"], &row["letters"]), (&json!([proof_id]), &json!([letter_id])));
    assert_eq!(f.vault_files().len(), 4);

    // In use: refused, and the message says by what.
    let err = f.run(&["evidence", "remove", &linked_id.to_string()]).refused();
    assert!(err.contains(&format!("education {edu}")), "{err}");
    let err = f.run(&["evidence", "remove", &letter_id.to_string()]).refused();
    assert!(err.contains(&format!("experience {exp}")), "{err}");
    assert_eq!(f.list("evidence").as_array().unwrap().len(), 4);
    assert_eq!(f.vault_files().len(), 4);

    // Unused: removed, with its vault file.
    let row = by_id(&f.list("evidence"), id);
    let sha = row["sha256"].as_str().unwrap().to_string();
    let stored = f.vault().join(&sha[..2]).join(format!("{sha}.png"));
    assert!(stored.is_file());
    f.run(&["evidence", "remove", &id.to_string()]).ok();
    assert!(!stored.exists(), "the vault file goes with the evidence");
    assert_eq!(f.vault_files().len(), 3);
    assert!(f.list("evidence").as_array().unwrap().iter().all(|e| e["id"] != json!(id)));
    f.run(&["evidence", "remove", &id.to_string()]).refused();

    // Once the record is gone its evidence can go too.
    f.run(&["education", "remove", &edu.to_string()]).ok();
    f.run(&["evidence", "remove", &linked_id.to_string()]).ok();
    assert_eq!(f.vault_files().len(), 2);

    // Bad --to values and missing files.
    for to in ["education", "education:x", "course:1", "experience:"] {
        let err = f.run(&["evidence", "add", s(&cert), "--to", to]).refused();
        assert!(err.contains(to), "{err}");
    }
    let err = f.run(&["evidence", "add", s(&f.scratch.join("nope.pdf"))]).refused();
    assert!(err.contains("nope.pdf"), "{err}");
    f.run(&["verify"]).ok();
}

#[test]
fn list_evidence_json_fields_and_hashes() {
    let f = Folio::new();
    f.init();
    let png = f.png("scan.png", 40);
    let jpg = f.jpeg("photo.jpg", 41);
    let edu = f
        .run(&["education", "add", "--title", "Course", "--provider", "P", "--date", "2024-01-10", "--hours", "3", "--category", "course", "--evidence", s(&png)])
        .ok()
        .id();
    f.run(&["evidence", "add", s(&jpg)]).ok();
    let list = f.list("evidence");
    assert_eq!(list.as_array().unwrap().len(), 2);
    for (row, source, kind, ext, used) in [
        (&list[0], &png, "png", "png", json!([format!("education {edu}")])),
        (&list[1], &jpg, "jpeg", "jpg", json!([])),
    ] {
        assert_eq!(keys(row), set(&["id", "sha256", "original_name", "type", "size", "pages", "added_at", "used_by"]), "{row}");
        let bytes = std::fs::read(source).unwrap();
        let sha = row["sha256"].as_str().unwrap();
        assert_eq!(sha.len(), 64);
        assert!(sha.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()), "{sha}");
        assert_eq!(sha, sha256_hex(&bytes));
        assert_eq!(row["original_name"], source.file_name().unwrap().to_str().unwrap());
        assert_eq!(row["type"], kind);
        assert_eq!(row["size"], json!(bytes.len()));
        assert_eq!(row["pages"], json!(1));
        assert_eq!(row["used_by"], used);
        let added = row["added_at"].as_str().unwrap();
        assert!(added.len() == 20 && added.ends_with('Z') && &added[10..11] == "T", "RFC 3339 UTC: {added}");
        let stored = f.vault().join(&sha[..2]).join(format!("{sha}.{ext}"));
        assert_eq!(std::fs::read(&stored).unwrap(), bytes, "the vault holds the file's exact bytes");
    }
    // The sha256sum tool agrees, where it exists.
    if let Ok(out) = Command::new("sha256sum").arg(&png).output() {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.starts_with(list[0]["sha256"].as_str().unwrap()), "{text}");
    }
}
