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
    assert!(run(&data, &["read", s(&text)]).refused().contains("not a PDF, JPEG, PNG, TIFF, WebP or HEIC"));
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
    assert_eq!(records[0]["from_certificate"], true, "marked as read from a certificate");
    run(&data, &["verify"]).ok();

    // Again: the same certificate is now known twice over, and nothing is added twice.
    let again = run(&data, &["intake", s(&folder.join("classic.pdf")), "--apply", "--json"]).json();
    let checks = again["files"][0]["checks"].as_array().unwrap();
    assert!(checks.iter().any(|c| c.as_str().unwrap().contains("already in your evidence")), "{again:#}");
    assert!(checks.iter().any(|c| c.as_str().unwrap().contains("A record of this course already exists")), "{again:#}");
    assert_eq!(again["added"], serde_json::json!([]));
    assert_eq!(run(&data, &["list", "education", "--json"]).ok().json().as_array().unwrap().len(), 1);
}

/// The app's review queue (engine side): queued readings outlive the workspace, count for
/// nothing until accepted, and an accept makes the record (as corrected), attaches the file and
/// ends the item in one step; a file moved or changed since it was read is refused by name.
#[test]
fn the_review_queue_keeps_readings_until_each_is_accepted_or_skipped() {
    use clerkfolio_core::Workspace;
    use clerkfolio_core::certificate::{self, Ocr};

    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let folder = tmp.path().join("downloads");
    std::fs::create_dir_all(&folder).unwrap();
    let names = ["l01-classic-v0.pdf", "l02-webinar-v0.pdf", "l03-letter-v0.pdf"];
    for name in names {
        std::fs::copy(certificates().join("pdf").join(name), folder.join(name)).unwrap();
    }
    {
        let mut ws = Workspace::open(&data).unwrap();
        for name in names {
            let path = folder.join(name);
            let reading = certificate::read(&path, &Ocr::disabled("not needed for text PDFs")).unwrap();
            ws.queue_add(&path, &reading).unwrap();
            assert_eq!(ws.queue_add(&path, &reading).unwrap(), ws.queue().unwrap().last().unwrap().id, "queued once");
        }
        assert!(ws.education().unwrap().is_empty(), "nothing counts before it is accepted");
    }
    // Closed and opened again: the queue is still there.
    let mut ws = Workspace::open(&data).unwrap();
    let queue = ws.queue().unwrap();
    assert_eq!(queue.iter().map(|q| q.name.as_str()).collect::<Vec<_>>(), names);
    assert_eq!(queue[2].suggestion.missing, ["category"]);

    // Accept the first with a corrected title; skip the second.
    let mut changes = queue[0].suggestion.changes.clone();
    changes.title = Some("Records Management Essentials (Year 1)".into());
    let id = ws.queue_accept(queue[0].id, changes).unwrap();
    ws.queue_skip(queue[1].id).unwrap();
    let education = ws.education().unwrap();
    assert_eq!(education.len(), 1);
    assert_eq!(education[0].id, id);
    assert_eq!(education[0].title, "Records Management Essentials (Year 1)");
    assert_eq!(education[0].evidence.len(), 1);
    assert!(education[0].from_certificate);
    assert_eq!(ws.queue().unwrap().iter().map(|q| q.name.as_str()).collect::<Vec<_>>(), ["l03-letter-v0.pdf"]);
    assert!(ws.queue_accept(queue[1].id, queue[1].suggestion.changes.clone()).is_err(), "a skipped item is gone");

    // The third: without a category it cannot be accepted as it is; a changed file is refused.
    let third = &ws.queue().unwrap()[0];
    let err = ws.queue_accept(third.id, third.suggestion.changes.clone()).unwrap_err();
    assert_eq!(err.kind(), "invalid", "{err}");
    let mut fixed = third.suggestion.changes.clone();
    fixed.category = Some("course".into());
    std::fs::write(&third.path, b"%PDF-1.4 a different file").unwrap();
    let err = ws.queue_accept(third.id, fixed.clone()).unwrap_err();
    assert!(err.to_string().contains("changed after it was read") || err.kind() == "refused", "{err}");
    std::fs::remove_file(&third.path).unwrap();
    let err = ws.queue_accept(third.id, fixed).unwrap_err();
    assert!(err.to_string().contains("if you moved it, add it to the queue again"), "{err}");
    assert_eq!(ws.education().unwrap().len(), 1, "nothing half-added");
    assert_eq!(ws.queue().unwrap().len(), 1);
    assert!(ws.verify().unwrap().problems.is_empty());
}
