//! `clerkfolio read` and `clerkfolio intake`, end to end: the real binary on certificates of the
//! labelled set (tests/fixtures/certificates) and the corpus, a real SQLite file. Asserts the JSON
//! contract of docs/CLI.md, what `--apply` adds (and what it leaves for the clerk), and refusals.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{corpus, run, s};

fn certificates() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/certificates")
}

const FIELDS: [&str; 11] =
    ["title", "provider", "recipient", "date", "end_date", "hours", "credits", "credits_unit", "certificate_number", "category", "level"];

#[test]
fn read_says_what_a_certificate_states_with_the_words_it_came_from() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let file = certificates().join("pdf/l01-classic-v0.pdf");
    let reading = run(&data, &["read", s(&file), "--json"]).ok().json();
    assert_eq!(reading["text_from"], "pdf-text");
    assert_eq!(reading["file"], s(&file));
    let fields = reading["fields"].as_object().unwrap();
    for (name, field) in fields {
        assert!(FIELDS.contains(&name.as_str()), "unexpected field {name}");
        assert!(field["value"].is_string() && field["source"].is_string(), "{name}: {field}");
        let confidence = field["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&confidence), "{name}: {confidence}");
    }
    // The labels of this file (tests/fixtures/certificates/labels.json).
    assert_eq!(fields["title"]["value"], "Records Management Essentials");
    assert_eq!(fields["recipient"]["value"], "Jane Q. Doe");
    assert_eq!(fields["date"]["value"], "2024-03-18");
    assert_eq!(fields["end_date"]["value"], "2024-03-22");
    assert_eq!(fields["hours"]["value"], "21");
    assert!(fields["hours"]["source"].as_str().unwrap().contains("21 contact hours"), "{reading}");
    assert!(!fields.contains_key("credits"), "a field not stated is absent: {reading}");
    // Nothing was written: reading needs no portfolio.
    assert!(!data.join("clerkfolio.sqlite3").exists());

    let text = run(&data, &["read", s(&file)]).ok().stdout;
    assert!(text.contains("Records Management Essentials") && text.contains("from “March 18–22, 2024"), "{text}");
}

#[test]
fn read_refuses_what_is_no_certificate_with_the_reason() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let missing = tmp.path().join("nowhere.pdf");
    assert!(run(&data, &["read", s(&missing)]).refused().contains("nowhere.pdf"));
    let locked = corpus().join("pdf/005-libreoffice-writer-password_libreoffice-writer-password.pdf");
    let why = run(&data, &["read", s(&locked)]).refused();
    assert!(why.contains("password"), "{why}");
    let text = tmp.path().join("notes.pdf");
    std::fs::write(&text, "just some words").unwrap();
    assert!(run(&data, &["read", s(&text)]).refused().contains("not a PDF, JPEG, PNG or TIFF"));
    // A FIFO never gets a writer: reading it would wait forever. It is refused at once.
    let fifo = tmp.path().join("pipe.pdf");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let started = Instant::now();
    assert!(run(&data, &["read", s(&fifo)]).refused().contains("is not a file"));
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn intake_adds_what_needs_nothing_and_lists_the_rest_with_reasons() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let folder = tmp.path().join("certificates");
    std::fs::create_dir_all(folder.join("2023")).unwrap();
    for (from, to) in [
        ("pdf/l01-classic-v0.pdf", "classic.pdf"),      // Jane Q. Doe, everything stated
        ("pdf/l02-webinar-v0.pdf", "2023/webinar.pdf"), // another recipient
        ("pdf/l03-letter-v0.pdf", "2023/letter.pdf"),   // no category wording
    ] {
        std::fs::copy(certificates().join(from), folder.join(to)).unwrap();
    }
    std::fs::write(folder.join("readme.txt"), "not a certificate").unwrap();
    run(&data, &["profile", "set", "--name", "Jane Q. Doe"]).ok();

    let r = run(&data, &["intake", s(&folder), "--apply", "--json"]);
    assert_eq!(r.code, Some(0), "{}", r.show());
    assert!(r.stderr.contains("Read 4 of 4"), "progress goes to stderr: {}", r.show());
    let doc = r.json();
    assert_eq!((doc["ready"].as_u64(), doc["needs_review"].as_u64(), doc["unreadable"].as_u64()), (Some(1), Some(2), Some(1)), "{doc:#}");
    let files = doc["files"].as_array().unwrap();
    let by_name = |name: &str| files.iter().find(|f| f["file"].as_str().unwrap().ends_with(name)).unwrap_or_else(|| panic!("{name}: {doc:#}"));
    let added = by_name("classic.pdf");
    assert_eq!(added["ready"], true);
    let id = added["record"].as_i64().unwrap();
    assert_eq!(doc["added"], serde_json::json!([id]));
    let webinar = by_name("webinar.pdf");
    assert_eq!(webinar["ready"], false);
    assert!(webinar["checks"][0].as_str().unwrap().contains("not to your profile name “Jane Q. Doe”"), "{webinar:#}");
    assert_eq!(webinar["record"], Value::Null);
    let letter = by_name("letter.pdf");
    assert_eq!(letter["missing"], serde_json::json!(["category"]));
    assert!(by_name("readme.txt")["error"].as_str().unwrap().contains("not a PDF"));

    // The record exists with the certificate attached; the others did not become records.
    let education = run(&data, &["list", "education", "--json"]).ok().json();
    let records = education.as_array().unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["title"], "Records Management Essentials");
    assert_eq!(records[0]["date"], "2024-03-18");
    assert_eq!(records[0]["end_date"], "2024-03-22");
    assert_eq!(records[0]["hours"], 21.0);
    assert_eq!(records[0]["category"], "institute");
    assert_eq!(records[0]["evidence"].as_array().unwrap().len(), 1);
    run(&data, &["verify"]).ok();

    // Again: the same certificate is now known twice over, and nothing is added twice.
    let again = run(&data, &["intake", s(&folder.join("classic.pdf")), "--apply", "--json"]).json();
    let checks = again["files"][0]["checks"].as_array().unwrap();
    assert!(checks.iter().any(|c| c.as_str().unwrap().contains("already in your evidence")), "{again:#}");
    assert!(checks.iter().any(|c| c.as_str().unwrap().contains("A record of this course already exists")), "{again:#}");
    assert_eq!(again["added"], serde_json::json!([]));
    assert_eq!(run(&data, &["list", "education", "--json"]).ok().json().as_array().unwrap().len(), 1);
}
