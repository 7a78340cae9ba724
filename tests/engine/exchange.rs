//! `clerkfolio export csv|json` and `clerkfolio import csv`, end to end: the real binary on real
//! SQLite files. A round trip reproduces every record (Unicode, commas, quotes, newlines);
//! every bad row is reported with its line and reason and nothing is imported unless all rows
//! are valid (or `--skip-invalid`); `--dry-run` writes nothing.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::common::{run, s};

struct Folio {
    _tmp: tempfile::TempDir,
    data: PathBuf,
    scratch: PathBuf,
}

fn folio() -> Folio {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let scratch = tmp.path().join("scratch");
    std::fs::create_dir_all(&scratch).unwrap();
    Folio { data, scratch, _tmp: tmp }
}

fn list(data: &Path, what: &str) -> Value {
    run(data, &["list", what, "--json"]).ok().json()
}

/// The records without their ids and evidence links (which a CSV does not carry).
fn without_ids(list: Value) -> Vec<Value> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let mut r = r.clone();
            for k in ["id", "evidence", "letters"] {
                r.as_object_mut().unwrap().remove(k);
            }
            r
        })
        .collect()
}

/// Records whose text has everything a CSV must quote, and every optional field set and unset.
fn add_awkward_records(data: &Path) {
    let add = |args: &[&str]| run(data, args).ok();
    add(&[
        "education", "add", "--title", "Clerks Institute, Year 1 — \"Foundations\"", "--provider", "St. Cloud State; Minnesota",
        "--date", "2024-03-18", "--end-date", "2024-03-22", "--hours", "40", "--category", "institute",
        "--learned", "Line one,\nline \"two\"\r\nline três: ñ, ü, 日本語, emoji 🗳️", "--certificate", "MMCI-2024/01",
        "--level", "intermediate", "--assessment", "--sponsor", "state-association",
    ]);
    add(&[
        "education", "add", "--title", "Renée's webinar", "--provider", "IIMC", "--date", "2025-01-07", "--hours", "1.25",
        "--category", "webinar", "--points", "0.5", "--reason", "stated on the certificate, \"0.5 CEU\"",
    ]);
    add(&[
        "experience", "add", "--category", "service", "--title", "City Clerk", "--organisation", "City of Łódź, \"Twin\" city",
        "--start", "2023-01-01", "--points", "12", "--reason", "claimed: 3 years", "--notes", "Tab\there;\nand a second line",
    ]);
    add(&["experience", "add", "--category", "committee", "--title", "Records committee", "--start", "2022-05-01", "--end", "2023-04-30"]);
}

#[test]
fn csv_round_trip_reproduces_every_record() {
    let f = folio();
    add_awkward_records(&f.data);
    let csv = f.scratch.join("records.csv");
    let out = run(&f.data, &["export", "csv", s(&csv)]).ok();
    assert!(out.stdout.contains("Exported 2 education and 2 experience records"), "{}", out.show());
    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFrecord,category,title,provider,organisation,start,end,hours,points,points_reason,certificate,level,assessment,learned,notes,sponsor\r\n"));
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("🗳️\",,state-association\r\n"), "the sponsor travels, after the empty notes cell: {text}");

    let fresh = f.scratch.join("fresh");
    let dry = run(&fresh, &["import", "csv", s(&csv), "--dry-run"]).ok();
    assert!(dry.stdout.contains("2 education and 2 experience records would be imported, 0 invalid rows; nothing was written"), "{}", dry.show());
    assert!(dry.stdout.contains("line    2: education"), "{}", dry.show());
    assert_eq!(list(&fresh, "education"), json!([]), "a dry run writes nothing");
    let done = run(&fresh, &["import", "csv", s(&csv)]).ok();
    assert!(done.stdout.contains("Imported 2 education and 2 experience records"), "{}", done.show());

    for what in ["education", "experience"] {
        assert_eq!(without_ids(list(&fresh, what)), without_ids(list(&f.data, what)), "{what} differs after the round trip");
    }
    // And once more: the second export is byte-for-byte the first.
    let again = f.scratch.join("again.csv");
    run(&fresh, &["export", "csv", s(&again)]).ok();
    assert_eq!(std::fs::read(&again).unwrap(), bytes);
}

