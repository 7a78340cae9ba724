//! What a clerk's first week broke (issue "Everyday use"), in the real window: Escape threw away
//! a filled form without asking; changes made outside the window (the command line) did not show,
//! and a packet made before a change still said "Packet ready".

use std::path::Path;

use serde_json::json;

use clerkfolio_core::Workspace;
use clerkfolio_core::workspace::Attach;

use crate::e2e::{LONG, SHORT, Session, Window, launch, one_window_at_a_time, tools};

const ESCAPE: &str = "\u{E00C}";

async fn press_escape(w: &Window) {
    let focused = w.client.active_element().await.expect("an element has focus");
    focused.send_keys(ESCAPE).await.expect("Escape");
}

pub(crate) async fn start_demo(w: &Window) {
    w.shown("[data-testid=start-demo]", LONG).await;
    w.click("[data-testid=start-demo]").await;
    w.shown("[data-testid=screen-dashboard] h1", LONG).await;
}

/// The app on a fresh data folder with the demo portfolio, the window held for this test alone.
pub(crate) async fn demo_app() -> (tokio::sync::MutexGuard<'static, ()>, Session, Window) {
    let window = one_window_at_a_time().await;
    let session = Session::start(&tools());
    let w = launch(&session.driver).await;
    start_demo(&w).await;
    (window, session, w)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn escape_closes_an_untouched_form_at_once_and_asks_before_discarding_a_filled_one() {
    let (_window, session, w) = demo_app().await;
    w.nav("education").await;

    // Untouched: Escape closes it, no question.
    w.click("[data-testid=add-education]").await;
    w.shown("[data-testid=education-dialog]", SHORT).await;
    press_escape(&w).await;
    w.gone("[data-testid=education-dialog]", SHORT).await;
    w.gone("[data-testid=confirm-dialog]", SHORT).await;

    // Typed into: Escape asks; Escape again (or "Keep editing") goes back to the form, as it was.
    w.click("[data-testid=add-education]").await;
    w.type_into("[data-testid=education-dialog] [name=title]", "Budget basics").await;
    press_escape(&w).await;
    let question = w.text("[data-testid=confirm-dialog]", SHORT).await;
    assert!(question.contains("Discard your changes?"), "{question}");
    assert!(question.contains("Keep editing"), "{question}");
    press_escape(&w).await;
    w.gone("[data-testid=confirm-dialog]", SHORT).await;
    let title = w.js("return document.querySelector('[data-testid=education-dialog] [name=title]').value;", vec![]).await;
    assert_eq!(title, json!("Budget basics"), "the form keeps what was typed");

    // Cancel, then Discard: the form goes, and opens empty again.
    w.click("[data-testid=education-dialog] [data-testid=cancel]").await;
    w.click("[data-testid=confirm-dialog] [data-testid=confirm]").await;
    w.gone("[data-testid=education-dialog]", SHORT).await;
    w.click("[data-testid=add-education]").await;
    let title = w.js("return document.querySelector('[data-testid=education-dialog] [name=title]').value;", vec![]).await;
    assert_eq!(title, json!(""));
    press_escape(&w).await;
    w.gone("[data-testid=education-dialog]", SHORT).await;
    assert_eq!(w.snapshot().await["education"].as_array().unwrap().len(), 5, "nothing was saved");
    w.close().await;
    drop(session);
}

/// The record of the demo without a certificate: (id, title).
fn record_without_evidence(data: &Path) -> (i64, String) {
    let ws = Workspace::open(data).unwrap();
    let e = ws.education().unwrap().into_iter().find(|e| e.evidence.is_empty()).expect("the demo has a course without a certificate");
    (e.id, e.title)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_made_outside_the_window_shows_and_marks_the_packet_out_of_date() {
    let (_window, session, w) = demo_app().await;
    let (data, out) = (&session.data, &session.out);

    // A packet made in the app: "Packet ready".
    let packet = out.join("packet.pdf");
    w.answer_dialog("pick_save", &packet).await;
    w.nav("packet").await;
    w.wait_js("the preflight check", LONG, "return document.querySelector('[data-testid=preflight]') && document.querySelector('[data-testid=preflight]').getAttribute('aria-busy') !== 'true';", vec![]).await;
    w.click("[data-testid=generate-packet]").await;
    let report = w.text("[data-testid=packet-report] h2", LONG).await;
    assert_eq!(report, "Packet ready");

    // Meanwhile, the command line (another process's connection: here the engine in the test)
    // attaches the missing certificate. The window shows it without a restart or a click.
    let (id, title) = record_without_evidence(data);
    let certificate = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/certificates/pdf/l01-classic-v0.pdf");
    Workspace::open(data).unwrap().add_evidence(&certificate, Some(Attach::Education(id))).unwrap();
    w.wait_js("the packet marked out of date", LONG, "return document.querySelector('[data-testid=packet-report]').getAttribute('data-outdated') === 'true';", vec![]).await;
    assert_eq!(w.text("[data-testid=packet-report] h2", SHORT).await, "Packet out of date");
    w.shown("[data-testid=packet-outdated]", SHORT).await;

    // And the Evidence screen no longer lists the record as missing its document.
    w.nav("evidence").await;
    let missing = w.js("const m = document.querySelector('[data-testid=missing-evidence]'); return m ? m.textContent : '';", vec![]).await;
    assert!(!missing.as_str().unwrap().contains(&title), "{title} still listed as missing its document: {missing}");
    w.close().await;
    drop(session);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrongly_attached_file_is_detached_in_the_window_and_stays_in_evidence() {
    let (_window, session, w) = demo_app().await;
    let data = &session.data;

    // The employment letter (in the vault) dropped on an education record's dialog, and saved.
    let snapshot = w.snapshot().await;
    let letter = snapshot["evidence"].as_array().unwrap().iter().find(|e| e["original_name"].as_str().unwrap().starts_with("Employment-Verification")).unwrap().clone();
    let letter_id = letter["id"].as_i64().unwrap();
    let sha = letter["sha256"].as_str().unwrap();
    let vault_file = data.join("vault").join(&sha[..2]).join(format!("{sha}.pdf"));
    assert!(vault_file.is_file(), "{}", vault_file.display());
    let (id, title) = record_without_evidence(data);
    w.nav("education").await;
    let row = format!("[data-testid=row-education-{id}]");
    w.click(&format!("{row} [data-testid=edit]")).await;
    w.shown("[data-testid=education-dialog]", SHORT).await;
    w.drop_files(&[&vault_file]).await;
    w.shown("[data-testid=education-dialog] [data-pending=add]", SHORT).await;
    w.click("[data-testid=education-dialog] [data-testid=save]").await;
    w.gone("[data-testid=education-dialog]", LONG).await;
    let attached = |s: &serde_json::Value| s["education"].as_array().unwrap().iter().find(|e| e["id"] == json!(id)).unwrap()["evidence"].clone();
    assert_eq!(attached(&w.snapshot().await), json!([letter_id]), "{title}: the wrong document is attached");

    // Edit again: the file has Detach; after saving it is no longer the record's, still in Evidence.
    w.click(&format!("{row} [data-testid=edit]")).await;
    w.click(&format!("[data-testid=education-dialog] [data-testid=detach-{letter_id}]")).await;
    w.shown(&format!("[data-testid=education-dialog] [data-testid=attached-{letter_id}][data-pending=detach]"), SHORT).await;
    w.click("[data-testid=education-dialog] [data-testid=save]").await;
    w.gone("[data-testid=education-dialog]", LONG).await;
    let snapshot = w.snapshot().await;
    assert_eq!(attached(&snapshot), json!([]), "detached");
    let still = snapshot["evidence"].as_array().unwrap().iter().find(|e| e["id"] == json!(letter_id)).expect("the file stays in Evidence");
    assert!(!still["used_by"].as_array().unwrap().iter().any(|u| u.as_str().unwrap().starts_with("education")), "{still}");
    w.close().await;
    drop(session);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_date_typed_only_in_part_is_refused_with_the_field() {
    let (_window, session, w) = demo_app().await;
    w.nav("education").await;
    w.click("[data-testid=add-education]").await;
    let dlg = "[data-testid=education-dialog]";
    w.type_into(&format!("{dlg} [name=title]"), "Budget basics").await;
    w.type_into(&format!("{dlg} [name=provider]"), "IIMC").await;
    w.set_value(&format!("{dlg} [name=category]"), "course").await;
    w.set_value(&format!("{dlg} [name=start]"), "2025-03-14").await;
    w.type_into(&format!("{dlg} [name=hours]"), "6").await;
    // Only the month of the last day: the field is neither empty nor a date.
    let end = w.client.find(fantoccini::Locator::Css(&format!("{dlg} [name=end]"))).await.unwrap();
    end.send_keys("03").await.unwrap();
    let partial = w.js("const e = document.querySelector(arguments[0]); return [e.value, e.validity.badInput];", vec![json!(format!("{dlg} [name=end]"))]).await;
    assert_eq!(partial, json!(["", true]), "WebKit keeps a half-typed date as bad input");
    w.click(&format!("{dlg} [data-testid=save]")).await;
    let error = w.text(&format!("{dlg} [data-testid=error-end]"), SHORT).await;
    assert_eq!(error, "Enter the end date in full: day, month and year.");
    assert_eq!(w.snapshot().await["education"].as_array().unwrap().len(), 5, "nothing saved as a one-day event");
    w.close().await;
    drop(session);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_overlapping_membership_is_questioned_before_it_is_saved() {
    let (_window, session, w) = demo_app().await;
    let before = w.snapshot().await["membership"].as_array().unwrap().len();
    w.nav("membership").await;
    w.click("[data-testid=add-membership]").await;
    let dlg = "[data-testid=membership-dialog]";
    w.shown(dlg, SHORT).await;
    w.type_into(&format!("{dlg} [name=organisation]"), "IIMC").await;
    w.set_value(&format!("{dlg} [name=member_type]"), "full").await;
    w.set_value(&format!("{dlg} [name=start]"), "2024-01-01").await;
    w.click(&format!("{dlg} [data-testid=save]")).await;
    let question = w.text("[data-testid=confirm-dialog]", SHORT).await;
    assert!(question.contains("This period overlaps another") && question.contains("Full IIMC membership"), "{question}");
    w.click("[data-testid=confirm-dialog] [data-testid=cancel]").await;
    w.gone("[data-testid=confirm-dialog]", SHORT).await;
    w.shown(dlg, SHORT).await;
    assert_eq!(w.snapshot().await["membership"].as_array().unwrap().len(), before, "nothing saved while she goes back");
    // Saved anyway when she says so.
    w.click(&format!("{dlg} [data-testid=save]")).await;
    w.click("[data-testid=confirm-dialog] [data-testid=save]").await;
    w.gone(dlg, LONG).await;
    assert_eq!(w.snapshot().await["membership"].as_array().unwrap().len(), before + 1);
    w.close().await;
    drop(session);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_letter_dropped_on_the_letter_slot_is_the_letter() {
    let (_window, session, w) = demo_app().await;
    w.nav("experience").await;
    w.click("[data-testid=add-experience]").await;
    let dlg = "[data-testid=experience-dialog]";
    w.shown(dlg, SHORT).await;
    let letter = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/certificates/pdf/l03-letter-v0.pdf");
    let proof = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/certificates/pdf/l01-classic-v0.pdf");
    w.js("document.querySelector(arguments[0]).scrollIntoView({ block: 'center' }); return true;", vec![json!(format!("{dlg} [data-testid=attached-letter]"))]).await;
    w.drop_files_on(&[&letter], Some(&format!("{dlg} [data-testid=attached-letter]"))).await;
    w.wait_js("the letter in its slot", SHORT, "const e = shown(arguments[0]); return e && e.textContent.includes('l03-letter-v0.pdf');", vec![json!(format!("{dlg} [data-testid=attached-letter]"))]).await;
    let files = w.js("return document.querySelector(arguments[0]).textContent;", vec![json!(format!("{dlg} [data-testid=attached-files]"))]).await;
    assert!(!files.as_str().unwrap().contains("l03-letter-v0.pdf"), "the letter is not a supporting document: {files}");
    // Dropped anywhere else in the dialog: a supporting document.
    w.drop_files_on(&[&proof], Some(&format!("{dlg} [name=title]"))).await;
    w.wait_js("the proof among the documents", SHORT, "const e = shown(arguments[0]); return e && e.textContent.includes('l01-classic-v0.pdf');", vec![json!(format!("{dlg} [data-testid=attached-files]"))]).await;
    w.close().await;
    drop(session);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_future_activity_is_saved_as_planned_and_gives_the_projected_date() {
    let (_window, session, w) = demo_app().await;
    // The demo is 6 experience points short: next year's IIMC conference, claimed at 8 points.
    let today = w.snapshot().await["info"]["today"].as_str().unwrap().to_string();
    let next_year = format!("{}-05-18", today[..4].parse::<i32>().unwrap() + 1);
    w.nav("experience").await;
    w.click("[data-testid=add-experience]").await;
    let dlg = "[data-testid=experience-dialog]";
    w.set_value(&format!("{dlg} [name=category]"), "conference-iimc").await;
    w.type_into(&format!("{dlg} [name=title]"), "IIMC Annual Conference").await;
    w.set_value(&format!("{dlg} [name=start]"), &next_year).await;
    // A date after today ticks "Planned" and says why.
    w.shown(&format!("{dlg} [data-testid=planned-note]"), SHORT).await;
    assert_eq!(w.js("return document.querySelector(arguments[0]).checked;", vec![json!(format!("{dlg} [name=planned]"))]).await, json!(true));
    w.js("const e = document.querySelector(arguments[0]); e.scrollIntoView({ block: 'center' }); e.click(); return true;", vec![json!(format!("{dlg} [name=enter_points]"))]).await;
    w.type_into(&format!("{dlg} [name=points]"), "8").await;
    w.type_into(&format!("{dlg} [name=reason]"), "claimed: IIMC Annual Conference").await;
    w.click(&format!("{dlg} [data-testid=save]")).await;
    w.gone(dlg, LONG).await;

    let snapshot = w.snapshot().await;
    let added = snapshot["experience"].as_array().unwrap().iter().find(|e| e["title"] == "IIMC Annual Conference" && e["start"] == json!(next_year)).expect("saved").clone();
    assert_eq!(added["planned"], true);
    let cmc = &snapshot["status"]["cmc"];
    assert_eq!(cmc["eligible"], false);
    assert_eq!(cmc["projected_eligible_on"], json!(next_year), "the planned conference closes the gap on its day");
    assert_eq!(cmc["requirements"][1]["earned"].as_f64(), Some(44.0), "planned points never count as earned");
    w.nav("dashboard").await;
    let headline = w.text("[data-testid=eligibility] .eligibility-headline", SHORT).await;
    assert!(headline.starts_with("With your planned activity: eligible on "), "{headline}");
    w.close().await;
    drop(session);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_without_points_is_named_on_the_dashboard_with_a_way_to_it() {
    let (_window, session, w) = demo_app().await;
    // An experience record saved without points (a committee she has not claimed points for),
    // from the command line while the app is open: the dashboard shows it by itself.
    let changes = clerkfolio_core::model::ExperienceChanges {
        category: Some("committee".into()),
        title: Some("Budget committee".into()),
        start: chrono::NaiveDate::from_ymd_opt(2024, 2, 1),
        ..Default::default()
    };
    Workspace::open(&session.data).unwrap().add_experience(changes, &[], None).unwrap();
    w.wait_js("the committee named among what is missing", LONG,
        "const e = shown('[data-testid=program-cmc] [data-testid=missing]'); return e && e.textContent.includes('no points entered for \"Budget committee\"');", vec![]).await;
    w.click("[data-testid=program-cmc] [data-testid=missing-go-experience]").await;
    w.shown("[data-testid=screen-experience] h1", SHORT).await;
    w.close().await;
    drop(session);
}
