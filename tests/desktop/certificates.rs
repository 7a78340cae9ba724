//! Certificates in, records out, in the real window (issue: "Drop your certificates, get your
//! records"): three certificates dropped on the Add from certificates screen are read into the
//! review queue; one is reviewed with a field corrected and accepted; the app is closed and opened
//! again and the queue is still there; one more is accepted, one skipped. The records exist with
//! their certificates attached, and nothing else was added.

use std::path::{Path, PathBuf};

use serde_json::json;

use crate::e2e::{LONG, SHORT, Session, Window, launch, one_window_at_a_time, tools};

fn certificate(name: &str, into: &Path) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/certificates/pdf").join(name);
    let to = into.join(name);
    std::fs::copy(&from, &to).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    to
}

/// The queue as the UI has it: `[(id, file name)]`.
async fn queue(w: &Window) -> Vec<(i64, String)> {
    let snapshot = w.snapshot().await;
    snapshot["intake"].as_array().unwrap().iter().map(|i| (i["id"].as_i64().unwrap(), i["name"].as_str().unwrap().to_string())).collect()
}

fn id_of(queue: &[(i64, String)], name: &str) -> i64 {
    queue.iter().find(|(_, n)| n == name).unwrap_or_else(|| panic!("{name} is not in the queue {queue:?}")).0
}

/// Opens the review of `id`, checks the dialog shows what was read, and waits for its page.
async fn open_review(w: &Window, id: i64) {
    w.click(&format!("[data-testid=intake-review-{id}]")).await;
    w.shown("[data-testid=review-dialog]", SHORT).await;
    w.shown("[data-testid=review-image]", LONG).await;
}

async fn accept(w: &Window) {
    w.click("[data-testid=review-dialog] [data-testid=save]").await;
    w.gone("[data-testid=review-dialog]", LONG).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn certificates_dropped_reviewed_accepted_and_skipped_and_the_queue_outlives_a_restart() {
    let _window = one_window_at_a_time().await;
    let tools = tools();
    let mut session = Session::start(&tools);
    let files = ["l01-classic-v0.pdf", "l02-webinar-v0.pdf", "l04-transcript-v0.pdf"].map(|n| certificate(n, &session.out));
    let w = launch(&session.driver).await;
    let _ = w.client.set_window_size(1024, 700).await;
    w.shown("[data-testid=start-empty]", LONG).await;
    w.click("[data-testid=start-empty]").await;
    w.nav("intake").await;
    w.shown("[data-testid=intake-empty]", SHORT).await;

    // Dropped on the screen: read into the queue, not added as evidence.
    w.drop_files(&files.iter().map(PathBuf::as_path).collect::<Vec<_>>()).await;
    w.wait_js("three certificates in the queue", LONG, "return document.querySelectorAll('[data-testid^=intake-item-]').length === 3;", vec![]).await;
    let q = queue(&w).await;
    assert_eq!(q.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>(), ["l01-classic-v0.pdf", "l02-webinar-v0.pdf", "l04-transcript-v0.pdf"]);
    let snapshot = w.snapshot().await;
    assert_eq!(snapshot["education"], json!([]), "nothing counts before it is accepted");
    assert_eq!(snapshot["evidence"], json!([]), "a drop on this screen is not evidence yet");
    w.screenshot("intake").await;

    // Review the first: every field read says where it came from; correct the title; accept.
    open_review(&w, id_of(&q, "l01-classic-v0.pdf")).await;
    let source = w.text("[data-testid=review-dialog] [data-testid=read-from-title]", SHORT).await;
    assert_eq!(source, "Read from: “Records Management Essentials”");
    let hours = w.text("[data-testid=review-dialog] [data-testid=read-from-hours]", SHORT).await;
    assert!(hours.contains("21 contact hours"), "{hours}");
    let value = |name: &str| format!("return document.querySelector('[data-testid=review-dialog] [name={name}]').value;");
    assert_eq!(w.js(&value("start"), vec![]).await, json!("2024-03-18"));
    assert_eq!(w.js(&value("end"), vec![]).await, json!("2024-03-22"));
    assert_eq!(w.js(&value("hours"), vec![]).await, json!("21"));
    w.type_into("[data-testid=review-dialog] [name=title]", "Records Management Essentials, Year 1").await;
    w.click("[data-testid=review-zoom]").await;
    w.screenshot("intake-review").await;
    accept(&w).await;
    w.wait_js("two left", SHORT, "return document.querySelectorAll('[data-testid^=intake-item-]').length === 2;", vec![]).await;

    // Closed and opened again: the two that wait are still there.
    w.close().await;
    session.restart(&tools);
    let w = launch(&session.driver).await;
    let _ = w.client.set_window_size(1024, 700).await;
    w.shown("[data-testid=nav-intake]", LONG).await;
    w.nav("intake").await;
    let q = queue(&w).await;
    assert_eq!(q.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>(), ["l02-webinar-v0.pdf", "l04-transcript-v0.pdf"]);
    w.shown(&format!("[data-testid=intake-item-{}]", q[0].0), SHORT).await;

    // Accept the webinar as read (its category chosen where it was not read); skip the transcript.
    open_review(&w, id_of(&q, "l02-webinar-v0.pdf")).await;
    let category = w.js(&value("category"), vec![]).await;
    if category == json!("") {
        w.set_value("[data-testid=review-dialog] [name=category]", "webinar").await;
    }
    accept(&w).await;
    w.click(&format!("[data-testid=intake-skip-{}]", id_of(&q, "l04-transcript-v0.pdf"))).await;
    w.shown("[data-testid=intake-empty]", SHORT).await;

    // Two records, each with its certificate; the skipped one made nothing.
    let snapshot = w.snapshot().await;
    let education = snapshot["education"].as_array().unwrap();
    let titles: Vec<&str> = education.iter().map(|e| e["title"].as_str().unwrap()).collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(titles.contains(&"Records Management Essentials, Year 1"), "the corrected title was saved: {titles:?}");
    assert!(education.iter().all(|e| e["evidence"].as_array().map(Vec::len) == Some(1)), "{education:?}");
    let names: Vec<&str> = snapshot["evidence"].as_array().unwrap().iter().map(|e| e["original_name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 2);
    assert!(!names.contains(&"l04-transcript-v0.pdf"), "{names:?}");
    assert!(education.iter().all(|e| e["from_certificate"] == json!(true)), "both records are marked as read from a certificate: {education:?}");
    w.close().await;
    drop(session);
}