/// The sponsor column: read in any spelling a spreadsheet gives it, empty or absent as not
/// recorded (files written before it existed import as they did), a wrong value refused by line.
#[test]
fn the_sponsor_column_imports_and_old_files_without_it_still_do() {
    let f = folio();
    let csv = f.scratch.join("sponsors.csv");
    std::fs::write(
        &csv,
        "record,category,title,provider,start,hours,sponsor\n\
         education,institute,Northwest Clerks Institute I,WSU,2024-06-10,40,State Association\n\
         education,institute,University institute,State U,2024-07-10,40,university\n\
         education,academy,Region IX academy,Region IX,2024-08-10,20,\n",
    )
    .unwrap();
    run(&f.data, &["import", "csv", s(&csv)]).ok();
    let sponsors: Vec<String> = list(&f.data, "education").as_array().unwrap().iter().map(|e| e["sponsor"].as_str().unwrap().to_string()).collect();
    assert_eq!(sponsors, ["state-association", "university", "unknown"]);
    // What that does to the CMC: 40 h at the sponsor's rate = 20; the university's is open (0
    // until entered); the unknown sponsor's 20 h are the 10-point estimate.
    let status = run(&f.data, &["status", "--program", "cmc", "--today", "2025-01-01", "--json"]).ok().json();
    assert_eq!(status["requirements"][0]["earned"].as_f64(), Some(30.0), "{status}");

    let old = f.scratch.join("old.csv");
    std::fs::write(&old, "record,category,title,provider,start,hours\neducation,institute,Before sponsors,St. Cloud State,2023-03-20,40\n").unwrap();
    run(&f.data, &["import", "csv", s(&old)]).ok();
    assert_eq!(list(&f.data, "education").as_array().unwrap().last().unwrap()["sponsor"], "unknown");

    let bad = f.scratch.join("bad.csv");
    std::fs::write(&bad, "record,category,title,provider,start,hours,sponsor\neducation,institute,X,Y,2024-06-10,40,county\n").unwrap();
    let r = run(&f.data, &["import", "csv", s(&bad)]);
    assert_eq!(r.code, Some(1), "{}", r.show());
    assert!(r.stdout.contains("line    2: invalid: column sponsor: unknown sponsor 'county'"), "{}", r.show());
    let r = run(&f.data, &["import", "csv", s(&bad), "--dry-run"]);
    assert_eq!(r.code, Some(1));
    let experience = f.scratch.join("exp.csv");
    std::fs::write(&experience, "record,category,title,start,sponsor\nexperience,committee,Records committee,2024-01-01,iimc\n").unwrap();
    let r = run(&f.data, &["import", "csv", s(&experience)]);
    assert!(r.stdout.contains("column sponsor does not apply to experience records"), "{}", r.show());
}

