//! Applications as records (issue 13) in the real window: a packet generated on the Packet
//! screen is marked as submitted, then its award is recorded, and the designation appears.

use serde_json::json;

use crate::a11y::{axe, escape_back_to, open_with_enter};
use crate::e2e::{LONG, SHORT};
use crate::everyday::demo_app;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_generated_packet_is_marked_submitted_and_its_award_recorded() {
    let (_window, session, w) = demo_app().await;
    let packet = session.out.join("cmc-packet.pdf");
    // The native save dialog cannot be driven: the test answers `pick_save` with a path.
    w.answer_dialog("pick_save", &packet).await;
    w.nav("packet").await;
    w.wait_js("the preflight check", LONG, "return document.querySelector('[data-testid=preflight]') && document.querySelector('[data-testid=preflight]').getAttribute('aria-busy') !== 'true';", vec![]).await;
    w.gone("[data-testid=applications]", SHORT).await;
    w.click("[data-testid=generate-packet]").await;
    assert_eq!(w.text("[data-testid=packet-report] h2", LONG).await, "Packet ready");

    // Mark as submitted: the program is the packet's, the day today; the date field is labelled.
    w.click("[data-testid=mark-submitted]").await;
    w.shown("[data-testid=submit-dialog]", SHORT).await;
    let labels = w.js("return [...document.querySelectorAll('[data-testid=submit-dialog] input, [data-testid=submit-dialog] select')]
        .map((c) => !!document.querySelector(`label[for=\"${c.id}\"]`));", vec![]).await;
    assert!(labels.as_array().unwrap().iter().all(|l| l == &json!(true)), "every control has a label: {labels}");
    assert_eq!(w.js("return document.querySelector('[data-testid=submit-dialog] [name=program]').value;", vec![]).await, json!("cmc"));
    let today = w.js("return document.querySelector('[data-testid=submit-dialog] [name=date]').value;", vec![]).await;
    let today = today.as_str().unwrap().to_string();
    let mut serious = axe(&w, "the Mark as submitted dialog").await;
    w.click("[data-testid=submit-dialog] [data-testid=save]").await;
    w.gone("[data-testid=submit-dialog]", LONG).await;
    // Recorded once: the report says so and no longer offers it.
    w.shown("[data-testid=packet-submitted]", LONG).await;
    w.gone("[data-testid=mark-submitted]", SHORT).await;
    let listed = w.text("[data-testid=applications]", LONG).await;
    assert!(listed.contains("CMC application") && listed.contains("Submitted, awaiting IIMC"), "{listed}");
    let snapshot = w.snapshot().await;
    let a = snapshot["applications"][0].clone();
    assert_eq!((a["program"].as_str(), a["submitted_on"].as_str(), a["status"].as_str()), (Some("cmc"), Some(today.as_str()), Some("submitted")));
    let bytes = std::fs::read(&packet).unwrap();
    assert_eq!(a["packet"]["sha256"].as_str().unwrap(), clerkfolio_core::model::Sha256Hex::of(&bytes).as_str(), "the file generated is the one kept");
    assert!(!a["records"].as_array().unwrap().is_empty(), "{a}");
    // The records it used say so on the Education screen.
    w.nav("education").await;
    let marks = w.js("return document.querySelectorAll('[data-testid=submitted-mark]').length;", vec![]).await;
    assert!(marks.as_i64().unwrap() > 0, "records sent are marked: {marks}");
    w.nav("packet").await;
    // Marking it submitted does not make the packet out of date: it is still what was sent.
    assert_eq!(w.text("[data-testid=packet-report] h2", SHORT).await, "Packet ready");
    serious.extend(axe(&w, "the Packet screen with an application").await);
    w.js("document.querySelector('[data-testid=packet-report]').scrollIntoView(); return true;", vec![]).await;
    w.screenshot_as("packet-applications", 1024, 768).await;

    // Remove…, for one marked by mistake: opened from the keyboard, Escape keeps it and gives the
    // focus back; confirmed, it is gone, the packet file stays evidence, and the packet can be
    // marked as submitted again.
    let remove = "[data-testid=applications] [data-testid=remove-application]";
    assert_eq!(w.js("return document.querySelector(arguments[0]).getAttribute('aria-label');", vec![json!(remove)]).await.as_str().unwrap().split(',').next(), Some("Remove…"));
    open_with_enter(&w, remove).await;
    w.shown("[data-testid=confirm-dialog]", SHORT).await;
    assert!(w.text("[data-testid=confirm-dialog]", SHORT).await.contains("stays in Evidence"));
    serious.extend(axe(&w, "the Remove application dialog").await);
    escape_back_to(&w, "[data-testid=confirm-dialog]", remove).await;
    assert_eq!(w.snapshot().await["applications"].as_array().unwrap().len(), 1, "Escape removes nothing");
    open_with_enter(&w, remove).await;
    w.click("[data-testid=confirm-dialog] [data-testid=confirm]").await;
    w.gone("[data-testid=confirm-dialog]", LONG).await;
    w.gone("[data-testid=applications]", LONG).await;
    w.wait_js("the focus on Mark as submitted", SHORT, "const e = document.activeElement; return !!e && e.matches('[data-testid=mark-submitted]');", vec![]).await;
    w.gone("[data-testid=packet-submitted]", SHORT).await;
    let snapshot = w.snapshot().await;
    assert_eq!(snapshot["applications"], json!([]));
    assert!(snapshot["evidence"].as_array().unwrap().iter().any(|e| e["sha256"] == a["packet"]["sha256"]), "the packet stays evidence");
    w.click("[data-testid=mark-submitted]").await;
    w.shown("[data-testid=submit-dialog]", SHORT).await;
    w.click("[data-testid=submit-dialog] [data-testid=save]").await;
    w.gone("[data-testid=submit-dialog]", LONG).await;
    w.shown("[data-testid=packet-submitted]", LONG).await;
    assert_eq!(w.snapshot().await["applications"][0]["status"], "submitted");

    // Record award: an empty date is refused in the form, then the award is recorded.
    w.click("[data-testid=applications] [data-testid=record-award]").await;
    w.shown("[data-testid=award-dialog]", SHORT).await;
    serious.extend(axe(&w, "the Record award dialog").await);
    w.click("[data-testid=award-dialog] [data-testid=save]").await;
    assert!(w.text("[data-testid=award-dialog] [data-testid=error-date]", SHORT).await.contains("award date"));
    w.set_value("[data-testid=award-dialog] [name=date]", &today).await;
    w.click("[data-testid=award-dialog] [data-testid=save]").await;
    w.gone("[data-testid=award-dialog]", LONG).await;
    w.wait_js("the application approved", LONG, "return (document.querySelector('[data-testid=applications]') || {}).textContent.includes('Approved, awarded');", vec![]).await;
    w.gone("[data-testid=applications] [data-testid=record-award]", SHORT).await;
    assert!(serious.is_empty(), "axe-core finds serious problems:\n{}", serious.join("\n"));
    let snapshot = w.snapshot().await;
    let designations = snapshot["designations"].as_array().unwrap();
    assert_eq!(designations.len(), 1, "{designations:?}");
    assert_eq!((designations[0]["program"].as_str(), designations[0]["awarded_on"].as_str()), (Some("cmc"), Some(today.as_str())));
    assert_eq!(snapshot["applications"][0]["designation"], designations[0]["id"]);
    // The designation appears where designations are shown.
    w.nav("membership").await;
    let held = w.text(".designation-list", SHORT).await;
    assert!(held.contains("CMC") && held.contains("awarded"), "{held}");
    w.close().await;
    drop(session);
}