#[test]
fn json_export_is_the_list_json_of_both_kinds() {
    let f = folio();
    add_awkward_records(&f.data);
    let file = f.scratch.join("records.json");
    run(&f.data, &["export", "json", s(&file)]).ok();
    let doc: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(doc["format"], "clerkfolio-records");
    assert_eq!(doc["version"], 1);
    assert!(doc["exported_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(doc["education"], list(&f.data, "education"));
    assert_eq!(doc["experience"], list(&f.data, "experience"));
}

#[test]
fn every_bad_row_is_reported_and_nothing_is_imported() {
    let f = folio();
    let csv = f.scratch.join("sheet.csv");
    // What a clerk's spreadsheet looks like: US dates, a BOM, capitalised headers, JSON-style
    // aliases, blank rows at the end, and mistakes.
    std::fs::write(
        &csv,
        "\u{FEFF}Record,Title,Provider,Date,End_Date,Hours,Category,Points,Reason,Organisation,Notes\r\n\
         education,Budget basics,IIMC,03/15/2024,,6,course,,,,\r\n\
         education,No hours,IIMC,2024-04-01,,,course,,,,\r\n\
         experience,Deputy clerk,,1/2/2020,12/31/2022,,service,,,\"Town of Åre, MN\",\"two\nlines\"\r\n\
         education,Backwards,IIMC,2024-05-10,2024-05-01,3,course,,,,\r\n\
         education,Unknown category,IIMC,2024-06-01,,3,knitting,,,,\r\n\
         education,Points without reason,IIMC,2024-07-01,,3,course,2,,,\r\n\
         experience,Bad date,,2024-02-30,,,service,,,,\r\n\
         ,,,,,,,,,,\r\n\
         \r\n",
    )
    .unwrap();
    let data = &f.data;
    let r = run(data, &["import", "csv", s(&csv)]);
    assert_eq!(r.code, Some(1), "{}", r.show());
    let problems: Vec<&str> = r.stdout.lines().collect();
    let expected = [
        ("line    3: invalid:", "needs contact hours (column hours)"),
        ("line    6: invalid:", "ends (2024-05-01) before it starts (2024-05-10)"),
        ("line    7: invalid:", "unknown education category 'knitting'"),
        ("line    8: invalid:", "entered points need a reason, e.g. \"stated on the certificate\" (column points_reason)"),
        ("line    9: invalid:", "invalid date '2024-02-30'"),
    ];
    assert_eq!(problems.len(), expected.len(), "{}", r.show());
    for (line, (prefix, reason)) in problems.iter().zip(expected) {
        assert!(line.starts_with(prefix) && line.contains(reason), "expected {prefix} … {reason}: {}", r.show());
    }
    let err = r.stderr.trim();
    assert!(err.starts_with("error: ") && err.contains("5 of 7 rows are invalid; nothing was imported"), "{}", r.show());
    assert!(err.contains("--skip-invalid") && err.contains("sheet.csv"), "{}", r.show());
    assert_eq!(r.stderr.lines().count(), 1);
    assert_eq!(list(data, "education"), json!([]));
    assert_eq!(list(data, "experience"), json!([]));

    // The dry run shows the same, exits 1 (the import would be refused), and writes nothing.
    let dry = run(data, &["import", "csv", s(&csv), "--dry-run"]);
    assert_eq!(dry.code, Some(1), "{}", dry.show());
    assert!(dry.stdout.contains("line    2: education   2024-03-15"), "{}", dry.show());
    assert!(dry.stdout.contains("line    4: experience  2020-01-02"), "{}", dry.show());
    assert!(dry.stdout.contains("1 education and 1 experience records would be imported, 5 invalid rows"), "{}", dry.show());
    let preview = run(data, &["import", "csv", s(&csv), "--dry-run", "--skip-invalid", "--json"]).ok().json();
    assert_eq!(preview["rows"].as_array().unwrap().len(), 2);
    assert_eq!(preview["rows"][1]["record"], "experience");
    assert_eq!(preview["rows"][1]["line"], 4);
    assert_eq!(preview["rows"][1]["organisation"], "Town of Åre, MN");
    assert_eq!(preview["problems"][0], json!({"line": 3, "message": "an education record needs contact hours (column hours)", "hint": null}));
    assert_eq!(list(data, "education"), json!([]));

    // --skip-invalid imports the two valid rows, in one go.
    let done = run(data, &["import", "csv", s(&csv), "--skip-invalid"]);
    assert_eq!(done.code, Some(0), "{}", done.show());
    assert!(done.stdout.contains("Imported 1 education and 1 experience records") && done.stdout.contains("5 invalid rows left out"), "{}", done.show());
    let education = list(data, "education");
    assert_eq!(education[0]["title"], "Budget basics");
    assert_eq!(education[0]["date"], "2024-03-15");
    let experience = list(data, "experience");
    assert_eq!(experience[0]["start"], "2020-01-02");
    assert_eq!(experience[0]["end"], "2022-12-31");
    assert_eq!(experience[0]["notes"], "two\nlines");
}

#[test]
fn files_that_are_not_our_csv_are_refused_whole() {
    let f = folio();
    let write = |name: &str, bytes: &[u8]| {
        let p = f.scratch.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let cases: Vec<(PathBuf, &str)> = vec![
        (write("empty.csv", b""), "empty"),
        (write("bank.csv", b"Date,Amount,Payee\n2024-01-01,3.50,Cafe\n"), "not a Clerkfolio records file"),
        (write("extra.csv", b"record,title,colour\n"), "unknown column 'colour'"),
        (write("no-record.csv", b"title,start\nA,2024-01-01\n"), "no 'record' column"),
        (write("latin1.csv", b"record,title\xe9\n"), "not UTF-8"),
        (f.scratch.join("missing.csv"), "cannot read"),
    ];
    for (path, words) in cases {
        let err = run(&f.data, &["import", "csv", s(&path)]).refused();
        assert!(err.contains(words) && err.contains(path.file_name().unwrap().to_str().unwrap()), "{}: {err}", path.display());
    }
    // Semicolons (Excel in many regions) and a row saved in another encoding.
    let semi = write("semi.csv", "record;title;provider;start;hours;category\neducation;Ethics;IIMC;2024-01-01;2;course\neducation;Caf\u{e9};IIMC;2024-01-01;2;course\n".as_bytes());
    let mut bytes = std::fs::read(&semi).unwrap();
    bytes.extend_from_slice(b"education;Caf\xe9;IIMC;2024-01-01;2;course\n");
    std::fs::write(&semi, bytes).unwrap();
    let r = run(&f.data, &["import", "csv", s(&semi)]);
    assert_eq!(r.code, Some(1), "{}", r.show());
    assert!(r.stdout.contains("line    4: invalid: this row is not UTF-8 text"), "{}", r.show());
    run(&f.data, &["import", "csv", s(&semi), "--skip-invalid"]).ok();
    assert_eq!(list(&f.data, "education").as_array().unwrap().len(), 2);
}

#[test]
fn export_replaces_the_file_atomically_and_reports_a_missing_folder() {
    let f = folio();
    add_awkward_records(&f.data);
    let csv = f.scratch.join("records.csv");
    std::fs::write(&csv, "old contents").unwrap();
    run(&f.data, &["export", "csv", s(&csv)]).ok();
    assert!(std::fs::read(&csv).unwrap().starts_with(b"\xEF\xBB\xBFrecord,"));
    let names: Vec<_> = std::fs::read_dir(&f.scratch).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "no temp file is left: {names:?}");
    let err = run(&f.data, &["export", "json", s(&f.scratch.join("no/such/folder/x.json"))]);
    assert_eq!(err.code, Some(0), "the folder is created: {}", err.show());
    let file_as_folder = f.scratch.join("records.csv/x.json");
    let err = run(&f.data, &["export", "json", s(&file_as_folder)]).refused();
    assert!(err.contains("cannot write") && err.contains("x.json"), "{err}");
}
